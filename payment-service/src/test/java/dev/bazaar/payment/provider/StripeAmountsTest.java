package dev.bazaar.payment.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bazaar.contracts.money.Money;
import org.junit.jupiter.api.Test;

class StripeAmountsTest {

    @Test
    void mostCurrenciesAreTheirIsoMinorUnits() {
        assertThat(StripeAmounts.toStripe(Money.of(1_000, "USD"))).isEqualTo(1_000);
        assertThat(StripeAmounts.toStripe(Money.of(500, "JPY"))).isEqualTo(500);
        assertThat(StripeAmounts.toStripe(Money.of(500, "UGX"))).isEqualTo(500);
        assertThat(StripeAmounts.fromStripe(1_000, "usd")).isEqualTo(Money.of(1_000, "USD"));
    }

    @Test
    void iskIsTwoDecimalAtStripe() {
        assertThat(StripeAmounts.toStripe(Money.of(5, "ISK"))).isEqualTo(500);
        assertThat(StripeAmounts.fromStripe(500, "isk")).isEqualTo(Money.of(5, "ISK"));
        assertThatThrownBy(() -> StripeAmounts.fromStripe(510, "isk")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void threeDecimalCurrenciesMustEndInZero() {
        assertThat(StripeAmounts.toStripe(Money.of(5_120, "KWD"))).isEqualTo(5_120);
        assertThatThrownBy(() -> StripeAmounts.toStripe(Money.of(5_124, "KWD")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hufAndTwdPayoutsAreWholeUnits() {
        assertThat(StripeAmounts.payoutAllowed(Money.of(1_045, "HUF"))).isFalse();
        assertThat(StripeAmounts.payoutAllowed(Money.of(1_000, "HUF"))).isTrue();
        assertThat(StripeAmounts.payoutAllowed(Money.of(1_045, "USD"))).isTrue();
    }
}
