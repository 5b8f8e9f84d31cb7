package dev.bazaar.cart.rest;

import dev.bazaar.cart.domain.CartLimits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** Request bodies of the cart endpoints; Bean Validation turns bad ones into 400 problem+json before any write. */
public final class CartRequests {

    private CartRequests() {}

    /** {@code {"variantId", "quantity"}}: add 1..99 units. */
    public record AddItem(
            @NotNull(message = "is required") UUID variantId,

            @NotNull(message = "is required")
            @Min(value = 1, message = "must be at least 1")
            @Max(value = CartLimits.MAX_QUANTITY, message = "must be at most 99")
            Integer quantity) {}

    /** {@code {"quantity"}}: set 0..99 units; 0 removes the line. */
    public record SetQuantity(
            @NotNull(message = "is required")
            @Min(value = 0, message = "must be at least 0")
            @Max(value = CartLimits.MAX_QUANTITY, message = "must be at most 99")
            Integer quantity) {}
}
