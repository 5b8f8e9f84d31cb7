package dev.bazaar.portal.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.portal.service.CommissionForms.Schedule;
import dev.bazaar.portal.service.CommissionForms.Tier;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommissionFormsTest {

    @Test
    void percentIsExactBasisPoints() {
        Map<String, String> errors = new LinkedHashMap<>();
        assertThat(CommissionForms.bps("8", "r", errors)).isEqualTo(800);
        assertThat(CommissionForms.bps(" 7.25 % ", "r", errors)).isEqualTo(725);
        assertThat(CommissionForms.bps("0.01", "r", errors)).isEqualTo(1);
        assertThat(CommissionForms.bps("0", "r", errors)).isZero();
        assertThat(CommissionForms.bps("100", "r", errors)).isEqualTo(10_000);
        assertThat(CommissionForms.bps("6.50", "r", errors)).isEqualTo(650);
        assertThat(errors).isEmpty();
    }

    @Test
    void aFractionOfABasisPointOrNoPercentageIsRefused() {
        Map<String, String> errors = new LinkedHashMap<>();
        assertThat(CommissionForms.bps("7.125", "a", errors)).isNull();
        assertThat(CommissionForms.bps("100.01", "b", errors)).isNull();
        assertThat(CommissionForms.bps("-1", "c", errors)).isNull();
        assertThat(CommissionForms.bps("seven", "d", errors)).isNull();
        assertThat(CommissionForms.bps(" ", "e", errors)).isNull();
        assertThat(CommissionForms.bps("1,000", "f", errors)).isNull();
        assertThat(errors)
                .containsEntry("a", "must be a whole number of basis points: at most two decimals (7.25 %)")
                .containsEntry("b", "is 0 to 100 %")
                .containsEntry("c", "must be a percentage such as 7 or 7.25")
                .containsEntry("d", "must be a percentage such as 7 or 7.25")
                .containsEntry("e", "is required")
                .containsKey("f");
    }

    @Test
    void dollarsAreExactCents() {
        Map<String, String> errors = new LinkedHashMap<>();
        assertThat(CommissionForms.cents("10,000", "x", errors)).isEqualTo(1_000_000L);
        assertThat(CommissionForms.cents("$50000.00", "x", errors)).isEqualTo(5_000_000L);
        assertThat(CommissionForms.cents("0.01", "x", errors)).isEqualTo(1L);
        assertThat(CommissionForms.cents("1,234,567.89", "x", errors)).isEqualTo(123_456_789L);
        assertThat(errors).isEmpty();
        assertThat(CommissionForms.cents("10.005", "a", errors)).isNull();
        assertThat(CommissionForms.cents("10,00", "b", errors)).isNull();
        assertThat(CommissionForms.cents("-5", "c", errors)).isNull();
        assertThat(CommissionForms.cents("20000000000", "d", errors)).isNull();
        assertThat(errors)
                .containsEntry("a", "must be whole cents: at most two decimals")
                .containsEntry("b", "must be an amount in dollars such as 10,000 or 10000.50")
                .containsEntry("c", "must be an amount in dollars such as 10,000 or 10000.50")
                .containsEntry("d", "is at most $10,000,000,000");
    }

    @Test
    void aScheduleFromTheFormSkipsBlankTierRows() {
        Schedule s = CommissionForms.schedule(
                "2027-01-01T00:00", "8", Arrays.asList("10,000", "", "50,000"), Arrays.asList("7", null, "6"));
        assertThat(s.errors()).isEmpty();
        assertThat(s.effectiveFrom()).isEqualTo("2027-01-01T00:00:00Z");
        assertThat(s.baseRateBps()).isEqualTo(800);
        assertThat(s.tiers()).containsExactly(new Tier(1_000_000, 700), new Tier(5_000_000, 600));
        assertThat(CommissionForms.schedule(" ", "8", List.of(), List.of()).effectiveFrom())
                .as("from now")
                .isNull();
        assertThat(CommissionForms.schedule("2027-01-01T00:00:00+01:00", "8", List.of(), List.of())
                        .effectiveFrom())
                .isEqualTo("2026-12-31T23:00:00Z");
    }

    @Test
    void aHalfFilledTierOrABadDateIsNamed() {
        Schedule s =
                CommissionForms.schedule("next year", "8.001", Arrays.asList("", "10000.001"), Arrays.asList("7", "6"));
        assertThat(s.errors()).containsOnlyKeys("effectiveFrom", "baseRate", "tier1Above", "tier2Above");
        assertThat(s.errors().get("tier1Above")).isEqualTo("is required");
        assertThat(s.tiers()).isEmpty();
    }
}
