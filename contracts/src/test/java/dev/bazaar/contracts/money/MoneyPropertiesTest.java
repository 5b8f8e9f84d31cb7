package dev.bazaar.contracts.money;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyPropertiesTest {

    @Property
    void allocatedPartsAlwaysSumToTheWhole(@ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) long amount,
            @ForAll("weights") List<Long> weights) {
        List<Money> parts = Money.usd(amount).allocate(weights);
        assertThat(parts).hasSize(weights.size());
        assertThat(parts.stream().mapToLong(Money::amount).sum()).isEqualTo(amount);
    }

    @Property
    void eachPartIsWithinOneMinorUnitOfItsExactShare(
            @ForAll @LongRange(min = 0, max = 1_000_000_000L) long amount, @ForAll("weights") List<Long> weights) {
        List<Money> parts = Money.usd(amount).allocate(weights);
        BigDecimal total = BigDecimal.valueOf(weights.stream().mapToLong(Long::longValue).sum());
        for (int i = 0; i < weights.size(); i++) {
            BigDecimal exact = BigDecimal.valueOf(amount).multiply(BigDecimal.valueOf(weights.get(i)))
                    .divide(total, MathContext.DECIMAL128);
            assertThat(BigDecimal.valueOf(parts.get(i).amount()).subtract(exact).abs())
                    .isLessThan(BigDecimal.ONE);
            if (weights.get(i) == 0) {
                assertThat(parts.get(i).amount()).isZero();
            }
        }
    }

    @Property
    void conversionMatchesHalfEvenRounding(@ForAll @LongRange(min = -10_000_000_000L, max = 10_000_000_000L) long cents,
            @ForAll("rates") BigDecimal rate, @ForAll("currencies") Currency target) {
        Money converted = Money.usd(cents).convert(target, rate);
        BigDecimal expected = BigDecimal.valueOf(cents, 2).multiply(rate)
                .setScale(target.getDefaultFractionDigits(), RoundingMode.HALF_EVEN);
        assertThat(converted.currency()).isEqualTo(target);
        assertThat(converted.amount()).isEqualTo(expected.unscaledValue().longValueExact());
    }

    @Property
    void plusAndMinusAreInverse(@ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) long a,
            @ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) long b) {
        assertThat(Money.usd(a).plus(Money.usd(b)).minus(Money.usd(b))).isEqualTo(Money.usd(a));
    }

    @Property
    void mixedCurrenciesAreAlwaysRefused(@ForAll long a, @ForAll("currencies") Currency other) {
        Money usd = Money.usd(a);
        Money foreign = new Money(a, other);
        if (!other.equals(Money.USD)) {
            assertThatThrownBy(() -> usd.plus(foreign)).isInstanceOf(MixedCurrencyException.class);
        }
    }

    @Provide
    Arbitrary<List<Long>> weights() {
        return Arbitraries.longs().between(0, 1_000_000).list().ofMinSize(1).ofMaxSize(12)
                .filter(ws -> ws.stream().mapToLong(Long::longValue).sum() > 0);
    }

    @Provide
    Arbitrary<BigDecimal> rates() {
        return Arbitraries.bigDecimals().between(new BigDecimal("0.000001"), new BigDecimal("5000")).ofScale(6);
    }

    @Provide
    Arbitrary<Currency> currencies() {
        return Arbitraries.of("USD", "EUR", "JPY", "KWD", "GBP", "CAD", "BHD", "CLP").map(Currency::getInstance);
    }

}
