package dev.bazaar.order.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A range of days asked of the analytics ({@code from}..{@code to}, inclusive, UTC days, at most {@link #MAX_DAYS}) and
 * the interval its points are bucketed by. Pure: the range is decomposed into whole months plus the days at its edges
 * (so a year reads about twelve month documents, not 365 day documents), and each day is put in its period — the day,
 * the ISO week named by its Monday (a week may begin before {@code from} or span two months), or the month.
 */
public record AnalyticsRange(LocalDate from, LocalDate to, Interval interval) {

    public static final int MAX_DAYS = 366;

    public enum Interval {
        DAY,
        WEEK,
        MONTH;

        /** The interval named {@code name} (day, week, month; any case), or null if there is none of that name. */
        public static Interval parse(String name) {
            for (Interval i : values()) {
                if (i.name().equalsIgnoreCase(name.strip())) {
                    return i;
                }
            }
            return null;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The parts of the range: months it covers whole, and the remaining days (both in order). */
    public record Parts(List<YearMonth> months, List<LocalDate> days) {}

    public AnalyticsRange {
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
        if (days(from, to) > MAX_DAYS) {
            throw new IllegalArgumentException("at most " + MAX_DAYS + " days, got " + days(from, to));
        }
    }

    /** How many days {@code from}..{@code to} holds, both included. */
    public static long days(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    /** Every day of the range, in order. */
    public List<LocalDate> allDays() {
        List<LocalDate> out = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            out.add(d);
        }
        return out;
    }

    /** Whole months inside the range, and the days of the partial months at either end. */
    public Parts parts() {
        List<YearMonth> months = new ArrayList<>();
        List<LocalDate> days = new ArrayList<>();
        LocalDate d = from;
        while (!d.isAfter(to)) {
            YearMonth m = YearMonth.from(d);
            if (d.getDayOfMonth() == 1 && !m.atEndOfMonth().isAfter(to)) {
                months.add(m);
                d = m.plusMonths(1).atDay(1);
            } else {
                days.add(d);
                d = d.plusDays(1);
            }
        }
        return new Parts(months, days);
    }

    /** The period {@code day} falls in: "2026-11-24" (a day; a week by its Monday) or "2026-11" (a month). */
    public String periodOf(LocalDate day) {
        return switch (interval) {
            case DAY -> day.toString();
            case WEEK ->
                day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toString();
            case MONTH -> YearMonth.from(day).toString();
        };
    }

    /** The period a whole month of the range falls in (only asked with interval month). */
    public String periodOf(YearMonth month) {
        return month.toString();
    }

    /** Every period of the range, in order, each once (the first and last may be partly outside the range). */
    public List<String> periods() {
        List<String> out = new ArrayList<>();
        for (LocalDate d : allDays()) {
            String p = periodOf(d);
            if (out.isEmpty() || !out.getLast().equals(p)) {
                out.add(p);
            }
        }
        return out;
    }
}
