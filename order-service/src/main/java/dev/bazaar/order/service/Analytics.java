package dev.bazaar.order.service;

import dev.bazaar.contracts.messaging.PaymentEvent;
import dev.bazaar.order.domain.AnalyticsFigures;
import dev.bazaar.order.domain.AnalyticsRange;
import dev.bazaar.order.domain.OrderAnalytics;
import dev.bazaar.order.persistence.AnalyticsStore;
import dev.bazaar.order.persistence.ProjectionGenerations;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The analytics use cases: payouts into the read model (orders come through the {@link Projector}), and the answers —
 * series of figures per period for one scope or the top shops or categories, a shop's top products, the platform's
 * daily sales — read from the pre-aggregated documents by id only ({@link AnalyticsStore}).
 */
@ApplicationScoped
public class Analytics {

    /** What a series is grouped by. */
    public enum GroupBy {
        NONE,
        SHOP,
        CATEGORY
    }

    /** The figures of one scope ("all", a shop id, a category id) per period, in order, and their totals. */
    public record Series(String key, Map<String, AnalyticsFigures> points, AnalyticsFigures totals) {}

    /** One product of a shop's top products over a range of months. */
    public record TopProduct(String productId, String title, long units, long gmv) {}

    /** One day of the platform's sales (the days with orders only). */
    public record DaySales(LocalDate day, AnalyticsFigures figures) {}

    private final AnalyticsStore store;
    private final ProjectionGenerations generations;

    public Analytics(AnalyticsStore store, ProjectionGenerations generations) {
        this.store = store;
        this.generations = generations;
    }

    /**
     * A payout paid to a shop counts on the day it was announced, for the shop and the platform. It is kept first (for
     * rebuilds), then applied as a fact of its own ({@code payout:<id>}) in the live generation and one being rebuilt:
     * a redelivered PayoutPaid finds its fact and adds nothing.
     */
    public Uni<Void> payoutPaid(PaymentEvent.PayoutPaid p, Instant occurredAt) {
        LocalDate day = occurredAt.atOffset(ZoneOffset.UTC).toLocalDate();
        var payout = new AnalyticsStore.Payout(
                p.payoutId().toString(), p.shopId().toString(), day, p.amount().amount());
        return store.recordPayout(payout.payoutId(), payout.shopId(), day, payout.amount())
                .flatMap(x -> generations.current())
                .flatMap(g -> {
                    Uni<Void> live = applyPayout(g.active(), payout);
                    return g.rebuilding() == null ? live : live.flatMap(y -> applyPayout(g.rebuilding(), payout));
                });
    }

    /** Applies one payout to generation {@code suffix} (live and rebuilds). */
    public Uni<Void> applyPayout(String suffix, AnalyticsStore.Payout p) {
        Map<String, Map<String, Long>> cells = new TreeMap<>();
        cells.put(OrderAnalytics.cell("s:" + p.shopId(), p.day()), Map.of("payouts", p.amount()));
        cells.put(OrderAnalytics.cell(OrderAnalytics.PLATFORM, p.day()), Map.of("payouts", p.amount()));
        return store.apply(suffix, "payout:" + p.payoutId(), 1, new OrderAnalytics.Contribution(cells, Map.of()));
    }

    /** Re-aggregates every recorded payout into generation {@code suffix} (a rebuild); answers how many. */
    public Uni<Integer> rebuildPayouts(String suffix) {
        // one payout after the other
        return store.payouts()
                .flatMap(all -> Multi.createFrom()
                        .iterable(all)
                        .onItem()
                        .transformToUniAndConcatenate(
                                p -> applyPayout(suffix, p).replaceWith(1))
                        .collect()
                        .with(Collectors.summingInt(Integer::intValue)));
    }

    /**
     * The series of {@code range}: one for {@code scope} ({@code p:all}, {@code s:<shopId>}, {@code c:<categoryId>})
     * when grouped by nothing, else one per shop or category among the {@code limit} with the most GMV in the range.
     */
    public Uni<List<Series>> series(AnalyticsRange range, GroupBy groupBy, String scope, int limit) {
        return generations.active().flatMap(suffix -> switch (groupBy) {
            case NONE -> read(suffix, range, List.of(scope));
            case SHOP -> ranked(suffix, range, "shops", "s:", limit).flatMap(s -> read(suffix, range, s));
            case CATEGORY -> ranked(suffix, range, "cats", "c:", limit).flatMap(s -> read(suffix, range, s));
        });
    }

    /** The scopes with the most GMV over the range, from the platform's ranking documents (per-shop, per-category GMV). */
    private Uni<List<String>> ranked(String suffix, AnalyticsRange range, String field, String prefix, int limit) {
        AnalyticsRange.Parts parts = range.parts();
        List<String> ids = new ArrayList<>();
        parts.months()
                .forEach(m -> ids.add(AnalyticsStore.rankingId(AnalyticsStore.monthId(OrderAnalytics.PLATFORM, m))));
        parts.days().forEach(d -> ids.add(AnalyticsStore.rankingId(AnalyticsStore.dayId(OrderAnalytics.PLATFORM, d))));
        return store.gmvRanking(suffix, ids, field).map(gmv -> {
            return gmv.entrySet().stream()
                    .filter(e -> e.getValue() != 0)
                    .sorted(Map.Entry.<String, Long>comparingByValue()
                            .reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(limit)
                    .map(e -> prefix + e.getKey())
                    .toList();
        });
    }

    private Uni<List<Series>> read(String suffix, AnalyticsRange range, List<String> scopes) {
        boolean monthly = range.interval() == AnalyticsRange.Interval.MONTH;
        AnalyticsRange.Parts parts = monthly ? range.parts() : new AnalyticsRange.Parts(List.of(), range.allDays());
        Map<String, String> periodOfId = new HashMap<>();
        Map<String, String> scopeOfId = new HashMap<>();
        for (String scope : scopes) {
            for (YearMonth m : parts.months()) {
                String id = AnalyticsStore.monthId(scope, m);
                periodOfId.put(id, range.periodOf(m));
                scopeOfId.put(id, scope);
            }
            for (LocalDate d : parts.days()) {
                String id = AnalyticsStore.dayId(scope, d);
                periodOfId.put(id, range.periodOf(d));
                scopeOfId.put(id, scope);
            }
        }
        List<String> periods = range.periods();
        return store.figures(suffix, periodOfId.keySet()).map(docs -> {
            Map<String, Map<String, AnalyticsFigures>> byScope = new LinkedHashMap<>();
            for (String scope : scopes) {
                Map<String, AnalyticsFigures> points = new LinkedHashMap<>();
                periods.forEach(p -> points.put(p, AnalyticsFigures.ZERO));
                byScope.put(scope, points);
            }
            docs.forEach(
                    (id, f) -> byScope.get(scopeOfId.get(id)).merge(periodOfId.get(id), f, AnalyticsFigures::plus));
            List<Series> out = new ArrayList<>();
            byScope.forEach((scope, points) -> out.add(new Series(
                    scope.substring(2),
                    points,
                    points.values().stream().reduce(AnalyticsFigures.ZERO, AnalyticsFigures::plus))));
            return out;
        });
    }

    /**
     * A shop's products with the most GMV (then units) in the months {@code from}..{@code to} touch: products are kept
     * per shop and month, so a range starting or ending mid-month counts those whole months.
     */
    public Uni<List<TopProduct>> topProducts(UUID shopId, LocalDate from, LocalDate to, int limit) {
        List<String> ids = new ArrayList<>();
        for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
            ids.add(AnalyticsStore.monthId(OrderAnalytics.shop(shopId), m));
        }
        return generations
                .active()
                .flatMap(suffix -> store.products(suffix, ids))
                .map(products -> products.entrySet().stream()
                        .filter(e -> e.getValue().units() != 0 || e.getValue().gmv() != 0)
                        .map(e -> new TopProduct(
                                e.getKey(),
                                e.getValue().title(),
                                e.getValue().units(),
                                e.getValue().gmv()))
                        .sorted(Comparator.comparingLong(TopProduct::gmv)
                                .reversed()
                                .thenComparing(Comparator.comparingLong(TopProduct::units)
                                        .reversed())
                                .thenComparing(TopProduct::productId))
                        .limit(limit)
                        .toList());
    }

    /** The platform's figures of each day {@code from}..{@code to} that had orders, in order. */
    public Uni<List<DaySales>> dailySales(LocalDate from, LocalDate to) {
        AnalyticsRange range = new AnalyticsRange(from, to, AnalyticsRange.Interval.DAY);
        return series(range, GroupBy.NONE, OrderAnalytics.PLATFORM, 1)
                .map(s -> s.getFirst().points().entrySet().stream()
                        .filter(e -> e.getValue().orders() > 0)
                        .map(e -> new DaySales(LocalDate.parse(e.getKey()), e.getValue()))
                        .toList());
    }
}
