package dev.bazaar.cart.domain;

import dev.bazaar.contracts.money.Money;
import java.time.Instant;
import java.util.UUID;

/**
 * One line of a cart as stored: a variant, how many, when it was first added, and a snapshot of the product as the
 * buyer last saw it (title, seller, unit price). The snapshot is what a cart shows when the catalog cannot be asked,
 * and the price the buyer is warned against when the current one differs.
 */
public record CartLine(
        UUID variantId, int quantity, Instant addedAt, UUID productId, UUID shopId, String title, Money unitPrice) {}
