package dev.bazaar.order.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The rules of the seller's list and dashboard as the read-by-{@code _id} documents keep them (ADR 0033) — pure.
 * <ul>
 * <li>The list is newest first: placed time (in milliseconds, as the store keeps it) descending, then the group's id
 * ({@code orderId:shopId}) descending. A group never moves in it (its placed time and id do not change) and never
 * leaves it, so the newest {@link #HEAD} groups of a shop (the <i>head</i>) only ever take a group in, pushing the
 * oldest out: {@link #merge}.</li>
 * <li>A page is answered from the head when the head holds it: every group of the shop (fewer than {@link #HEAD}), or
 * enough matching groups and a counted total for the filter: {@link #page}.</li>
 * <li>What a group adds to the shop's counters ({@link #counters}) and to the sales of the day it was placed
 * ({@link #sold}): the difference between its facts before and after an event is applied.</li>
 * <li>The dashboard's figures from those counters, the day sums and the groups of the day 30 days back
 * ({@link #dashboard}).</li>
 * </ul>
 */
public final class SellerOrderList {

    /** How many of a shop's newest groups the head keeps: the largest page. */
    public static final int HEAD = 100;

    /** Group statuses that count as sales: paid or later, not cancelled. */
    public static final Set<String> SOLD = Set.of(
            GroupStatus.PAID.name(),
            GroupStatus.PARTIALLY_SHIPPED.name(),
            GroupStatus.SHIPPED.name(),
            GroupStatus.DELIVERED.name());
    /** Group statuses with items still to send. */
    public static final Set<String> TO_SHIP = Set.of(GroupStatus.PAID.name(), GroupStatus.PARTIALLY_SHIPPED.name());

    /** Counter names of the shop document. */
    public static final String ROWS = "rows";

    public static final String NEEDS_ACTION = "needsAction";
    public static final String OPEN_RETURNS = "openReturns";
    public static final String STATUS = "status";
    public static final String DAYS = "days";

    private SellerOrderList() {}

    /** A group's place in the list. */
    public record Key(long placedAtMillis, String id) {
        public static Key of(Instant placedAt, String id) {
            return new Key(placedAt.toEpochMilli(), id);
        }
    }

    /** Newest first: placed time descending, then id descending (the store's sort on placedAt, _id). */
    public static final Comparator<Key> NEWEST_FIRST =
            Comparator.comparingLong(Key::placedAtMillis).thenComparing(Key::id).reversed();

    /**
     * The head with {@code row} in it, newest first, at most {@code capacity} long — or empty when nothing changes: the
     * head holds the group as of this or a later sequence, or the head is full of newer groups.
     */
    public static <T> Optional<List<T>> merge(
            List<T> head, T row, Function<T, Key> key, Function<T, Long> seq, int capacity) {
        return take(head, row, key, seq, capacity).map(Taken::head);
    }

    /**
     * What {@link #take} did: the new head, and the index where the group replaced its older version in place (its
     * key unchanged, so nothing else moved), or -1 when the head was rebuilt around it (a group new to the head).
     */
    public record Taken<T>(List<T> head, int replacedAt) {
        public boolean inPlace() {
            return replacedAt >= 0;
        }
    }

    /**
     * {@link #merge}, saying where the group went: a newer version of a group already in the head takes its place and
     * moves nothing (a group's placed time and id are fixed), so the store can write that one entry, not the head.
     */
    public static <T> Optional<Taken<T>> take(
            List<T> head, T row, Function<T, Key> key, Function<T, Long> seq, int capacity) {
        Key k = key.apply(row);
        for (int i = 0; i < head.size(); i++) {
            T r = head.get(i);
            Key had = key.apply(r);
            if (!had.id().equals(k.id())) {
                continue;
            }
            Long was = seq.apply(r);
            if (was != null && was >= seq.apply(row)) {
                return Optional.empty();
            }
            if (had.equals(k)) {
                List<T> out = new ArrayList<>(head);
                out.set(i, row);
                return Optional.of(new Taken<>(List.copyOf(out), i));
            }
            break; // its key changed (never, for a real group): rebuilt below
        }
        List<T> out = new ArrayList<>(head.size() + 1);
        for (T r : head) {
            if (!key.apply(r).id().equals(k.id())) {
                out.add(r);
            }
        }
        if (out.size() >= capacity && NEWEST_FIRST.compare(k, key.apply(out.get(out.size() - 1))) > 0) {
            return Optional.empty(); // older than every group of a full head
        }
        out.add(row);
        out.sort(Comparator.comparing(key, NEWEST_FIRST));
        return Optional.of(new Taken<>(List.copyOf(out.size() > capacity ? out.subList(0, capacity) : out), -1));
    }

    /**
     * What a seller's list is narrowed to; null = any. {@code from} inclusive, {@code until} exclusive (placed time);
     * {@code needsAction}: only groups that need action.
     */
    public record Criteria(String status, Instant from, Instant until, boolean needsAction) {

        public boolean matches(String rowStatus, Instant placedAt, boolean rowNeedsAction) {
            long at = placedAt.toEpochMilli();
            return (status == null || status.equals(rowStatus))
                    && (from == null || at >= from.toEpochMilli())
                    && (until == null || at < until.toEpochMilli())
                    && (!needsAction || rowNeedsAction);
        }

        /** The shop counter that counts every group matching this, if one does. */
        public Optional<String> counter() {
            if (from != null || until != null || (status != null && needsAction)) {
                return Optional.empty();
            }
            if (status != null) {
                return Optional.of(STATUS + "." + status);
            }
            return Optional.of(needsAction ? NEEDS_ACTION : ROWS);
        }
    }

    /** A page of the list and how many groups match in all. */
    public record Slice<T>(List<T> items, long total) {}

    /**
     * The page at {@code offset} of {@code size} rows matching, from the head — if the head can answer it exactly: it
     * holds every group of the shop ({@code complete}), or it holds the whole page and {@code countedTotal} (the shop
     * counter of the criteria, null when none) gives the total. Empty otherwise: the caller asks the store.
     */
    public static <T> Optional<Slice<T>> page(
            List<T> head, boolean complete, Predicate<T> matches, long offset, int size, Long countedTotal) {
        List<T> matching = head.stream().filter(matches).toList();
        long end = offset + size;
        if (complete) {
            return Optional.of(new Slice<>(slice(matching, offset, end), matching.size()));
        }
        if (countedTotal != null && matching.size() >= end) {
            return Optional.of(new Slice<>(slice(matching, offset, end), countedTotal));
        }
        return Optional.empty();
    }

    private static <T> List<T> slice(List<T> rows, long from, long to) {
        if (from >= rows.size()) {
            return List.of();
        }
        return List.copyOf(rows.subList((int) from, (int) Math.min(to, rows.size())));
    }

    /** What the counters know of a group; a group not there yet is null. */
    public record Facts(String status, boolean needsAction, int openReturns, Instant placedAt, long total) {

        boolean sold() {
            return SOLD.contains(status);
        }
    }

    /**
     * The increments that move the shop counters from {@code before} (null: the group is new) to {@code after}: groups
     * ({@code rows}), per status ({@code status.<STATUS>}), needing action, open returns, and per day placed (UTC) the
     * sales and sold groups ({@code days.<yyyy-MM-dd>.sales|orders}); zeros left out.
     */
    public static Map<String, Long> counters(Facts before, Facts after) {
        Map<String, Long> inc = new TreeMap<>();
        for (int sign : new int[] {-1, 1}) {
            Facts f = sign < 0 ? before : after;
            if (f == null) {
                continue;
            }
            add(inc, ROWS, sign);
            add(inc, STATUS + "." + f.status(), sign);
            add(inc, NEEDS_ACTION, f.needsAction() ? sign : 0);
            add(inc, OPEN_RETURNS, (long) sign * f.openReturns());
            if (f.sold()) {
                String day = DAYS + "." + day(f.placedAt());
                add(inc, day + ".sales", sign * f.total());
                add(inc, day + ".orders", sign);
            }
        }
        inc.values().removeIf(v -> v == 0);
        return inc;
    }

    /** A group's sales on the day it was placed: when (ms), how much, and whether it counts (1) or not (0). */
    public record Sold(LocalDate day, long at, long sales, long orders) {}

    /**
     * The change of a group's sales entry on the day it was placed from {@code before} to {@code after} (null: no
     * change). The dashboard reads the entries of the one day its 30 days begin in.
     */
    public static Sold sold(Facts before, Facts after) {
        Facts any = after != null ? after : before;
        if (any == null) {
            return null;
        }
        long sales = (after != null && after.sold() ? after.total() : 0)
                - (before != null && before.sold() ? before.total() : 0);
        long orders = (after != null && after.sold() ? 1L : 0L) - (before != null && before.sold() ? 1L : 0L);
        if (sales == 0 && orders == 0) {
            return null;
        }
        return new Sold(day(any.placedAt()), any.placedAt().toEpochMilli(), sales, orders);
    }

    /** One day's sales and sold groups. */
    public record DaySales(long sales, long orders) {}

    /** The dashboard's figures (as the store query computed them over every group of the shop). */
    public record Figures(
            long toShip, long returnsToDecide, long salesToday, long salesLast30Days, long ordersLast30Days) {}

    /**
     * The dashboard: to ship (groups PAID or PARTIALLY_SHIPPED), returns to decide, sales (group totals, sold
     * statuses) placed since {@code startOfToday} (a UTC midnight) and since {@code thirtyDaysAgo}, and how many groups.
     * Whole days come
     * from {@code days}; the day {@code thirtyDaysAgo} falls in from its groups' entries {@code firstDay} (placed at or
     * after it, to the millisecond, as the store compares).
     */
    public static Figures dashboard(
            Map<String, Long> statuses,
            long openReturns,
            Map<LocalDate, DaySales> days,
            List<Sold> firstDay,
            Instant startOfToday,
            Instant thirtyDaysAgo) {
        long toShip =
                TO_SHIP.stream().mapToLong(s -> statuses.getOrDefault(s, 0L)).sum();
        LocalDate today = day(startOfToday);
        LocalDate first = day(thirtyDaysAgo);
        long fromMillis = thirtyDaysAgo.toEpochMilli();
        long salesToday = 0;
        long sales30 = 0;
        long orders30 = 0;
        for (Map.Entry<LocalDate, DaySales> d : days.entrySet()) {
            if (!d.getKey().isBefore(today)) {
                salesToday += d.getValue().sales();
            }
            if (d.getKey().isAfter(first)) {
                sales30 += d.getValue().sales();
                orders30 += d.getValue().orders();
            }
        }
        for (Sold s : firstDay) {
            if (s.day().equals(first) && s.at() >= fromMillis) {
                sales30 += s.sales();
                orders30 += s.orders();
            }
        }
        return new Figures(toShip, openReturns, salesToday, sales30, orders30);
    }

    public static LocalDate day(Instant at) {
        return at.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    private static void add(Map<String, Long> inc, String counter, long value) {
        if (value != 0) {
            inc.merge(counter, value, Long::sum);
        }
    }
}
