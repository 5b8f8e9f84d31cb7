package dev.bazaar.order.domain;

import static dev.bazaar.order.domain.AnalyticsRange.Interval.DAY;
import static dev.bazaar.order.domain.AnalyticsRange.Interval.MONTH;
import static dev.bazaar.order.domain.AnalyticsRange.Interval.WEEK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ranges: at most 366 days, whole months plus edge days, and each day's period at the calendar's boundaries. */
class AnalyticsRangeTest {

    static AnalyticsRange range(String from, String to, AnalyticsRange.Interval i) {
        return new AnalyticsRange(LocalDate.parse(from), LocalDate.parse(to), i);
    }

    @Test
    void aRangeIsAtMost366DaysBothIncludedAndNotBackwards() {
        assertThat(range("2024-01-01", "2024-12-31", DAY).allDays()).hasSize(366); // a leap year
        assertThatThrownBy(() -> range("2025-01-01", "2026-01-02", DAY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> range("2026-11-25", "2026-11-24", DAY)).isInstanceOf(IllegalArgumentException.class);
        assertThat(range("2026-11-24", "2026-11-24", DAY).periods()).containsExactly("2026-11-24");
    }

    @Test
    void aRangeIsWholeMonthsAndTheDaysAtItsEdges() {
        var parts = range("2024-01-30", "2024-03-01", MONTH).parts();
        assertThat(parts.months()).containsExactly(YearMonth.of(2024, 2)); // February of a leap year, whole
        assertThat(parts.days())
                .containsExactly(
                        LocalDate.parse("2024-01-30"), LocalDate.parse("2024-01-31"), LocalDate.parse("2024-03-01"));
        var year = range("2026-01-01", "2026-12-31", MONTH).parts();
        assertThat(year.months()).hasSize(12);
        assertThat(year.days()).isEmpty();
        var inside = range("2026-11-03", "2026-11-29", MONTH).parts();
        assertThat(inside.months()).isEmpty();
        assertThat(inside.days()).hasSize(27);
        var leapDay = range("2024-02-01", "2024-02-28", MONTH).parts();
        assertThat(leapDay.months()).isEmpty(); // the 29th is missing: February is not whole
    }

    @Test
    void periodsAcrossTheYearEndAndWeeksSpanningMonths() {
        assertThat(range("2026-12-30", "2027-01-02", MONTH).periods()).containsExactly("2026-12", "2027-01");
        // 2026-12-28 is a Monday: its ISO week runs into 2027 and is named by that Monday
        assertThat(range("2026-12-30", "2027-01-05", WEEK).periods()).containsExactly("2026-12-28", "2027-01-04");
        // the week of 2024-02-29 (a Thursday) began on Monday 26 February and ends in March
        AnalyticsRange r = range("2024-02-29", "2024-03-03", WEEK);
        assertThat(r.periods()).containsExactly("2024-02-26");
        assertThat(r.periodOf(LocalDate.parse("2024-03-03"))).isEqualTo("2024-02-26");
        assertThat(range("2024-02-28", "2024-03-01", DAY).periods())
                .isEqualTo(List.of("2024-02-28", "2024-02-29", "2024-03-01"));
        assertThat(range("2024-02-28", "2024-03-01", MONTH).periods()).containsExactly("2024-02", "2024-03");
    }

    @Test
    void intervalsAreParsedByName() {
        assertThat(AnalyticsRange.Interval.parse("Week")).isEqualTo(WEEK);
        assertThat(AnalyticsRange.Interval.parse("hour")).isNull();
    }
}
