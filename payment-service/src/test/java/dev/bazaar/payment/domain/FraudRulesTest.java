package dev.bazaar.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FraudRulesTest {

    static final FraudRules.Thresholds T = new FraudRules.Thresholds(
            5, 20, 100_000, 24, 50_000, Set.of("bad-buyer"), Set.of("pm_card_stolen"), Set.of("KP"));

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
        assertThat(FraudRules.evaluate(facts(5_000, 5, 0, 1000, "US", null), T).reasons())
                .anyMatch(r -> r.startsWith("velocity: 5 attempts by this buyer"));
        assertThat(FraudRules.evaluate(facts(5_000, 0, 20, 1000, "US", null), T).blocked())
                .isTrue();
        assertThat(FraudRules.evaluate(facts(5_000, 4, 19, 1000, "US", null), T).blocked())
                .isFalse();
    }

    @Test
    void aNewAccountCannotSpendBig() {
        assertThat(FraudRules.evaluate(facts(100_001, 0, 0, 2, "US", null), T).blocked())
                .isTrue();
        assertThat(FraudRules.evaluate(facts(100_000, 0, 0, 2, "US", null), T).blocked())
                .isFalse();
        assertThat(FraudRules.evaluate(facts(100_001, 0, 0, 24, "US", null), T).blocked())
                .isFalse();
    }

    @Test
    void aCountryMismatchIsNotedAndBlocksAboveItsLimit() {
        FraudRules.Decision small = FraudRules.evaluate(facts(10_000, 0, 0, 1000, "US", "GB"), T);
        assertThat(small.blocked()).isFalse();
        assertThat(small.reasons()).containsExactly("card country GB ≠ shipping country US");
        assertThat(FraudRules.evaluate(facts(50_001, 0, 0, 1000, "US", "GB"), T).blocked())
                .isTrue();
    }

    @Test
    void blocklistsBlockAndEveryReasonIsKept() {
        FraudRules.Decision d = FraudRules.evaluate(
                new FraudRules.Facts("bad-buyer", "pm_card_stolen", 200_000, 9, 30, 1, "KP", "US"), T);
        assertThat(d.blocked()).isTrue();
        assertThat(d.reasons()).hasSize(7);
    }

    /**
     * The review bands: above 30,000 for anyone; a new account (under 24 h) within 20,000 of its 100,000 block amount;
     * a country mismatch within 10,000 of its 50,000 block amount. Each row sits on one side of a boundary.
     */
    static final FraudRules.Thresholds BANDS = new FraudRules.Thresholds(
            5,
            20,
            100_000,
            24,
            50_000,
            Set.of("bad-buyer"),
            Set.of("pm_card_stolen"),
            Set.of("KP"),
            30_000,
            20_000,
            10_000);

    @ParameterizedTest(name = "{0} minor, age {1} h, ship {2}, card {3} -> {4}")
    @CsvSource(
            nullValues = "-",
            value = {
                // review-above: 30,000 is allowed, 30,001 reviewed, for an old account and matching countries
                "30000,  1000, US, US, ALLOW",
                "30001,  1000, US, US, REVIEW",
                "500000, 1000, US, US, REVIEW",
                // a new account: in its band from 80,001 (above review-above too: eachBandNamesItsReason isolates it),
                // blocked
                // from 100,001; a day old, the same amount is only reviewed
                "29000,  2,    US, -,  ALLOW",
                "80001,  2,    US, -,  REVIEW",
                "100000, 2,    US, -,  REVIEW",
                "100001, 2,    US, -,  BLOCK",
                "100001, 24,   US, -,  REVIEW",
                // a country mismatch: noted below its band, reviewed up to 50,000, blocked above
                "20000,  1000, US, GB, ALLOW",
                "40001,  1000, US, GB, REVIEW",
                "50000,  1000, US, GB, REVIEW",
                "50001,  1000, US, GB, BLOCK",
            })
    void theReviewBandsAtTheirBoundaries(
            long amount, long ageHours, String ship, String card, FraudRules.Outcome expected) {
        assertThat(FraudRules.evaluate(facts(amount, 0, 0, ageHours, ship, card), BANDS)
                        .outcome())
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "'review: amount 80001 within 20000 of 100000 for an account younger than 24 h', 80001, 2, US",
        "'review: card country GB ≠ shipping country US within 40000 of 50000', 10001, 1000, GB",
    })
    void eachBandNamesItsReason(String reason, long amount, long ageHours, String card) {
        FraudRules.Thresholds noAmountBand =
                new FraudRules.Thresholds(5, 20, 100_000, 24, 50_000, Set.of(), Set.of(), Set.of(), 0, 20_000, 40_000);
        FraudRules.Decision d = FraudRules.evaluate(facts(amount, 0, 0, ageHours, "US", card), noAmountBand);
        assertThat(d.outcome()).isEqualTo(FraudRules.Outcome.REVIEW);
        assertThat(d.reasons()).contains(reason);
        assertThat(FraudRules.evaluate(facts(amount - 1, 0, 0, ageHours, "US", card), noAmountBand)
                        .outcome())
                .isEqualTo(FraudRules.Outcome.ALLOW);
    }

    @Test
    void anyBlockReasonWinsOverAReviewBandAndTheReviewReasonIsKept() {
        FraudRules.Decision d = FraudRules.evaluate(
                new FraudRules.Facts("bad-buyer", "pm_card_visa", 35_000, 0, 0, 1000, "US", "US"), BANDS);
        assertThat(d.outcome()).isEqualTo(FraudRules.Outcome.BLOCK);
        assertThat(d.reasons()).containsExactly("blocklist: buyer", "review: amount 35000 above 30000");
    }

    @Test
    void bandsOfZeroAreOff() {
        assertThat(FraudRules.evaluate(facts(99_999, 0, 0, 2, "US", "GB"), T).outcome())
                .isEqualTo(FraudRules.Outcome.BLOCK);
        assertThat(FraudRules.evaluate(facts(99_999, 0, 0, 2, "US", null), T).outcome())
                .isEqualTo(FraudRules.Outcome.ALLOW);
    }

    @Test
    void theAdminsBlocklistJoinsTheConfiguredOne() {
        FraudRules.Thresholds joined = BANDS.withBlocked(Set.of("buyer"), Set.of(), Set.of("RU"));
        assertThat(joined.blockedBuyers()).containsExactlyInAnyOrder("bad-buyer", "buyer");
        assertThat(joined.blockedCountries()).containsExactlyInAnyOrder("KP", "RU");
        assertThat(FraudRules.evaluate(facts(100, 0, 0, 1000, "US", null), joined)
                        .reasons())
                .containsExactly("blocklist: buyer");
    }
}
