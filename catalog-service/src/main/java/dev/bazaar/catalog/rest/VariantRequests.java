package dev.bazaar.catalog.rest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What sellers send about one variant of a product after it was created. A new variant is a
 * {@link ProductRequests.NewVariant}, as in a new product; a change is a {@link VariantChange}. Stock is set on its
 * own ({@code PUT /api/v1/seller/variants/{id}/stock}), never here: it moves under checkouts' reservations.
 */
public final class VariantRequests {

    private VariantRequests() {}

    /** PATCH: a field left out (or null) stays as it is; at least one field is needed. */
    public record VariantChange(
            @Schema(
                    description = "A new SKU, unique within the shop (a taken one is a 409 duplicate-sku).",
                    example = "MUG-350-BLUE")
            @Size(min = 1, max = 64, message = "is 1 to 64 characters")
            @Pattern(regexp = ".*\\S.*", message = "must not be blank")
            String sku,

            @Schema(
                    description = "The variant's options, replacing the old ones as a whole.",
                    example = "{\"colour\": \"blue\", \"size\": \"350 ml\"}")
            @Size(max = 10, message = "has at most 10 options")
            Map<
                            @NotBlank @Size(max = 50, message = "option names are at most 50 characters") String,
                            @NotBlank @Size(max = 100, message = "option values are at most 100 characters") String>
                    options,

            @Schema(
                    description = "The new price. On a live product it is on sale at once: carts holding the variant"
                            + " show it with a PRICE_CHANGED warning.")
            @Valid
            ProductRequests.Price price,

            @Schema(description = "The new compare-at (\"was\") price: not below the price.") @Valid
            ProductRequests.Price compareAtPrice,

            @Schema(description = "true removes the compare-at price (the sale is over); not with compareAtPrice.")
            Boolean removeCompareAtPrice,

            @Min(value = 0, message = "must not be negative") @Max(value = 1_000_000, message = "is at most 1000 kg")
            Integer weightGrams) {

        /** Nothing to change: an empty body is refused rather than answered as a no-op. */
        @JsonIgnore
        public boolean isEmpty() {
            return sku == null
                    && options == null
                    && price == null
                    && compareAtPrice == null
                    && removeCompareAtPrice == null
                    && weightGrams == null;
        }
    }
}
