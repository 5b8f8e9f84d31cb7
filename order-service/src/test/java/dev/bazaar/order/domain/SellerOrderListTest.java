package dev.bazaar.order.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.order.domain.SellerOrderList.Criteria;
import dev.bazaar.order.domain.SellerOrderList.DaySales;
import dev.bazaar.order.domain.SellerOrderList.Facts;
import dev.bazaar.order.domain.SellerOrderList.Sold;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The head, the counters and the dashboard answer what the store's query over every group answers: checked on a shop
 * whose groups change status in many versions delivered shuffled, late and twice (as redelivery and a rebuild beside
 * the live projection do), against the same answers computed over all the groups.
 */
class SellerOrderListTest {

    /** A group's document as of one event. */
    record Row(String id, long seq, Instant placedAt, String status, boolean needsAction, int openReturns, long total) {

        Facts facts() {
            return new Facts(status, needsAction, openReturns, placedAt, total);
        }

        SellerOrderList.Key key() {
            return SellerOrderList.Key.of(placedAt, id);
        }
    }

    static final String SHOP = UUID.randomUUID().toString();
    static final Instant NOW = Instant.parse("2026-12-06T15:27:41.123456789Z");

    static Optional<List<Row>> merge(List<Row> head, Row row, int capacity) {
        return SellerOrderList.merge(head, row, Row::key, Row::seq, capacity);
    }

    static Row row(String id, long seq, Instant placedAt, String status) {
        return new Row(id, seq, placedAt, status, "PAID".equals(status), 0, 1000);
    }

    @Test
    void theHeadKeepsTheNewestGroupsNewestFirstByPlacedMillisThenId() {
        Instant t = Instant.parse("2026-12-01T10:00:00.000500Z");
        List<Row> head = List.of();
        head = merge(head, row("b", 1, t, "PLACED"), 3).orElseThrow();
        head = merge(head, row("a", 1, t.plusNanos(400_000), "PLACED"), 3).orElseThrow(); // the same millisecond
        head = merge(head, row("c", 1, t.minusSeconds(60), "PLACED"), 3).orElseThrow();
        head = merge(head, row("d", 1, t.plusSeconds(60), "PLACED"), 3).orElseThrow();
        assertThat(head).extracting(Row::id).containsExactly("d", "b", "a");
        // older than every group of a full head: not taken in
        assertThat(merge(head, row("e", 1, t.minusSeconds(1), "PLACED"), 3)).isEmpty();
        // a newer version replaces the group in place; an older or equal one changes nothing
        head = merge(head, row("a", 3, t, "PAID"), 3).orElseThrow();
        assertThat(head).extracting(Row::id).containsExactly("d", "b", "a");
        assertThat(head.get(2).status()).isEqualTo("PAID");
        assertThat(merge(head, row("a", 2, t, "CANCELLED"), 3)).isEmpty();
        assertThat(merge(head, row("a", 3, t, "CANCELLED"), 3)).isEmpty();
    }

    @Test
    void aNewerVersionOfAHeldGroupIsTakenInItsPlaceAndANewGroupRebuildsTheHead() {
        Instant t = Instant.parse("2026-12-01T10:00:00.000500Z");
        List<Row> head =
                List.of(row("d", 1, t.plusSeconds(60), "PLACED"), row("b", 1, t, "PLACED"), row("a", 1, t, "PLACED"));
        var paid = SellerOrderList.take(head, row("b", 2, t.plusNanos(300_000), "PAID"), Row::key, Row::seq, 3)
                .orElseThrow();
        assertThat(paid.inPlace()).isTrue();
        assertThat(paid.replacedAt()).isEqualTo(1);
        assertThat(paid.head()).extracting(Row::id).containsExactly("d", "b", "a");
        assertThat(paid.head().get(1).status()).isEqualTo("PAID");
        assertThat(paid.head())
                .isEqualTo(merge(head, row("b", 2, t.plusNanos(300_000), "PAID"), 3)
                        .orElseThrow());
        var fresh = SellerOrderList.take(head, row("e", 1, t.plusSeconds(1), "PLACED"), Row::key, Row::seq, 3)
                .orElseThrow();
        assertThat(fresh.inPlace()).isFalse();
        assertThat(fresh.head()).extracting(Row::id).containsExactly("d", "e", "b");
        assertThat(SellerOrderList.take(head, row("b", 1, t, "PAID"), Row::key, Row::seq, 3))
                .isEmpty();
    }

    @Test
    void countersMoveByTheDifferenceAndAddNothingForNoChange() {
        Instant placed = Instant.parse("2026-11-20T08:00:00Z");
        Facts placedFacts = new Facts("PLACED", false, 0, placed, 2500);
        Facts paid = new Facts("PAID", true, 0, placed, 2500);
        assertThat(SellerOrderList.counters(null, placedFacts)).isEqualTo(Map.of("rows", 1L, "status.PLACED", 1L));
        assertThat(SellerOrderList.counters(placedFacts, paid))
                .isEqualTo(Map.of(
                        "status.PLACED",
                        -1L,
                        "status.PAID",
                        1L,
                        "needsAction",
                        1L,
                        "days.2026-11-20.sales",
                        2500L,
                        "days.2026-11-20.orders",
                        1L));
        assertThat(SellerOrderList.counters(paid, paid)).isEmpty();
        assertThat(SellerOrderList.sold(placedFacts, paid))
                .isEqualTo(new Sold(LocalDate.parse("2026-11-20"), placed.toEpochMilli(), 2500, 1));
        assertThat(SellerOrderList.sold(paid, paid)).isNull();
        assertThat(SellerOrderList.sold(null, placedFacts)).isNull();
    }

    @Test
    void aPageComesFromTheHeadOnlyWhenTheHeadHoldsIt() {
        Instant t = Instant.parse("2026-12-01T10:00:00Z");
        List<Row> head = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            head.add(row("r" + i, 1, t.minusSeconds(i), i % 2 == 0 ? "PAID" : "SHIPPED"));
        }
        Criteria paid = new Criteria("PAID", null, null, false);
        // complete head: any filter, any page, the total counted in it
        var all = SellerOrderList.page(
                        head, true, r -> paid.matches(r.status(), r.placedAt(), r.needsAction()), 2, 2, null)
                .orElseThrow();
        assertThat(all.items()).extracting(Row::id).containsExactly("r4");
        assertThat(all.total()).isEqualTo(3);
        // not complete: the page must be inside the head and the total counted elsewhere
        assertThat(SellerOrderList.page(head, false, r -> true, 0, 5, 40L)
                        .orElseThrow()
                        .total())
                .isEqualTo(40);
        assertThat(SellerOrderList.page(head, false, r -> true, 0, 6, 40L)).isEmpty();
        assertThat(SellerOrderList.page(head, false, r -> true, 0, 5, null)).isEmpty();
        assertThat(new Criteria(null, null, null, false).counter()).contains("rows");
        assertThat(new Criteria("PAID", null, null, false).counter()).contains("status.PAID");
        assertThat(new Criteria(null, null, null, true).counter()).contains("needsAction");
        assertThat(new Criteria("PAID", null, null, true).counter()).isEmpty();
        assertThat(new Criteria(null, t, null, false).counter()).isEmpty();
    }

    @Test
    void shuffledLateAndRepeatedEventsGiveTheAnswersOfTheQueryOverEveryGroup() {
        for (long seed = 1; seed <= 20; seed++) {
            check(new Random(seed), 150 + (int) seed * 7);
        }
    }

    private static final List<String> STATUSES =
            List.of("PLACED", "PAID", "PARTIALLY_SHIPPED", "SHIPPED", "DELIVERED", "CANCELLED");

    private static void check(Random random, int groups) {
        // every group's versions; some groups share a placed millisecond, and a few lie on the 30 days' first day
        List<Row> events = new ArrayList<>();
        Instant firstDayTime = NOW.minus(Duration.ofDays(30));
        for (int g = 0; g < groups; g++) {
            String id = UUID.randomUUID() + ":" + SHOP;
            Instant placed = switch (g % 5) {
                case 0 -> firstDayTime.plusMillis(random.nextInt(7_200_000) - 3_600_000);
                case 1 -> NOW.truncatedTo(ChronoUnit.DAYS).plusMillis(random.nextInt(3_600_000));
                case 2 -> Instant.parse("2026-11-15T12:00:00.007Z");
                default -> NOW.minusSeconds(random.nextInt(60 * 24 * 3600));
            };
            int versions = 1 + random.nextInt(4);
            for (int v = 1; v <= versions; v++) {
                String status = v == 1 ? "PLACED" : STATUSES.get(random.nextInt(STATUSES.size()));
                int open = random.nextInt(4) == 0 ? random.nextInt(3) : 0;
                events.add(new Row(
                        id,
                        v * 2L,
                        placed,
                        status,
                        status.equals("PAID") || status.equals("PARTIALLY_SHIPPED") || open > 0,
                        open,
                        100 + random.nextInt(10_000)));
            }
        }
        List<Row> deliveries = new ArrayList<>(events);
        for (int i = 0; i < events.size() / 3; i++) {
            deliveries.add(events.get(random.nextInt(events.size()))); // redelivered
        }
        Collections.shuffle(deliveries, random);

        Map<String, Row> store = new HashMap<>();
        Map<String, Long> counters = new TreeMap<>();
        Map<LocalDate, Map<String, long[]>> dayEntries = new HashMap<>();
        List<Row> head = List.of();
        for (Row r : deliveries) {
            Row before = store.get(r.id());
            boolean won = before == null || before.seq() < r.seq();
            if (won) {
                store.put(r.id(), r);
                Facts b = before == null ? null : before.facts();
                SellerOrderList.counters(b, r.facts()).forEach((k, v) -> counters.merge(k, v, Long::sum));
                Sold s = SellerOrderList.sold(b, r.facts());
                if (s != null) {
                    long[] e = dayEntries
                            .computeIfAbsent(s.day(), d -> new HashMap<>())
                            .computeIfAbsent(r.id(), x -> new long[3]);
                    e[0] = s.at();
                    e[1] += s.sales();
                    e[2] += s.orders();
                }
            }
            head = merge(head, r, SellerOrderList.HEAD).orElse(head);
        }

        List<Row> all = new ArrayList<>(store.values());
        all.sort(Comparator.comparing(Row::key, SellerOrderList.NEWEST_FIRST));
        assertThat(head).isEqualTo(all.subList(0, Math.min(SellerOrderList.HEAD, all.size())));
        assertThat(counters.getOrDefault("rows", 0L)).isEqualTo(all.size());

        boolean complete = head.size() < SellerOrderList.HEAD;
        List<Criteria> filters = List.of(
                new Criteria(null, null, null, false),
                new Criteria(null, null, null, true),
                new Criteria("PAID", null, null, false),
                new Criteria("CANCELLED", null, null, false),
                new Criteria(
                        null, Instant.parse("2026-11-15T00:00:00Z"), Instant.parse("2026-11-16T00:00:00Z"), false));
        for (Criteria c : filters) {
            List<Row> matching = all.stream()
                    .filter(r -> c.matches(r.status(), r.placedAt(), r.needsAction()))
                    .toList();
            for (int size : new int[] {1, 20, 100}) {
                for (int page = 0; page < 3; page++) {
                    Long counted =
                            c.counter().map(k -> counters.getOrDefault(k, 0L)).orElse(null);
                    var answer = SellerOrderList.page(
                            head,
                            complete,
                            r -> c.matches(r.status(), r.placedAt(), r.needsAction()),
                            (long) page * size,
                            size,
                            counted);
                    if (c.equals(filters.get(0)) && page == 0) {
                        assertThat(answer).as("the default first page").isPresent();
                    }
                    if (answer.isPresent()) {
                        int from = Math.min(page * size, matching.size());
                        assertThat(answer.get().items())
                                .isEqualTo(matching.subList(from, Math.min(from + size, matching.size())));
                        assertThat(answer.get().total()).isEqualTo(matching.size());
                    }
                }
            }
        }

        for (Instant now : List.of(NOW, NOW.plus(Duration.ofHours(5)), NOW.minus(Duration.ofHours(13)))) {
            Instant today = now.truncatedTo(ChronoUnit.DAYS);
            Instant thirty = now.minus(Duration.ofDays(30));
            LocalDate first = SellerOrderList.day(thirty);
            Map<LocalDate, DaySales> days = new TreeMap<>();
            counters.forEach((k, v) -> {
                if (k.startsWith("days.") && k.endsWith(".sales")) {
                    LocalDate d = LocalDate.parse(k.substring(5, 15));
                    days.put(d, new DaySales(v, counters.getOrDefault("days." + d + ".orders", 0L)));
                }
            });
            List<Sold> entries = dayEntries.getOrDefault(first, Map.of()).values().stream()
                    .map(e -> new Sold(first, e[0], e[1], e[2]))
                    .toList();
            Map<String, Long> statuses = new HashMap<>();
            counters.forEach((k, v) -> {
                if (k.startsWith("status.")) {
                    statuses.put(k.substring(7), v);
                }
            });
            var figures = SellerOrderList.dashboard(
                    statuses, counters.getOrDefault("openReturns", 0L), days, entries, today, thirty);

            long toShip = all.stream()
                    .filter(r -> SellerOrderList.TO_SHIP.contains(r.status()))
                    .count();
            long open = all.stream()
                    .filter(r -> r.openReturns() > 0)
                    .mapToLong(Row::openReturns)
                    .sum();
            long salesToday = sales(all, today).sum();
            long sales30 = sales(all, thirty).sum();
            long orders30 = sales(all, thirty).count();
            assertThat(figures).isEqualTo(new SellerOrderList.Figures(toShip, open, salesToday, sales30, orders30));
        }
    }

    /** Group totals placed at or after {@code since} (to the millisecond, as MongoDB compares dates), sold only. */
    private static java.util.stream.LongStream sales(List<Row> all, Instant since) {
        return all.stream()
                .filter(r -> SellerOrderList.SOLD.contains(r.status())
                        && r.placedAt().toEpochMilli() >= since.toEpochMilli())
                .mapToLong(Row::total);
    }
}
