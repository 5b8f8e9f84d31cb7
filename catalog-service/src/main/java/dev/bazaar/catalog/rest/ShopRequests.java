package dev.bazaar.catalog.rest;

import dev.bazaar.catalog.domain.ReturnWindow;
import dev.bazaar.catalog.domain.ShopSlug;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What sellers and admins send about shops. */
public final class ShopRequests {

    private ShopRequests() {}

    public record OpenShop(
            @NotBlank(message = "is required") @Size(max = 120, message = "is at most 120 characters")
            String name,

            @Schema(
                    description = "The shop's web address (/shops/{slug}): lowercase letters, digits and single dashes,"
                            + " 3 to 60 characters, unique. Optional: left out, it is made from the name (\"Bob's Kitchen\" →"
                            + " bobs-kitchen, or bobs-kitchen-2 when that is taken); given, it is used as it is, and a taken"
                            + " one is a 409 slug-taken. It cannot change later.",
                    example = "bobs-kitchen")
            @Pattern(regexp = ShopSlug.PATTERN, message = "is lowercase letters, digits and single dashes")
            @Size(min = ShopSlug.MIN, max = ShopSlug.MAX, message = "is 3 to 60 characters")
            String slug,

            @Size(max = 2000, message = "is at most 2000 characters")
            String description,

            @NotBlank(message = "is required")
            @Pattern(regexp = "^[A-Z]{2}$", message = "is an ISO 3166 alpha-2 code such as US")
            String country) {}

    /** PATCH: a field left out (null) stays as it is. The slug is permanent (links and search use it). */
    public record UpdateShop(
            @Size(min = 1, max = 120, message = "is 1 to 120 characters")
            String name,

            @Size(max = 2000, message = "is at most 2000 characters")
            String description,

            @Pattern(regexp = "^[A-Z]{2}$", message = "is an ISO 3166 alpha-2 code such as US")
            String country) {}

    /** PUT: the shop's return policy, for orders placed from now on (orders keep the window they were placed under). */
    public record ReturnPolicy(
            @Schema(
                    description = "How many days after delivery buyers may ask to return items: 0 to 90; 0 = the shop"
                            + " takes no returns. New shops have 30.",
                    example = "14")
            @NotNull(message = "is required: 0 to 90 days")
            @Min(value = ReturnWindow.MIN_DAYS, message = "is 0 to 90 days")
            @Max(value = ReturnWindow.MAX_DAYS, message = "is 0 to 90 days")
            Integer returnWindowDays) {}

    public record Reason(
            @NotBlank(message = "is required") @Size(max = 500, message = "is at most 500 characters")
            String reason) {}
}
