package dev.bazaar.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.contracts.money.Money;
import org.junit.jupiter.api.Test;

class AmountsTest {

    @Test
    void amountsShowTheirCurrencysOwnDecimalsFromMinorUnits() {
        assertThat(Amounts.format(Money.usd(123_450))).isEqualTo("USD 1,234.50");
        assertThat(Amounts.format(Money.usd(5))).isEqualTo("USD 0.05");
        assertThat(Amounts.format(Money.of(1_235, "JPY"))).isEqualTo("JPY 1,235");
        assertThat(Amounts.format(Money.of(1_234, "KWD"))).isEqualTo("KWD 1.234");
        assertThat(Amounts.format(Money.usd(-250))).isEqualTo("USD -2.50");
    }
}
