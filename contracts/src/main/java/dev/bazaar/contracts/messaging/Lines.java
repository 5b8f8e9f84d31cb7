package dev.bazaar.contracts.messaging;

import dev.bazaar.contracts.money.Money;

import java.util.UUID;

/** Small value types shared by several messages. */
public final class Lines {

    private Lines() {
    }

    /** A quantity of one variant (reservations, restocks, the quoted lines a checkout completed). */
    public record StockLine(UUID variantId, int quantity) {
    }

    /** A variant that could not be reserved: how many were asked for, how many were available. */
    public record Shortage(UUID variantId, int requested, int available) {
    }

    /** One seller's share of a payment: goods, shipping and tax charged, and the platform's commission on it. */
    public record SellerSplit(UUID shopId, Money goods, Money shipping, Money tax, Money commission) {
    }

    /** A line of an order group, with the price and commission frozen from the quote. */
    public record OrderLine(UUID variantId, UUID productId, String title, String sku, int quantity, Money unitPrice,
            Money lineTotal, int commissionRateBps, Money commission) {
    }

    /** One seller's part of an order. */
    public record OrderGroup(UUID shopId, java.util.List<OrderLine> lines, Money subtotal, Money shipping, Money tax,
            Money commission, Money total) {
    }

    /** An amount to refund to the buyer for one seller's group. */
    public record GroupRefund(UUID shopId, Money amount) {
    }

    /** A variant's sellable state, as the catalog publishes it. */
    public record VariantSummary(UUID variantId, String sku, java.util.Map<String, String> options, Money price,
            Money compareAtPrice, int available, int weightGrams) {
    }
}
