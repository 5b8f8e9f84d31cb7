package dev.bazaar.cart.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** {@code {"guestToken"}}: the X-Cart-Token the guest was given (128-bit, 32 lowercase hex characters). */
public record MergeRequest(
        @NotNull(message = "is required")
        @Pattern(regexp = "[0-9a-f]{32}", message = "must be the 32-character cart token")
        String guestToken) {}
