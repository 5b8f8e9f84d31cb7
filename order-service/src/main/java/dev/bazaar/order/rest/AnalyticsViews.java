package dev.bazaar.order.rest;

import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.order.domain.AnalyticsFigures;
import dev.bazaar.order.domain.AnalyticsRange;
import dev.bazaar.order.service.Analytics;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/**
 * The analytics answers' JSON and the reading of their query parameters (shared by the admins' and sellers'
 * resources). Bad input is a 400 problem naming the parameter.
 */
final class AnalyticsViews {

    private AnalyticsViews() {}

    public record Point(
            String period,
            long gmv,
            long orders,
            long items,
            long averageOrderValue,
            long commission,
            long takeRateBps,
            long refunds,
            long refundCount,
            long returnedItems,
            long returnRateBps,
            long payouts) {
        static Point of(String period, AnalyticsFigures f) {
            return new Point(
                    period,
                    f.gmv(),
                    f.orders(),
                    f.items(),
                    f.averageOrderValue(),
                    f.commission(),
                    f.takeRateBps(),
                    f.refunds(),
                    f.refundCount(),
                    f.returnedItems(),
                    f.returnRateBps(),
                    f.payouts());
        }
    }

    public record Totals(
            long gmv,
            long orders,
            long items,
            long averageOrderValue,
            long commission,
            long takeRateBps,
            long refunds,
            long refundCount,
            long returnedItems,
            long returnRateBps,
            long payouts) {
        static Totals of(AnalyticsFigures f) {
            return new Totals(
                    f.gmv(),
                    f.orders(),
                    f.items(),
                    f.averageOrderValue(),
                    f.commission(),
                    f.takeRateBps(),
                    f.refunds(),
                    f.refundCount(),
                    f.returnedItems(),
                    f.returnRateBps(),
                    f.payouts());
        }
    }

    public record Series(String key, List<Point> points, Totals totals) {}

    public record Answer(String from, String to, String interval, String currency, List<Series> series) {}

    public record TopProducts(String from, String to, String currency, List<Analytics.TopProduct> products) {}

    static Answer answer(AnalyticsRange range, List<Analytics.Series> series) {
        return new Answer(
                range.from().toString(),
                range.to().toString(),
                range.interval().label(),
                "USD",
                series.stream()
                        .map(s -> new Series(
                                s.key(),
                                s.points().entrySet().stream()
                                        .map(e -> Point.of(e.getKey(), e.getValue()))
                                        .toList(),
                                Totals.of(s.totals())))
                        .toList());
    }

    /** The range asked: {@code to} defaults to today (UTC), {@code from} to 29 days before {@code to}. */
    static AnalyticsRange range(String from, String to, String interval, LocalDate today) {
        LocalDate end = day("to", to, today);
        LocalDate start = day("from", from, end.minusDays(29));
        if (start.isAfter(end)) {
            throw new ProblemException.Invalid("from", "must be on or before 'to'");
        }
        if (AnalyticsRange.days(start, end) > AnalyticsRange.MAX_DAYS) {
            throw new ProblemException.Invalid(
                    "to", "must be at most " + AnalyticsRange.MAX_DAYS + " days from 'from', both included");
        }
        AnalyticsRange.Interval i = interval == null || interval.isBlank()
                ? AnalyticsRange.Interval.DAY
                : AnalyticsRange.Interval.parse(interval);
        if (i == null) {
            throw new ProblemException.Invalid("interval", "must be one of day, week, month");
        }
        return new AnalyticsRange(start, end, i);
    }

    static LocalDate day(String field, String value, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new ProblemException.Invalid(field, "must be a date like 2026-11-24");
        }
    }

    static Analytics.GroupBy groupBy(String value) {
        if (value == null || value.isBlank()) {
            return Analytics.GroupBy.NONE;
        }
        for (Analytics.GroupBy g : Analytics.GroupBy.values()) {
            if (g.name().equalsIgnoreCase(value.strip())) {
                return g;
            }
        }
        throw new ProblemException.Invalid("groupBy", "must be one of none, shop, category");
    }

    static int limit(Integer value, int fallback, int max) {
        if (value == null) {
            return fallback;
        }
        if (value < 1 || value > max) {
            throw new ProblemException.Invalid("limit", "must be 1.." + max);
        }
        return value;
    }

    static UUID uuid(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw new ProblemException.Invalid(field, "must be a UUID");
        }
    }
}
