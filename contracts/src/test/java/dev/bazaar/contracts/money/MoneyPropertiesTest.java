package dev.bazaar.contracts.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

class MoneyPropertiesTest {

    @Property
    void allocatedPartsAlwaysSumToTheWhole(
            @ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) long amount,
            @ForAll("weights") List<Long> weights) {
        List<Money> parts = Money.usd(amount).allocate(weights);
        assertThat(parts).hasSize(weights.size());
        assertThat(parts.stream().mapToLong(Money::amount).sum()).isEqualTo(amount);
    }

    @Property
    void allocationWorksForAnyLongAndAnyWeights(
            @ForAll long amount, @ForAll("hugeWeights") List<Long> weights, @ForAll("currencies") Currency currency) {
        List<Money> parts = new Money(amount, currency).allocate(weights);
        BigInteger sum =
                parts.stream().map(p -> BigInteger.valueOf(p.amount())).reduce(BigInteger.ZERO, BigInteger::add);
        assertThat(sum).isEqualTo(BigInteger.valueOf(amount));
        assertThat(parts).allSatisfy(p -> assertThat(p.currency()).isEqualTo(currency));
        assertThat(parts)
                .allSatisfy(p -> assertThat(p.amount() == 0 || Long.signum(p.amount()) == Long.signum(amount))
                        .as("every part has the whole's sign")
                        .isTrue());
    }

    @Property
    void equalWeightsDifferByAtMostOneAndTheEarlierGetMore(
            @ForAll long amount, @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 20) int n) {
        long[] weights = new long[n];
        java.util.Arrays.fill(weights, 1);
        List<Money> parts = Money.usd(amount).allocate(weights);
        for (int i = 1; i < n; i++) {
            assertThat(Math.abs(parts.get(i - 1).amount()))
                    .isGreaterThanOrEqualTo(Math.abs(parts.get(i).amount()));
            assertThat(Math.abs(parts.get(0).amount()) - Math.abs(parts.get(i).amount()))
                    .isLessThanOrEqualTo(1);
        }
    }

    @Property
    void eachPartIsWithinOneMinorUnitOfItsExactShare(
            @ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) long amount,
            @ForAll("weights") List<Long> weights) {
        List<Money> parts = Money.usd(amount).allocate(weights);
        BigDecimal total =
                BigDecimal.valueOf(weights.stream().mapToLong(Long::longValue).sum());
        for (int i = 0; i < weights.size(); i++) {
            BigDecimal exact = BigDecimal.valueOf(amount)
                    .multiply(BigDecimal.valueOf(weights.get(i)))
                    .divide(total, MathContext.DECIMAL128);
            assertThat(BigDecimal.valueOf(parts.get(i).amount()).subtract(exact).abs())
                    .isLessThan(BigDecimal.ONE);
            if (weights.get(i) == 0) {
                assertThat(parts.get(i).amount()).isZero();
            }
        }
    }

    @Property
    void conversionMatchesHalfEvenRounding(
            @ForAll @LongRange(min = -10_000_000_000L, max = 10_000_000_000L) long cents,
            @ForAll("rates") BigDecimal rate,
            @ForAll("currencies") Currency source,
            @ForAll("currencies") Currency target) {
        Money converted = new Money(cents, source).convert(target, rate);
        BigDecimal expected = BigDecimal.valueOf(cents, source.getDefaultFractionDigits())
                .multiply(rate)
                .setScale(target.getDefaultFractionDigits(), RoundingMode.HALF_EVEN);
        assertThat(converted.currency()).isEqualTo(target);
        assertThat(converted.amount()).isEqualTo(expected.unscaledValue().longValueExact());
    }

    @Property
    void plusAndMinusAreInverse(
            @ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) long a,
            @ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) long b) {
        assertThat(Money.usd(a).plus(Money.usd(b)).minus(Money.usd(b))).isEqualTo(Money.usd(a));
    }

    @Property
    void mixedCurrenciesAreAlwaysRefused(
            @ForAll long a, @ForAll long b, @ForAll("currencies") Currency one, @ForAll("currencies") Currency other) {
        Money x = new Money(a, one);
        Money y = new Money(b, other);
        if (one.equals(other)) {
            assertThat(x.sameCurrencyAs(y)).isTrue();
            return;
        }
        assertThat(x.sameCurrencyAs(y)).isFalse();
        assertThatThrownBy(() -> x.plus(y)).isInstanceOf(MixedCurrencyException.class);
        assertThatThrownBy(() -> x.minus(y)).isInstanceOf(MixedCurrencyException.class);
        assertThatThrownBy(() -> x.compareTo(y)).isInstanceOf(MixedCurrencyException.class);
        assertThatThrownBy(() -> x.min(y)).isInstanceOf(MixedCurrencyException.class);
        assertThatThrownBy(() -> x.max(y)).isInstanceOf(MixedCurrencyException.class);
        assertThatThrownBy(() -> Money.sum(List.of(x, y), one)).isInstanceOf(MixedCurrencyException.class);
    }

    @Property
    void jsonRoundTripsAnyAmount(@ForAll long amount, @ForAll("currencies") Currency currency) throws Exception {
        Money m = new Money(amount, currency);
        var json = dev.bazaar.contracts.messaging.MessageCodec.json();
        assertThat(json.readValue(json.writeValueAsBytes(m), Money.class)).isEqualTo(m);
    }

    @Property
    void majorUnitsRoundTrip(@ForAll long amount, @ForAll("currencies") Currency currency) {
        Money m = new Money(amount, currency);
        assertThat(Money.ofMajor(m.toDecimal(), currency)).isEqualTo(m);
        assertThat(Money.parse(m.toString())).isEqualTo(m);
    }

    @Provide
    Arbitrary<List<Long>> weights() {
        return Arbitraries.longs()
                .between(0, 1_000_000)
                .list()
                .ofMinSize(1)
                .ofMaxSize(12)
                .filter(ws -> ws.stream().mapToLong(Long::longValue).sum() > 0);
    }

    @Provide
    Arbitrary<List<Long>> hugeWeights() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, Long.MAX_VALUE), Arbitraries.of(0L, 1L))
                .list()
                .ofMinSize(1)
                .ofMaxSize(12)
                .filter(ws -> ws.stream().anyMatch(w -> w > 0));
    }

    @Provide
    Arbitrary<BigDecimal> rates() {
        return Arbitraries.bigDecimals()
                .between(new BigDecimal("0.000001"), new BigDecimal("5000"))
                .ofScale(6);
    }

    @Provide
    Arbitrary<Currency> currencies() {
        return Arbitraries.of("USD", "EUR", "JPY", "KWD", "GBP", "CAD", "BHD", "CLP")
                .map(Currency::getInstance);
    }
}
