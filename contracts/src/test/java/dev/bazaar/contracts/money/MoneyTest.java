package dev.bazaar.contracts.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bazaar.contracts.messaging.MessageCodec;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

class MoneyTest {

    static final Currency EUR = Currency.getInstance("EUR");
    static final Currency JPY = Currency.getInstance("JPY");
    static final Currency KWD = Currency.getInstance("KWD");

    @Test
    void minorUnitsFollowIso4217() {
        assertThat(Money.usd(1).fractionDigits()).isEqualTo(2);
        assertThat(new Money(1, JPY).fractionDigits()).isZero();
        assertThat(new Money(1, KWD).fractionDigits()).isEqualTo(3);
        assertThat(Money.of(123456, "KWD").toString()).isEqualTo("123.456 KWD");
    }

    @Test
    void mixedCurrenciesAreRefused() {
        assertThatThrownBy(() -> Money.usd(100).plus(new Money(100, EUR)))
                .isInstanceOf(MixedCurrencyException.class)
                .hasMessageContaining("USD")
                .hasMessageContaining("EUR");
        assertThatThrownBy(() -> Money.usd(100).compareTo(new Money(100, EUR)))
                .isInstanceOf(MixedCurrencyException.class);
    }

    @Test
    void overflowIsAnErrorNotAWrapAround() {
        assertThatThrownBy(() -> Money.usd(Long.MAX_VALUE).plus(Money.usd(1))).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void unknownAndNonMoneyCurrenciesAreRefused() {
        assertThatThrownBy(() -> Money.of(1, "ZZZ")).hasMessageContaining("unknown currency ZZZ");
        assertThatThrownBy(() -> Money.of(1, "XXX")).hasMessageContaining("no minor unit");
    }

    @Test
    void conversionRoundsHalfEvenToTheTargetsMinorUnit() {
        // 10.00 USD at 0.9225 = 9.225 EUR -> 9.22 (half to even)
        assertThat(Money.usd(1000).convert(EUR, new BigDecimal("0.9225"))).isEqualTo(new Money(922, EUR));
        // 10.00 USD at 0.9235 = 9.235 EUR -> 9.24
        assertThat(Money.usd(1000).convert(EUR, new BigDecimal("0.9235"))).isEqualTo(new Money(924, EUR));
        // 19.99 USD at 151.5 JPY = 3028.485 -> 3028 yen
        assertThat(Money.usd(1999).convert(JPY, new BigDecimal("151.5"))).isEqualTo(new Money(3028, JPY));
        // 1 yen to KWD keeps three decimals
        assertThat(new Money(1000, JPY).convert(KWD, new BigDecimal("0.002034")))
                .isEqualTo(new Money(2034, KWD));
    }

    @Test
    void allocationGivesLeftoverCentsToTheLargestRemainders() {
        assertThat(Money.usd(100).allocate(1, 1, 1)).containsExactly(Money.usd(34), Money.usd(33), Money.usd(33));
        assertThat(Money.usd(1000).allocate(50, 30, 20))
                .containsExactly(Money.usd(500), Money.usd(300), Money.usd(200));
        assertThat(Money.usd(5).allocate(3, 7)).containsExactly(Money.usd(2), Money.usd(3));
        assertThat(Money.usd(-100).allocate(1, 1, 1)).containsExactly(Money.usd(-34), Money.usd(-33), Money.usd(-33));
        assertThat(Money.usd(10).allocate(List.of(0L, 1L))).containsExactly(Money.usd(0), Money.usd(10));
    }

    @Test
    void allocationNeedsPositiveTotalWeight() {
        assertThatThrownBy(() -> Money.usd(10).allocate(0, 0)).hasMessageContaining("zero");
        assertThatThrownBy(() -> Money.usd(10).allocate(1, -1)).hasMessageContaining("not negative");
        assertThatThrownBy(() -> Money.usd(10).allocate()).hasMessageContaining("nothing");
    }

    @Test
    void majorUnitsAreExactOrRefused() {
        assertThat(Money.ofMajor(new BigDecimal("19.99"), Money.USD)).isEqualTo(Money.usd(1999));
        assertThat(Money.ofMajor(new BigDecimal("19.9"), Money.USD)).isEqualTo(Money.usd(1990));
        assertThat(Money.ofMajor(new BigDecimal("1999"), JPY)).isEqualTo(new Money(1999, JPY));
        assertThatThrownBy(() -> Money.ofMajor(new BigDecimal("19.999"), Money.USD))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 decimals");
        assertThatThrownBy(() -> Money.ofMajor(new BigDecimal("5.5"), JPY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.ofMajor(new BigDecimal("1e30"), Money.USD))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Money.parse("19.99 USD")).isEqualTo(Money.usd(1999));
        assertThat(Money.parse("-0.005 KWD")).isEqualTo(new Money(-5, KWD));
        for (Money m : List.of(Money.usd(-1), new Money(1999, JPY), new Money(123456, KWD), Money.usd(0))) {
            assertThat(Money.parse(m.toString())).isEqualTo(m);
        }
        assertThatThrownBy(() -> Money.parse("19.99")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.parse("abc USD")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void allocationHandlesTheExtremes() {
        assertThat(Money.usd(Long.MIN_VALUE).allocate(1, 1).stream()
                        .mapToLong(Money::amount)
                        .sum())
                .isEqualTo(Long.MIN_VALUE);
        assertThat(Money.usd(Long.MAX_VALUE).allocate(Long.MAX_VALUE, Long.MAX_VALUE, 1).stream()
                        .mapToLong(Money::amount)
                        .sum())
                .isEqualTo(Long.MAX_VALUE);
        assertThat(Money.usd(0).allocate(3, 4)).containsExactly(Money.usd(0), Money.usd(0));
        assertThat(Money.usd(2).allocate(1, 1, 1))
                .as("ties go to the earliest parts")
                .containsExactly(Money.usd(1), Money.usd(1), Money.usd(0));
        assertThat(Money.usd(-2).allocate(1, 1, 1)).containsExactly(Money.usd(-1), Money.usd(-1), Money.usd(0));
        assertThat(new Money(7, JPY).allocate(1)).containsExactly(new Money(7, JPY));
    }

    @Test
    void arithmetic() {
        assertThat(Money.usd(5).times(3)).isEqualTo(Money.usd(15));
        assertThat(Money.usd(5).negate()).isEqualTo(Money.usd(-5));
        assertThat(Money.usd(-5).abs()).isEqualTo(Money.usd(5));
        assertThat(Money.usd(5).max(Money.usd(7))).isEqualTo(Money.usd(7));
        assertThat(Money.usd(5).min(Money.usd(7))).isEqualTo(Money.usd(5));
        assertThat(Money.zero(JPY).isZero()).isTrue();
        assertThat(Money.sum(List.of(Money.usd(1), Money.usd(2)), Money.USD)).isEqualTo(Money.usd(3));
        assertThat(Money.sum(List.of(), JPY)).isEqualTo(Money.zero(JPY));
        assertThatThrownBy(() -> Money.usd(Long.MIN_VALUE).negate()).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.usd(Long.MAX_VALUE).times(2)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.usd(1).convert(EUR, BigDecimal.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.usd(Long.MAX_VALUE).convert(JPY, new BigDecimal("150")))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void jsonIsAmountInMinorUnitsAndCurrencyCode() throws Exception {
        ObjectMapper json = MessageCodec.json();
        assertThat(json.writeValueAsString(Money.usd(1999))).isEqualTo("{\"amount\":1999,\"currency\":\"USD\"}");
        assertThat(json.readValue("{\"amount\":1999,\"currency\":\"JPY\"}", Money.class))
                .isEqualTo(new Money(1999, JPY));
        assertThat(json.writeValueAsString(new Money(-5, KWD))).isEqualTo("{\"amount\":-5,\"currency\":\"KWD\"}");
        for (String bad : List.of(
                "{\"amount\":19.99,\"currency\":\"USD\"}",
                "{\"currency\":\"USD\"}",
                "{\"amount\":1999}",
                "{\"amount\":1999,\"currency\":\"ZZZ\"}",
                "{\"amount\":1,\"currency\":\"XXX\"}",
                "{\"amount\":1e3,\"currency\":\"USD\"}",
                "{\"amount\":null,\"currency\":\"USD\"}")) {
            assertThatThrownBy(() -> json.readValue(bad, Money.class)).as(bad).isNotNull();
        }
    }
}
