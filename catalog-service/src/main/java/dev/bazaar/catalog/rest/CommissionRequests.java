package dev.bazaar.catalog.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What admins send about categories and their commission. */
public final class CommissionRequests {

    private CommissionRequests() {}

    /** A tier: above this much trailing-30-day GMV (strictly greater, minor units of USD), this rate. */
    public record TierRequest(
            @Schema(description = "Trailing-30-day GMV the shop must be strictly above, in cents", example = "1000000")
            @NotNull(message = "is required")
            @Min(value = 0, message = "must not be negative")
            Long aboveMinor,

            @Schema(description = "Basis points (700 = 7 %)", example = "700")
            @NotNull(message = "is required")
            @Min(value = 0, message = "is 0 to 10000")
            @Max(value = 10_000, message = "is 0 to 10000")
            Integer rateBps) {}

    public record NewSchedule(
            @Schema(
                    description = "ISO-8601 instant from which the schedule applies; not in the past. Left out: now.",
                    example = "2027-01-01T00:00:00Z")
            @Size(max = 40, message = "is at most 40 characters")
            String effectiveFrom,

            @Schema(description = "Basis points below the first tier (800 = 8 %)", example = "800")
            @NotNull(message = "is required")
            @Min(value = 0, message = "is 0 to 10000")
            @Max(value = 10_000, message = "is 0 to 10000")
            Integer baseRateBps,

            @Schema(description = "Thresholds strictly ascending, rates never going up; may be empty (a flat rate)")
            @Size(max = 10, message = "has at most 10 tiers")
            List<@Valid @NotNull(message = "is required") TierRequest> tiers) {}

    public record NewCategory(
            @Schema(description = "Parent category; left out, a new root")
            @Size(max = 36, message = "is a UUID")
            @Pattern(regexp = AdminShopResource.UUID_PATTERN, message = "must be a UUID")
            String parentId,

            @NotBlank(message = "is required")
            @Size(max = 60, message = "is at most 60 characters")
            @Pattern(regexp = "^[a-z0-9]+(-[a-z0-9]+)*$", message = "is lowercase letters, digits and single dashes")
            String slug,

            @NotBlank(message = "is required") @Size(max = 120, message = "is at most 120 characters")
            String name,

            @Schema(description = "The fixed commission rate, in basis points, where no schedule is in force")
            @NotNull(message = "is required")
            @Min(value = 0, message = "is 0 to 10000")
            @Max(value = 10_000, message = "is 0 to 10000")
            Integer commissionRateBps) {}

    /** PATCH: a field left out stays. The slug is permanent (product pages and search use the path). */
    public record UpdateCategory(
            @Size(max = 36, message = "is a UUID")
            @Pattern(regexp = AdminShopResource.UUID_PATTERN, message = "must be a UUID")
            String parentId,

            @Size(min = 1, max = 120, message = "is 1 to 120 characters")
            @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
            String name,

            @Min(value = 0, message = "is 0 to 10000") @Max(value = 10_000, message = "is 0 to 10000")
            Integer commissionRateBps) {}
}
