package dev.bazaar.cart.domain;

import dev.bazaar.contracts.money.Money;
import java.util.UUID;

/**
 * What the cart knows about a variant right now, from its Redis cache (fed by {@code catalog.product-events} and by
 * the catalog's lookup on a miss). {@code sellable}: the product is ACTIVE in an APPROVED shop.
 */
public record ProductSummary(
        UUID variantId, UUID productId, UUID shopId, String title, Money price, int available, boolean sellable) {}
