package dev.bazaar.cart.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.contracts.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CartPricingTest {

    static final UUID SHOP_A = UUID.randomUUID();
    static final UUID SHOP_B = UUID.randomUUID();

    static CartLine line(UUID variant, UUID shop, int quantity, long snapshotCents) {
        return new CartLine(
                variant,
                quantity,
                Instant.parse("2026-01-01T00:00:00Z"),
                UUID.randomUUID(),
                shop,
                "Item " + variant.toString().substring(0, 4),
                Money.usd(snapshotCents));
    }

    static ProductSummary now(CartLine l, long cents, int available, boolean sellable) {
        return new ProductSummary(
                l.variantId(), l.productId(), l.shopId(), l.title(), Money.usd(cents), available, sellable);
    }

    @Test
    void totalsAreGroupedBySellerAndSumToTheSubtotal() {
        CartLine a1 = line(UUID.randomUUID(), SHOP_A, 2, 1000);
        CartLine a2 = line(UUID.randomUUID(), SHOP_A, 1, 333);
        CartLine b1 = line(UUID.randomUUID(), SHOP_B, 3, 1999);
        CartView v = CartPricing.price(
                "c",
                List.of(a1, a2, b1),
                Map.of(
                        a1.variantId(),
                        now(a1, 1000, 10, true),
                        a2.variantId(),
                        now(a2, 333, 10, true),
                        b1.variantId(),
                        now(b1, 1999, 10, true)),
                Set.of(),
                Set.of());
        assertThat(v.subtotal()).isEqualTo(Money.usd(2000 + 333 + 5997));
        assertThat(v.bySeller())
                .extracting(CartView.SellerTotal::subtotal)
                .containsExactly(Money.usd(2333), Money.usd(5997));
        assertThat(v.itemCount()).isEqualTo(6);
        assertThat(v.warnings()).isEmpty();
        assertThat(v.stale()).isFalse();
    }

    @Test
    void aChangedPriceIsChargedAtTheCurrentPriceWithAWarning() {
        CartLine l = line(UUID.randomUUID(), SHOP_A, 2, 1000);
        CartView v =
                CartPricing.price("c", List.of(l), Map.of(l.variantId(), now(l, 1200, 5, true)), Set.of(), Set.of());
        assertThat(v.items().get(0).unitPrice()).isEqualTo(Money.usd(1200));
        assertThat(v.subtotal()).isEqualTo(Money.usd(2400));
        assertThat(v.warnings()).extracting(CartView.Warning::code).containsExactly(CartView.Code.PRICE_CHANGED);
    }

    @Test
    void outOfStockAndUnavailableLinesAreWarnedAndNotCounted() {
        CartLine short1 = line(UUID.randomUUID(), SHOP_A, 3, 500);
        CartLine delisted = line(UUID.randomUUID(), SHOP_A, 1, 700);
        CartLine suspended = line(UUID.randomUUID(), SHOP_B, 1, 900);
        CartLine gone = line(UUID.randomUUID(), SHOP_A, 1, 100);
        CartView v = CartPricing.price(
                "c",
                List.of(short1, delisted, suspended, gone),
                Map.of(
                        short1.variantId(), now(short1, 500, 2, true),
                        delisted.variantId(), now(delisted, 700, 9, false),
                        suspended.variantId(), now(suspended, 900, 9, true)),
                Set.of(SHOP_B),
                Set.of());
        assertThat(v.warnings())
                .extracting(CartView.Warning::code)
                .containsExactly(
                        CartView.Code.OUT_OF_STOCK,
                        CartView.Code.UNAVAILABLE,
                        CartView.Code.UNAVAILABLE,
                        CartView.Code.UNAVAILABLE);
        assertThat(v.items()).allMatch(i -> !i.available());
        assertThat(v.subtotal()).isEqualTo(Money.usd(0));
        assertThat(v.bySeller()).isEmpty();
        assertThat(v.itemCount()).isEqualTo(6);
    }

    @Test
    void unverifiedLinesAreShownFromTheirSnapshotAndFlaggedStale() {
        CartLine fresh = line(UUID.randomUUID(), SHOP_A, 1, 1000);
        CartLine unknown = line(UUID.randomUUID(), SHOP_B, 2, 450);
        CartView v = CartPricing.price(
                "c",
                List.of(fresh, unknown),
                Map.of(fresh.variantId(), now(fresh, 1000, 5, true)),
                Set.of(),
                Set.of(unknown.variantId()));
        assertThat(v.stale()).isTrue();
        assertThat(v.items().get(1).stale()).isTrue();
        assertThat(v.items().get(1).unitPrice()).isEqualTo(Money.usd(450));
        assertThat(v.items().get(1).title()).isEqualTo(unknown.title());
        assertThat(v.subtotal()).isEqualTo(Money.usd(1900));
        assertThat(v.warnings()).isEmpty();
    }

    @Test
    void anEmptyCartIsZeroInUsd() {
        CartView v = CartPricing.price(null, List.of(), Map.of(), Set.of(), Set.of());
        assertThat(v.subtotal()).isEqualTo(Money.usd(0));
        assertThat(v.items()).isEmpty();
    }
}
