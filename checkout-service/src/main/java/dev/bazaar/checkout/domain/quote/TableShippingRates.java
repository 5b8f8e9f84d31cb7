package dev.bazaar.checkout.domain.quote;

import dev.bazaar.contracts.money.Money;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Rate-table shipping: a flat base, weight tiers on top (the first tier whose limit the parcel fits), free when the
 * seller's goods reach a threshold, international destinations at a surcharge; a seller may override the whole table.
 */
public final class TableShippingRates implements ShippingRates {

    /** Up to {@code maxGrams} (inclusive) the parcel costs {@code price} on top of the base. */
    public record Tier(int maxGrams, long price) {}

    /** A table; amounts are USD minor units. {@code freeAbove} ≤ 0 means never free. */
    public record Table(long base, List<Tier> tiers, long freeAbove, long internationalSurcharge) {
        public Table {
            tiers = List.copyOf(tiers);
            if (tiers.isEmpty()) {
                throw new IllegalArgumentException("a shipping table has at least one weight tier");
            }
        }
    }

    /** The platform default: $4.99 + weight ($0 to 1 kg, $3 to 5 kg, $9 to 20 kg, $25 above), free from $75. */
    public static final Table DEFAULT = new Table(
            499,
            List.of(
                    new Tier(1_000, 0),
                    new Tier(5_000, 300),
                    new Tier(20_000, 900),
                    new Tier(Integer.MAX_VALUE, 2_500)),
            7_500,
            1_500);

    private final String homeCountry;
    private final Table platform;
    private final Map<UUID, Table> sellerOverrides;

    public TableShippingRates(String homeCountry, Table platform, Map<UUID, Table> sellerOverrides) {
        this.homeCountry = homeCountry;
        this.platform = platform;
        this.sellerOverrides = Map.copyOf(sellerOverrides);
    }

    @Override
    public Money priceOf(Parcel p) {
        Table t = sellerOverrides.getOrDefault(p.shopId(), platform);
        if (t.freeAbove() > 0 && p.goods().amount() >= t.freeAbove()) {
            return Money.usd(0);
        }
        long weight = t.tiers().stream()
                .filter(tier -> p.weightGrams() <= tier.maxGrams())
                .findFirst()
                .orElse(t.tiers().getLast())
                .price();
        long international = homeCountry.equals(p.destination().country()) ? 0 : t.internationalSurcharge();
        return Money.usd(t.base() + weight + international);
    }
}
