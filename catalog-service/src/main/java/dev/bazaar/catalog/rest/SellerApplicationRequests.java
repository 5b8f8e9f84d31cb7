package dev.bazaar.catalog.rest;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a buyer sends to apply to sell, and what an admin sends to reject an application. */
public final class SellerApplicationRequests {

    private SellerApplicationRequests() {}

    public record Apply(
            @Schema(
                    description = "The shop the applicant means to open (the shop itself is opened after approval).",
                    example = "Bob's Kitchen")
            @NotBlank(message = "is required")
            @Size(max = 120, message = "is at most 120 characters")
            String shopName,

            @Schema(description = "Where the seller trades from: ISO 3166-1 alpha-2.", example = "US")
            @NotBlank(message = "is required")
            @Pattern(regexp = "^[A-Z]{2}$", message = "is an ISO 3166 alpha-2 code such as US")
            String country,

            @Schema(
                    description = "Where the admins reach the applicant about the application.",
                    example = "bob@example.com")
            @NotBlank(message = "is required")
            @Email(message = "is an email address")
            @Size(max = 254, message = "is at most 254 characters")
            String contactEmail,

            @Schema(description = "Optional phone number (digits, spaces, +, -, parentheses).", example = "+1 555 0100")
            @Pattern(regexp = "^\\+?[0-9 ()-]{5,30}$", message = "is a phone number: digits, spaces, +, - and ()")
            @Size(max = 31, message = "is at most 31 characters")
            String contactPhone,

            @Schema(description = "Optional note for the admins: what the shop will sell.")
            @Size(max = 2000, message = "is at most 2000 characters")
            String message) {}

    public record Reject(
            @Schema(
                    description = "Why, shown to the applicant.",
                    example = "Please give a contact email we can verify.")
            @NotBlank(message = "is required")
            @Size(max = 500, message = "is at most 500 characters")
            String reason) {}
}
