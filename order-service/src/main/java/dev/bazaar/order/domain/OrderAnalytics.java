package dev.bazaar.order.domain;

import dev.bazaar.contracts.messaging.Lines.OrderLine;
import dev.bazaar.contracts.messaging.OrderEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What one order adds to the analytics, as of the events it has so far — pure. The read model keeps this per order and
 * applies the difference between the old and the new contribution, so a repeated or late event adds nothing.
 * <ul>
 * <li>On the day the order was placed (UTC), per group that is paid and not cancelled (the definition of the sales
 * facts): the shop's GMV (goods), commission, units and one order; the same per category of its lines (one order per
 * category it touches); the platform sums them and counts the order once.</li>
 * <li>On the day each refund was recorded (RefundIssued, which is how RefundSucceeded lands in the order): its amount
 * and one refund, for the shop and the platform (a refund is per group, not per category).</li>
 * <li>On the day a return was approved: its units as returned items, for the shop, the lines' categories and the
 * platform.</li>
 * <li>Top products: the units and GMV of each product per shop and month placed, with its title.</li>
 * </ul>
 * Cells are named {@code scope:id:day} with scope {@code p} (platform, id {@code all}), {@code s} (shop) or {@code c}
 * (category; lines quoted before categories count under {@link #UNCATEGORISED}).
 */
public final class OrderAnalytics {

    public static final String PLATFORM = "p:all";
    public static final String UNCATEGORISED = "uncategorised";

    private OrderAnalytics() {}

    /** An event of the order with the time it was recorded. */
    public record Recorded(OrderEvent event, Instant at) {}

    /** A product's part of a shop's month: units, GMV and its title as last quoted. */
    public record ProductFigures(long units, long gmv, String title) {}

    /**
     * One order's contribution: counters per cell ({@code scope:id:yyyy-MM-dd} → counter → value, zeros left out) and
     * product figures per {@code shopId:yyyy-MM:productId}.
     */
    public record Contribution(Map<String, Map<String, Long>> cells, Map<String, ProductFigures> products) {}

    public static String shop(UUID shopId) {
        return "s:" + shopId;
    }

    public static String category(UUID categoryId) {
        return "c:" + (categoryId == null ? UNCATEGORISED : categoryId.toString());
    }

    public static String cell(String scope, LocalDate day) {
        return scope + ":" + day;
    }

    public static Contribution of(Order o, List<Recorded> events) {
        Map<String, Map<String, Long>> cells = new TreeMap<>();
        Map<String, ProductFigures> products = new TreeMap<>();
        if (!o.exists()) {
            return new Contribution(cells, products);
        }
        LocalDate placed = day(o.placedAt());
        String month = YearMonth.from(placed).toString();
        boolean anyCounts = false;
        Set<String> categoriesTouched = new HashSet<>();
        Map<UUID, UUID> categoryOfVariant = new HashMap<>();
        for (Order.Group g : o.groups()) {
            for (OrderLine l : g.group().lines()) {
                categoryOfVariant.put(l.variantId(), l.categoryId());
            }
            boolean counts = g.status() != GroupStatus.CANCELLED && g.status() != GroupStatus.PLACED;
            if (!counts) {
                continue;
            }
            anyCounts = true;
            String shop = shop(g.group().shopId());
            long units =
                    g.group().lines().stream().mapToLong(OrderLine::quantity).sum();
            long gmv = g.group().subtotal().amount();
            long commission = g.group().commission().amount();
            for (String scope : List.of(shop, PLATFORM)) {
                add(cells, cell(scope, placed), "gmv", gmv);
                add(cells, cell(scope, placed), "commission", commission);
                add(cells, cell(scope, placed), "items", units);
            }
            add(cells, cell(shop, placed), "orders", 1);
            for (OrderLine l : g.group().lines()) {
                String c = category(l.categoryId());
                add(cells, cell(c, placed), "gmv", l.lineTotal().amount());
                add(cells, cell(c, placed), "commission", l.commission().amount());
                add(cells, cell(c, placed), "items", l.quantity());
                categoriesTouched.add(c);
                products.merge(
                        g.group().shopId() + ":" + month + ":" + l.productId(),
                        new ProductFigures(l.quantity(), l.lineTotal().amount(), l.title()),
                        (a, b) -> new ProductFigures(a.units() + b.units(), a.gmv() + b.gmv(), b.title()));
            }
        }
        if (anyCounts) {
            add(cells, cell(PLATFORM, placed), "orders", 1);
            categoriesTouched.forEach(c -> add(cells, cell(c, placed), "orders", 1));
        }
        Map<UUID, Order.Return> returns = new LinkedHashMap<>();
        o.returns().forEach(r -> returns.put(r.returnId(), r));
        for (Recorded r : events) {
            LocalDate day = day(r.at());
            switch (r.event()) {
                case OrderEvent.RefundIssued ri -> {
                    for (String scope : List.of(shop(ri.shopId()), PLATFORM)) {
                        add(cells, cell(scope, day), "refunds", ri.amount().amount());
                        add(cells, cell(scope, day), "refundCount", 1);
                    }
                }
                case OrderEvent.ReturnApproved ra -> {
                    Order.Return ret = returns.get(ra.returnId());
                    if (ret != null) {
                        ret.lines().forEach(l -> {
                            for (String scope : List.of(
                                    shop(ra.shopId()), PLATFORM, category(categoryOfVariant.get(l.variantId())))) {
                                add(cells, cell(scope, day), "returnedItems", l.quantity());
                            }
                        });
                    }
                }
                default -> {}
            }
        }
        return new Contribution(cells, products);
    }

    static LocalDate day(Instant at) {
        return at.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    private static void add(Map<String, Map<String, Long>> cells, String cell, String counter, long value) {
        if (value != 0) {
            cells.computeIfAbsent(cell, k -> new TreeMap<>()).merge(counter, value, Long::sum);
        }
    }
}
