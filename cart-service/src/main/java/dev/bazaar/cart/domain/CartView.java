package dev.bazaar.cart.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bazaar.contracts.money.Money;
import java.util.List;
import java.util.UUID;

/**
 * The cart as a client sees it (API.md): lines re-priced against current product data, totals as Money grouped by
 * seller, and warnings. {@code stale} is true when some lines could only be shown from their snapshot because the
 * catalog could not be asked; those lines carry {@code stale: true} too.
 */
public record CartView(
        String id,
        List<Item> items,
        Money subtotal,
        int itemCount,
        List<SellerTotal> bySeller,
        List<Warning> warnings,
        boolean stale) {

    /** {@code stale} appears only when true: this line is shown from its snapshot. */
    public record Item(
            UUID variantId,
            UUID productId,
            UUID shopId,
            String title,
            int quantity,
            Money unitPrice,
            Money lineTotal,
            boolean available,
            @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean stale) {}

    public record SellerTotal(UUID shopId, Money subtotal) {}

    public record Warning(UUID variantId, Code code, String detail) {}

    public enum Code {
        PRICE_CHANGED,
        OUT_OF_STOCK,
        UNAVAILABLE
    }
}
