package dev.bazaar.payment.domain;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FraudRulesTest {

    static final FraudRules.Thresholds T = new FraudRules.Thresholds(5, 20, 100_000, 24, 50_000,
            Set.of("bad-buyer"), Set.of("pm_card_stolen"), Set.of("KP"));

    static FraudRules.Facts facts(long amount, int byBuyer, int byMethod, long ageHours, String ship, String card) {
        return new FraudRules.Facts("buyer", "pm_card_visa", amount, byBuyer, byMethod, ageHours, ship, card);
    }

    @Test
    void anOrdinaryPaymentIsAllowed() {
        FraudRules.Decision d = FraudRules.evaluate(facts(5_000, 0, 0, 1000, "US", "US"), T);
        assertThat(d.blocked()).isFalse();
        assertThat(d.reasons()).containsExactly("no rule matched");
    }

    @Test
    void velocityPerBuyerAndPerPaymentMethodBlocks() {
        assertThat(FraudRules.evaluate(facts(5_000, 5, 0, 1000, "US", null), T).reasons()).anyMatch(r -> r.startsWith(
                "velocity: 5 attempts by this buyer"));
        assertThat(FraudRules.evaluate(facts(5_000, 0, 20, 1000, "US", null), T).blocked()).isTrue();
        assertThat(FraudRules.evaluate(facts(5_000, 4, 19, 1000, "US", null), T).blocked()).isFalse();
    }

    @Test
    void aNewAccountCannotSpendBig() {
        assertThat(FraudRules.evaluate(facts(100_001, 0, 0, 2, "US", null), T).blocked()).isTrue();
        assertThat(FraudRules.evaluate(facts(100_000, 0, 0, 2, "US", null), T).blocked()).isFalse();
        assertThat(FraudRules.evaluate(facts(100_001, 0, 0, 24, "US", null), T).blocked()).isFalse();
    }

    @Test
    void aCountryMismatchIsNotedAndBlocksAboveItsLimit() {
        FraudRules.Decision small = FraudRules.evaluate(facts(10_000, 0, 0, 1000, "US", "GB"), T);
        assertThat(small.blocked()).isFalse();
        assertThat(small.reasons()).containsExactly("card country GB ≠ shipping country US");
        assertThat(FraudRules.evaluate(facts(50_001, 0, 0, 1000, "US", "GB"), T).blocked()).isTrue();
    }

    @Test
    void blocklistsBlockAndEveryReasonIsKept() {
        FraudRules.Decision d = FraudRules.evaluate(new FraudRules.Facts("bad-buyer", "pm_card_stolen", 200_000, 9, 30,
                1, "KP", "US"), T);
        assertThat(d.blocked()).isTrue();
        assertThat(d.reasons()).hasSize(7);
    }
}
