package dev.bazaar.catalog.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What sellers send about products. Money is {amount (minor units), currency}; the platform sells in USD. */
public final class ProductRequests {

    public static final int MAX_VARIANTS = 100;

    private ProductRequests() {}

    public record Price(
            @Min(value = 0, message = "must not be negative")
            long amount,

            @NotNull(message = "is required")
            @Pattern(regexp = "USD", message = "must be USD (prices are listed in USD)")
            String currency) {}

    public record MediaItem(
            @NotBlank(message = "is required")
            @Pattern(regexp = "^https?://\\S+$", message = "must be an http(s) URL")
            @Size(max = 2000, message = "is at most 2000 characters")
            String url,

            @NotBlank(message = "is required (accessibility)") @Size(max = 300, message = "is at most 300 characters")
            String alt) {}

    public record NewVariant(
            @NotBlank(message = "is required") @Size(max = 64, message = "is at most 64 characters")
            String sku,

            @Size(max = 10, message = "has at most 10 options")
            Map<
                            @NotBlank @Size(max = 50, message = "option names are at most 50 characters") String,
                            @NotBlank @Size(max = 100, message = "option values are at most 100 characters") String>
                    options,

            @NotNull(message = "is required") @Valid Price price,
            @Valid Price compareAtPrice,

            @Min(value = 0, message = "must not be negative") @Max(value = 1_000_000, message = "is at most 1000000")
            int stock,

            @Min(value = 0, message = "must not be negative") @Max(value = 1_000_000, message = "is at most 1000 kg")
            int weightGrams) {}

    public record NewProduct(
            @NotBlank(message = "is required") @Size(max = 200, message = "is at most 200 characters")
            String title,

            @Pattern(regexp = "^[a-z0-9]+(-[a-z0-9]+)*$", message = "is lowercase letters, digits and single dashes")
            @Size(max = 120, message = "is at most 120 characters")
            String slug,

            @Size(max = 10_000, message = "is at most 10000 characters")
            String description,

            @NotNull(message = "is required") UUID categoryId,

            @Size(max = 100, message = "is at most 100 characters")
            String brand,

            @Size(max = 30, message = "has at most 30 tags")
            List<@NotBlank @Size(max = 50, message = "each tag is at most 50 characters") String> tags,

            @Size(max = 50, message = "has at most 50 attributes")
            Map<
                            @NotBlank @Size(max = 100, message = "attribute names are at most 100 characters") String,
                            @NotBlank @Size(max = 200, message = "attribute values are at most 200 characters") String>
                    attributes,

            @Size(max = 20, message = "has at most 20 images")
            List<@Valid MediaItem> media,

            @NotEmpty(message = "needs at least one variant")
            @Size(max = MAX_VARIANTS, message = "has at most 100 variants")
            List<@Valid @NotNull NewVariant> variants) {}

    /** PATCH: a field left out stays as it is. */
    public record UpdateProduct(
            @Size(min = 1, max = 200, message = "is 1 to 200 characters")
            String title,

            @Size(max = 10_000, message = "is at most 10000 characters")
            String description,

            UUID categoryId,

            @Size(max = 100, message = "is at most 100 characters")
            String brand,

            @Size(max = 30, message = "has at most 30 tags")
            List<@NotBlank @Size(max = 50, message = "each tag is at most 50 characters") String> tags,

            @Size(max = 50, message = "has at most 50 attributes")
            Map<
                            @NotBlank @Size(max = 100, message = "attribute names are at most 100 characters") String,
                            @NotBlank @Size(max = 200, message = "attribute values are at most 200 characters") String>
                    attributes,

            @Size(max = 20, message = "has at most 20 images")
            List<@Valid MediaItem> media) {}

    public record Stock(
            @Min(value = 0, message = "must not be negative") @Max(value = 1_000_000)
            int onHand) {}
}
