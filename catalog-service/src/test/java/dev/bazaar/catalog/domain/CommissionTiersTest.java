package dev.bazaar.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bazaar.catalog.domain.CommissionSchedule.Tier;
import dev.bazaar.catalog.domain.CommissionTiers.Resolved;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommissionTiersTest {

    private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");
    private static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000001");

    /** The example: 8 % → 7 % above $10,000 → 6 % above $50,000. */
    private static final CommissionSchedule EXAMPLE =
            new CommissionSchedule(ID, START, 800, List.of(new Tier(1_000_000, 700), new Tier(5_000_000, 600)));

    @ParameterizedTest(name = "GMV {0} → {1} bps, tier {2}, next above {3} at {4}, {5} to go")
    @CsvSource(
            nullValues = "-",
            value = {
                // gmv,     rate, tier, nextAbove, nextRate, toNext
                "0,         800,  0,    1000000,   700,      1000001",
                "999999,    800,  0,    1000000,   700,      2",
                "1000000,   800,  0,    1000000,   700,      1",
                "1000001,   700,  1,    5000000,   600,      4000000",
                "4999999,   700,  1,    5000000,   600,      2",
                "5000000,   700,  1,    5000000,   600,      1",
                "5000001,   600,  2,    -,         -,        -",
                "900000000, 600,  2,    -,         -,        -"
            })
    void theTierIsTheHighestThresholdStrictlyExceeded(
            long gmv, int rate, int tier, Long nextAbove, Integer nextRate, Long toNext) {
        assertThat(CommissionTiers.resolve(1200, List.of(EXAMPLE), START, gmv))
                .isEqualTo(new Resolved(rate, tier, ID, nextAbove, nextRate, toNext));
    }

    @ParameterizedTest(name = "{0} ms from the start → {1} bps")
    @CsvSource({
        // offset from effectiveFrom in ms, rate for a seller at $20,000 (fallback 1200 before the start)
        "-1, 1200",
        "0,  700",
        "1,  700"
    })
    void aScheduleAppliesFromItsEffectiveInstantOn(long offsetMillis, int rate) {
        assertThat(CommissionTiers.resolve(1200, List.of(EXAMPLE), START.plusMillis(offsetMillis), 2_000_000)
                        .rateBps())
                .isEqualTo(rate);
    }

    @ParameterizedTest(name = "{0} ms from the second start → {1} bps")
    @CsvSource({"-1, 700", "0,  650", "1,  650"})
    void aLaterScheduleReplacesTheEarlierOneAtItsInstant(long offsetMillis, int rate) {
        Instant second = START.plusSeconds(86_400 * 10);
        CommissionSchedule later =
                new CommissionSchedule(UUID.randomUUID(), second, 750, List.of(new Tier(1_500_000, 650)));
        // given in any order
        assertThat(CommissionTiers.resolve(1200, List.of(later, EXAMPLE), second.plusMillis(offsetMillis), 2_000_000)
                        .rateBps())
                .isEqualTo(rate);
    }

    @Test
    void withoutAScheduleTheCategorysFixedRateApplies() {
        assertThat(CommissionTiers.resolve(1200, List.of(), START, 9_000_000))
                .isEqualTo(new Resolved(1200, 0, null, null, null, null));
    }

    @Test
    void aFutureScheduleNotYetInForceLeavesTheFixedRate() {
        assertThat(CommissionTiers.resolve(1200, List.of(EXAMPLE), START.minusSeconds(3600), 9_000_000))
                .isEqualTo(new Resolved(1200, 0, null, null, null, null));
        assertThat(CommissionTiers.inForce(List.of(EXAMPLE), START.minusMillis(1)))
                .isEmpty();
    }

    @Test
    void aScheduleWithoutTiersIsAFlatRate() {
        CommissionSchedule flat = new CommissionSchedule(ID, START, 900, List.of());
        assertThat(CommissionTiers.resolve(1200, List.of(flat), START, 0))
                .isEqualTo(new Resolved(900, 0, ID, null, null, null));
        assertThat(CommissionTiers.resolve(1200, List.of(flat), START, Long.MAX_VALUE / 2))
                .isEqualTo(new Resolved(900, 0, ID, null, null, null));
    }

    @Test
    void aTierFromZeroAppliesToTheFirstCent() {
        CommissionSchedule fromZero = new CommissionSchedule(ID, START, 900, List.of(new Tier(0, 850)));
        assertThat(CommissionTiers.resolve(fromZero, 0).rateBps()).isEqualTo(900);
        assertThat(CommissionTiers.resolve(fromZero, 1).rateBps()).isEqualTo(850);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "base above 10000        | 10001 | 0       | 700 | 1       | 600 | baseRateBps",
                "negative base           | -1    | 0       | 0   | 1       | 0   | baseRateBps",
                "tier rate above base    | 800   | 1000    | 900 | 2000    | 600 | tiers[0].rateBps",
                "rates going back up     | 800   | 1000    | 600 | 2000    | 700 | tiers[1].rateBps",
                "thresholds equal        | 800   | 1000    | 700 | 1000    | 600 | tiers[1].aboveMinor",
                "thresholds descending   | 800   | 2000    | 700 | 1000    | 600 | tiers[1].aboveMinor",
                "negative threshold      | 800   | -1      | 700 | 1000    | 600 | tiers[0].aboveMinor",
                "negative tier rate      | 800   | 1000    | 700 | 2000    | -1  | tiers[1].rateBps"
            })
    void aScheduleBreakingARuleIsRefusedNamingThePart(
            String why, int base, long above0, int rate0, long above1, int rate1, String field) {
        assertThatThrownBy(() -> new CommissionSchedule(
                        ID, START, base, List.of(new Tier(above0, rate0), new Tier(above1, rate1))))
                .isInstanceOfSatisfying(
                        CommissionSchedule.Invalid.class,
                        e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void equalRatesOnSuccessiveTiersAreAllowed() {
        assertThat(new CommissionSchedule(ID, START, 800, List.of(new Tier(10, 800), new Tier(20, 800))).tiers())
                .hasSize(2);
    }

    @Test
    void moreThanTenTiersAreRefused() {
        List<Tier> eleven = java.util.stream.LongStream.range(0, 11)
                .mapToObj(i -> new Tier(i * 100, 500))
                .toList();
        assertThatThrownBy(() -> new CommissionSchedule(ID, START, 800, eleven))
                .isInstanceOfSatisfying(
                        CommissionSchedule.Invalid.class,
                        e -> assertThat(e.field()).isEqualTo("tiers"));
    }
}
