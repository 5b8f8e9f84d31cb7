package dev.bazaar.cart.domain;

import dev.bazaar.contracts.money.Money;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Re-prices stored lines against what is known now. Pure: the same lines and summaries always give the same cart.
 * <ul>
 * <li>A line whose product is not sellable (delisted, or its shop suspended) is UNAVAILABLE and counts for nothing.
 * <li>A line asking for more than is available is OUT_OF_STOCK and counts for nothing (checkout would refuse it).
 * <li>A line whose current price differs from its snapshot is PRICE_CHANGED and counts at the current price.
 * <li>A line the catalog could not be asked about ({@code unverified}: cache miss while the catalog is unreachable)
 * shows its snapshot, counts at the snapshot price, and is flagged stale.
 * <li>A line the catalog no longer knows at all is UNAVAILABLE (shown from its snapshot).
 * </ul>
 * {@code subtotal} and {@code bySeller} sum the lines that can be bought; {@code itemCount} counts every unit.
 */
public final class CartPricing {

    public static final Currency CHARGE_CURRENCY = Currency.getInstance("USD");

    private CartPricing() {}

    public static CartView price(
            String id,
            List<CartLine> lines,
            Map<UUID, ProductSummary> current,
            Set<UUID> suspendedShops,
            Set<UUID> unverified) {
        List<CartView.Item> items = new ArrayList<>(lines.size());
        List<CartView.Warning> warnings = new ArrayList<>();
        Map<UUID, Money> bySeller = new LinkedHashMap<>();
        Money subtotal = Money.zero(CHARGE_CURRENCY);
        int itemCount = 0;
        boolean anyStale = false;
        for (CartLine line : lines) {
            itemCount += line.quantity();
            ProductSummary now = current.get(line.variantId());
            boolean gone = now == null && !unverified.contains(line.variantId());
            boolean stale = now == null && !gone;
            anyStale |= stale;
            UUID shopId = now == null ? line.shopId() : now.shopId();
            Money unitPrice = now == null ? line.unitPrice() : now.price();
            boolean priced = unitPrice != null;
            boolean shopSuspended = shopId != null && suspendedShops.contains(shopId);
            boolean sellable = priced && !gone && !shopSuspended && (stale || now.sellable());
            boolean inStock = now == null || now.available() >= line.quantity();
            boolean available = sellable && inStock;
            if (!sellable) {
                warnings.add(new CartView.Warning(
                        line.variantId(),
                        CartView.Code.UNAVAILABLE,
                        gone
                                ? "This product no longer exists."
                                : priced
                                        ? "This product is no longer sold."
                                        : "This product cannot be priced right now."));
            } else if (!inStock) {
                warnings.add(new CartView.Warning(
                        line.variantId(),
                        CartView.Code.OUT_OF_STOCK,
                        now.available() <= 0
                                ? "Out of stock."
                                : "Only " + now.available() + " left; lower the quantity to buy it."));
            }
            if (now != null
                    && sellable
                    && line.unitPrice() != null
                    && !line.unitPrice().equals(now.price())) {
                warnings.add(new CartView.Warning(
                        line.variantId(),
                        CartView.Code.PRICE_CHANGED,
                        "The price changed from " + line.unitPrice().amount() + " to "
                                + now.price().amount() + " " + now.price().currency()
                                + " (minor units) since it was added."));
            }
            Money lineTotal = priced ? unitPrice.times(line.quantity()) : null;
            if (available) {
                subtotal = subtotal.plus(lineTotal);
                bySeller.merge(shopId, lineTotal, Money::plus);
            }
            items.add(new CartView.Item(
                    line.variantId(),
                    now == null ? line.productId() : now.productId(),
                    shopId,
                    now == null ? line.title() : now.title(),
                    line.quantity(),
                    unitPrice,
                    lineTotal,
                    available,
                    stale));
        }
        List<CartView.SellerTotal> sellers = bySeller.entrySet().stream()
                .map(e -> new CartView.SellerTotal(e.getKey(), e.getValue()))
                .toList();
        return new CartView(id, List.copyOf(items), subtotal, itemCount, sellers, List.copyOf(warnings), anyStale);
    }
}
