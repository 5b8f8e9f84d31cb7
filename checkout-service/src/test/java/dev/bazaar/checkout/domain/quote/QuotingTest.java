package dev.bazaar.checkout.domain.quote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bazaar.contracts.messaging.Lines.OptionValue;
import dev.bazaar.contracts.messaging.Lines.OrderGroup;
import dev.bazaar.contracts.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The quote arithmetic: shipping tables, tax rules, commission rounding, and sums that always equal their parts. */
class QuotingTest {

    static final UUID A = UUID.randomUUID();
    static final UUID B = UUID.randomUUID();
    static final Quoting QUOTING =
            new Quoting(new TableShippingRates("US", TableShippingRates.DEFAULT, Map.of()), BundledTaxRates.load());

    static Quoting.PricedLine line(UUID shop, int qty, long cents, int grams, int bps) {
        return new Quoting.PricedLine(
                UUID.randomUUID(), UUID.randomUUID(), shop, "Item", "SKU", qty, Money.usd(cents), grams, bps);
    }

    static Quoting.Quote quote(List<Quoting.PricedLine> lines, Destination to) {
        return QUOTING.quote(lines, to, null, null, null);
    }

    @Test
    void commissionIsTheCategoryRateHalfEvenPerLine() {
        assertThat(Quoting.orderLine(line(A, 1, 1_999, 100, 850)).commission()).isEqualTo(Money.usd(170));
        assertThat(Quoting.orderLine(line(A, 1, 1_250, 100, 1_000)).commission())
                .isEqualTo(Money.usd(125));
        // 0.5 cents rounds to the even neighbour
        assertThat(Quoting.orderLine(line(A, 1, 50, 100, 1_000)).commission()).isEqualTo(Money.usd(5));
        assertThat(Quoting.orderLine(line(A, 1, 25, 100, 1_000)).commission()).isEqualTo(Money.usd(2));
        assertThat(Quoting.orderLine(line(A, 1, 35, 100, 1_000)).commission()).isEqualTo(Money.usd(4));
    }

    @Test
    void theLineKeepsItsCategoryForAnalytics() {
        UUID category = UUID.randomUUID();
        Quoting.PricedLine l = new Quoting.PricedLine(
                UUID.randomUUID(), UUID.randomUUID(), A, "Item", "SKU", 1, Money.usd(1_000), 100, 1_000, category);
        assertThat(Quoting.orderLine(l).categoryId()).isEqualTo(category);
        assertThat(Quoting.orderLine(line(A, 1, 1_000, 100, 1_000)).categoryId())
                .isNull();
    }

    @Test
    void theLineKeepsItsVariantsOptionsInTheCatalogsOrderForTheSeller() {
        List<OptionValue> options = List.of(new OptionValue("size", "M"), new OptionValue("colour", "blue"));
        Quoting.PricedLine l = new Quoting.PricedLine(
                UUID.randomUUID(),
                UUID.randomUUID(),
                A,
                "Tee",
                "TEE-M-BLUE",
                2,
                Money.usd(1_000),
                100,
                1_000,
                null,
                options);
        Quoting.Quote q = quote(List.of(l, line(A, 1, 500, 100, 1_000)), new Destination("US", "NY"));
        assertThat(q.groups().getFirst().lines().getFirst().options()).containsExactlyElementsOf(options);
        assertThat(q.groups().getFirst().lines().getFirst().sku()).isEqualTo("TEE-M-BLUE");
        assertThat(q.groups().getFirst().lines().get(1).options()).isEmpty();
    }

    @Test
    void shippingIsBasePlusWeightTierFreeAboveTheThresholdAndDearerAbroad() {
        ShippingRates rates = new TableShippingRates(
                "US",
                TableShippingRates.DEFAULT,
                Map.of(
                        B,
                        new TableShippingRates.Table(
                                0, List.of(new TableShippingRates.Tier(Integer.MAX_VALUE, 0)), 0, 0)));
        Destination ny = new Destination("US", "NY");
        assertThat(rates.priceOf(new ShippingRates.Parcel(A, 800, Money.usd(2_000), ny)))
                .isEqualTo(Money.usd(499));
        assertThat(rates.priceOf(new ShippingRates.Parcel(A, 3_000, Money.usd(2_000), ny)))
                .isEqualTo(Money.usd(799));
        assertThat(rates.priceOf(new ShippingRates.Parcel(A, 30_000, Money.usd(2_000), ny)))
                .isEqualTo(Money.usd(2_999));
        assertThat(rates.priceOf(new ShippingRates.Parcel(A, 3_000, Money.usd(7_500), ny)))
                .isEqualTo(Money.usd(0));
        assertThat(rates.priceOf(new ShippingRates.Parcel(A, 800, Money.usd(2_000), new Destination("DE", null))))
                .isEqualTo(Money.usd(1_999));
        assertThat(rates.priceOf(new ShippingRates.Parcel(B, 30_000, Money.usd(100), ny)))
                .isEqualTo(Money.usd(0));
    }

    @Test
    void taxFollowsTheDestinationAndTaxesShippingWhereTheRuleSaysSo() {
        List<Quoting.PricedLine> cart = List.of(line(A, 2, 1_000, 400, 800));
        // New York taxes shipping: 4 % of (20.00 + 4.99) = 1.00 (0.9996 → 1.00)
        assertThat(quote(cart, new Destination("US", "NY")).tax()).isEqualTo(Money.usd(100));
        // California does not: 7.25 % of 20.00 = 1.45
        assertThat(quote(cart, new Destination("US", "ca")).tax()).isEqualTo(Money.usd(145));
        // Québec: GST 5 % + QST 9.975 % on goods and shipping (international surcharge applies)
        var qc = quote(cart, new Destination("CA", "QC"));
        assertThat(qc.shipping()).isEqualTo(Money.usd(1_999));
        assertThat(qc.tax()).isEqualTo(Money.usd(Quoting.ppm(2_000 + 1_999, 149_750)));
        // Germany: 19 % VAT with no region needed
        assertThat(quote(cart, new Destination("DE", null)).tax()).isEqualTo(Money.usd(Quoting.ppm(3_999, 190_000)));
        assertThatThrownBy(() -> quote(cart, new Destination("US", null)))
                .isInstanceOf(Quoting.UnservedDestination.class);
        assertThatThrownBy(() -> quote(cart, new Destination("BR", "SP")))
                .isInstanceOf(Quoting.UnservedDestination.class);
    }

    @Test
    void linesAreGroupedBySellerInTheOrderTheyCameAndEverySumAddsUp() {
        var q = quote(
                List.of(line(A, 1, 5_000, 500, 1_000), line(B, 3, 1_250, 200, 800), line(A, 2, 1_999, 300, 1_200)),
                new Destination("US", "TX"));
        assertThat(q.groups()).extracting(OrderGroup::shopId).containsExactly(A, B);
        assertThat(q.groups().get(0).lines()).hasSize(2);
        assertThat(q.subtotal()).isEqualTo(Money.usd(5_000 + 3_750 + 3_998));
        assertThat(q.total()).isEqualTo(q.subtotal().plus(q.shipping()).plus(q.tax()));
        assertThat(q.commission()).isEqualTo(Money.usd(500 + 300 + 480));
    }

    @Test
    void aDisplayCurrencyAddsAConvertedEstimateAndTheChargeStaysUsd() {
        var q = QUOTING.quote(
                List.of(line(A, 1, 10_000, 500, 800)),
                new Destination("US", "OR"),
                Currency.getInstance("EUR"),
                new BigDecimal("0.9215"),
                LocalDate.parse("2026-11-23"));
        assertThat(q.total()).isEqualTo(Money.usd(10_000));
        assertThat(q.displayTotal().amount()).isEqualTo(Money.of(9_215, "EUR"));
        assertThat(q.displayTotal().estimate()).isTrue();
        var jpy = QUOTING.quote(
                List.of(line(A, 1, 10_000, 500, 800)),
                new Destination("US", "OR"),
                Currency.getInstance("JPY"),
                new BigDecimal("151.37"),
                LocalDate.parse("2026-11-23"));
        assertThat(jpy.displayTotal().amount()).isEqualTo(Money.of(15_137, "JPY"));
    }

    @Provide
    Arbitrary<List<Quoting.PricedLine>> carts() {
        Arbitrary<Quoting.PricedLine> line = Combinators.combine(
                        Arbitraries.of(A, B, UUID.randomUUID()),
                        Arbitraries.integers().between(1, 99),
                        Arbitraries.longs().between(1, 500_000),
                        Arbitraries.integers().between(0, 40_000),
                        Arbitraries.integers().between(0, 3_000))
                .as(QuotingTest::line);
        return line.list().ofMinSize(1).ofMaxSize(30);
    }

    @Property(tries = 300)
    void everyTotalIsTheSumOfItsParts(
            @ForAll("carts") List<Quoting.PricedLine> cart, @ForAll("destinations") Destination to) {
        var q = quote(cart, to);
        long goods = cart.stream()
                .mapToLong(l -> l.unitPrice().amount() * l.quantity())
                .sum();
        assertThat(q.subtotal().amount()).isEqualTo(goods);
        assertThat(q.total()).isEqualTo(q.subtotal().plus(q.shipping()).plus(q.tax()));
        assertThat(q.groups().stream().mapToLong(g -> g.total().amount()).sum())
                .isEqualTo(q.total().amount());
        assertThat(q.commission().amount()).isBetween(0L, goods);
        assertThat(q.groups().stream().mapToLong(g -> g.lines().size()).sum()).isEqualTo(cart.size());
    }

    @Provide
    Arbitrary<Destination> destinations() {
        return Arbitraries.of(
                new Destination("US", "NY"),
                new Destination("US", "CA"),
                new Destination("US", "OR"),
                new Destination("CA", "QC"),
                new Destination("CA", "ON"),
                new Destination("DE", null),
                new Destination("HU", null));
    }
}
