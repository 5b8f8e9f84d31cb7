import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The analytics bench's data and its raw-store yardstick, with MongoDB's own Java driver (the one order-service runs
 * on). Two modes:
 * <ul>
 * <li>{@code seed <mongodb-url> <database> <year> <shops> [first-shop-id]}: writes one year of daily and monthly
 * aggregates for {@code shops} shops in 6 categories straight into order-service's live analytics collection (the
 * generation {@code projection_meta} names), in the shape {@code persistence/AnalyticsStore} writes: shop, category and
 * platform documents (and the rankings beside the platform's: every shop's and category's GMV), ten products per shop and month. The data
 * is deterministic (a seeded generator per shop and day); ids are the service's, so the documents are replaced, never
 * doubled, by a second seed. {@code first-shop-id} is shop 0 (a real seller's shop, so the seller endpoints read seeded
 * numbers); the others are name-based UUIDs. A marker document says the seed is there: a second call with the same
 * year and shops does nothing (pass {@code --reseed} last to write again). Prints the seed's JSON summary.</li>
 * <li>{@code raw <mongodb-url> <database> <year> <shop-id> <shape> <rate/s> <seconds> [warm-up]}: the same {@code $in}
 * reads order-service makes for one API shape ({@code seller-day}, {@code seller-month}, {@code platform-day},
 * {@code category-month}, {@code shop-top20}; the grouped shapes rank from the platform's month ranking documents first, then
 * read the series), at a fixed arrival rate, each latency from the moment the request was due (like OpenLoad.java).
 * Prints one JSON line in OpenLoad's form.</li>
 * </ul>
 * Run with the driver's jars on the class path: {@code java -cp <bson, driver-core, driver-sync jars>
 * bench/lib/AnalyticsSeed.java …}.
 */
public class AnalyticsSeed {

    static final int CATEGORIES = 6;
    static final int PRODUCTS = 10;
    static final String[] COUNTERS = {"gmv", "orders", "items", "commission", "refunds", "refundCount",
        "returnedItems", "payouts"};

    public static void main(String[] args) throws Exception {
        try (MongoClient client = MongoClients.create(args[1])) {
            MongoDatabase db = client.getDatabase(args[2]);
            Document active = db.getCollection("projection_meta").find(Filters.eq("_id", "active")).first();
            String suffix = active == null || active.getString("suffix") == null ? "" : active.getString("suffix");
            MongoCollection<Document> aggregates = db.getCollection(suffix.isEmpty() ? "analytics"
                    : "analytics_" + suffix);
            int year = Integer.parseInt(args[3]);
            switch (args[0]) {
                case "seed" -> seed(aggregates, year, Integer.parseInt(args[4]),
                        args.length > 5 && !args[5].startsWith("--") ? args[5] : null,
                        Arrays.asList(args).contains("--reseed"), suffix);
                case "raw" -> raw(aggregates, year, args[4], args[5], Integer.parseInt(args[6]),
                        Integer.parseInt(args[7]), args.length > 8 ? Integer.parseInt(args[8]) : 5);
                default -> throw new IllegalArgumentException("seed or raw, not " + args[0]);
            }
        }
    }

    static String shopId(int i, String first) {
        return i == 0 && first != null ? first
                : UUID.nameUUIDFromBytes(("bench-analytics-shop-" + i).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String categoryId(int c) {
        return UUID.nameUUIDFromBytes(("bench-analytics-category-" + c).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String productId(int shop, int p) {
        return UUID.nameUUIDFromBytes(("bench-analytics-product-" + shop + "-" + p)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** One shop's counters of one day: a generator seeded by (shop, day), so every seed writes the same numbers. */
    static long[] day(int shop, LocalDate d) {
        SplittableRandom r = new SplittableRandom(shop * 1_000_003L + d.toEpochDay());
        long orders = r.nextInt(0, 9);
        long items = orders == 0 ? 0 : orders + r.nextInt(0, (int) orders * 2 + 1);
        long gmv = items * r.nextInt(500, 5_001);
        long commission = gmv * 8 / 100;
        boolean refund = orders > 0 && r.nextInt(20) == 0;
        long refunds = refund ? gmv / 4 : 0;
        long returned = refund ? Math.min(items, 1) : 0;
        long payouts = d.getDayOfWeek().getValue() == 1 ? r.nextInt(0, 200_000) : 0;
        return new long[] {gmv, orders, items, commission, refunds, refund ? 1 : 0, returned, payouts};
    }

    static Document counters(String id, long[] v) {
        Document d = new Document("_id", id);
        for (int i = 0; i < COUNTERS.length; i++) {
            d.append(COUNTERS[i], v[i]);
        }
        return d;
    }

    static void add(long[] into, long[] v) {
        for (int i = 0; i < into.length; i++) {
            into[i] += v[i];
        }
    }

    static void seed(MongoCollection<Document> c, int year, int shops, String first, boolean reseed, String suffix) {
        String marker = "bench:analytics:" + year + ":" + shops + ":" + first;
        if (!reseed && c.find(Filters.eq("_id", marker)).first() != null) {
            System.out.printf(Locale.ROOT, "{\"seeded\": false, \"reason\": \"already there\", \"collection\": \"%s\"}%n",
                    c.getNamespace().getCollectionName());
            return;
        }
        long t0 = System.nanoTime();
        long written = 0;
        LocalDate from = LocalDate.of(year, 1, 1);
        LocalDate to = LocalDate.of(year, 12, 31);
        for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
            long[][] shopMonth = new long[shops][COUNTERS.length];
            long[][] catMonth = new long[CATEGORIES][COUNTERS.length];
            long[] platformMonth = new long[COUNTERS.length];
            Map<String, Long> shopGmvMonth = new LinkedHashMap<>();
            Map<String, Long> catGmvMonth = new LinkedHashMap<>();
            for (LocalDate d = m.atDay(1); !d.isAfter(m.atEndOfMonth()); d = d.plusDays(1)) {
                List<WriteModel<Document>> batch = new ArrayList<>();
                long[][] cat = new long[CATEGORIES][COUNTERS.length];
                long[] platform = new long[COUNTERS.length];
                Document shopGmv = new Document();
                Document catGmv = new Document();
                for (int s = 0; s < shops; s++) {
                    long[] v = day(s, d);
                    String id = shopId(s, first);
                    batch.add(replace(counters("d:s:" + id + ":" + d, v)));
                    add(shopMonth[s], v);
                    add(cat[s % CATEGORIES], v);
                    add(platform, v);
                    if (v[0] != 0) {
                        shopGmv.append(id, v[0]);
                        shopGmvMonth.merge(id, v[0], Long::sum);
                    }
                    if (batch.size() == 1_000) {
                        written += write(c, batch);
                    }
                }
                for (int k = 0; k < CATEGORIES; k++) {
                    batch.add(replace(counters("d:c:" + categoryId(k) + ":" + d, cat[k])));
                    add(catMonth[k], cat[k]);
                    catGmv.append(categoryId(k), cat[k][0]);
                    catGmvMonth.merge(categoryId(k), cat[k][0], Long::sum);
                }
                batch.add(replace(counters("d:p:all:" + d, platform)));
                batch.add(replace(new Document("_id", "r:d:p:all:" + d).append("shops", shopGmv)
                        .append("cats", catGmv)));
                add(platformMonth, platform);
                written += write(c, batch);
            }
            List<WriteModel<Document>> batch = new ArrayList<>();
            for (int s = 0; s < shops; s++) {
                Document top = new Document();
                long[] v = shopMonth[s];
                for (int p = 0; p < PRODUCTS; p++) {
                    // product p gets a share of (PRODUCTS − p) / Σ: a long tail, deterministic
                    long share = PRODUCTS - p;
                    long sum = (long) PRODUCTS * (PRODUCTS + 1) / 2;
                    top.append(productId(s, p), new Document("units", v[2] * share / sum)
                            .append("gmv", v[0] * share / sum).append("title", "Bench product " + s + "-" + p));
                }
                batch.add(replace(counters("m:s:" + shopId(s, first) + ":" + m, v).append("top", top)));
                if (batch.size() == 1_000) {
                    written += write(c, batch);
                }
            }
            for (int k = 0; k < CATEGORIES; k++) {
                batch.add(replace(counters("m:c:" + categoryId(k) + ":" + m, catMonth[k])));
            }
            batch.add(replace(counters("m:p:all:" + m, platformMonth)));
            batch.add(replace(new Document("_id", "r:m:p:all:" + m).append("shops", new Document(
                    new HashMap<>(shopGmvMonth))).append("cats", new Document(new HashMap<>(catGmvMonth)))));
            written += write(c, batch);
            System.err.printf("    %s: %d documents so far%n", m, written);
        }
        c.replaceOne(Filters.eq("_id", marker), new Document("_id", marker).append("documents", written),
                new ReplaceOptions().upsert(true));
        System.out.printf(Locale.ROOT, "{\"seeded\": true, \"collection\": \"%s\", \"generation\": \"%s\", \"year\": %d, "
                + "\"shops\": %d, \"categories\": %d, \"documents\": %d, \"seconds\": %.1f, \"first_shop\": \"%s\"}%n",
                c.getNamespace().getCollectionName(), suffix, year, shops, CATEGORIES, written,
                (System.nanoTime() - t0) / 1e9, shopId(0, first));
    }

    static ReplaceOneModel<Document> replace(Document d) {
        return new ReplaceOneModel<>(Filters.eq("_id", d.getString("_id")), d, new ReplaceOptions().upsert(true));
    }

    static long write(MongoCollection<Document> c, List<WriteModel<Document>> batch) {
        int n = batch.size();
        if (n > 0) {
            c.bulkWrite(new ArrayList<>(batch), new BulkWriteOptions().ordered(false));
            batch.clear();
        }
        return n;
    }

    /** The reads of one API shape, as order-service makes them (ids only). */
    static Runnable shape(MongoCollection<Document> c, int year, String shop, String shape) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
            days.add(d);
        }
        List<String> months = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            months.add(YearMonth.of(year, m).toString());
        }
        return switch (shape) {
            case "seller-day" -> () -> read(c, days.stream().map(d -> "d:s:" + shop + ":" + d).toList());
            case "seller-month" -> () -> read(c, months.stream().map(m -> "m:s:" + shop + ":" + m).toList());
            case "platform-day" -> () -> read(c, days.stream().map(d -> "d:p:all:" + d).toList());
            case "category-month" -> () -> read(c, ranked(c, months, "cats", "c:", 20).stream()
                    .flatMap(s -> months.stream().map(m -> "m:" + s + ":" + m)).toList());
            case "shop-top20" -> () -> read(c, ranked(c, months, "shops", "s:", 20).stream()
                    .flatMap(s -> months.stream().map(m -> "m:" + s + ":" + m)).toList());
            default -> throw new IllegalArgumentException("unknown shape " + shape);
        };
    }

    static List<String> ranked(MongoCollection<Document> c, List<String> months, String field, String prefix,
            int limit) {
        Map<String, Long> gmv = new HashMap<>();
        for (Document d : c.find(Filters.in("_id", months.stream().map(m -> "r:m:p:all:" + m).toList()))) {
            Document m = d.get(field, Document.class);
            if (m != null) {
                m.forEach((k, v) -> gmv.merge(k, ((Number) v).longValue(), Long::sum));
            }
        }
        return gmv.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).limit(limit).map(e -> prefix + e.getKey()).toList();
    }

    static void read(MongoCollection<Document> c, List<String> ids) {
        int n = 0;
        for (Document ignored : c.find(Filters.in("_id", ids))) {
            n++;
        }
        if (n == 0) {
            throw new IllegalStateException("nothing seeded under " + ids.getFirst());
        }
    }

    static void raw(MongoCollection<Document> c, int year, String shop, String shape, int rate, int seconds,
            int warmup) throws InterruptedException {
        Runnable call = shape(c, year, shop, shape);
        call.run();
        ExecutorService pool = Executors.newFixedThreadPool(48);
        try {
            run(pool, call, rate, warmup);
            long t0 = System.nanoTime();
            long[] latency = run(pool, call, rate, seconds);
            double took = (System.nanoTime() - t0) / 1e9;
            int errors = (int) Arrays.stream(latency).filter(l -> l < 0).count();
            long[] sorted = Arrays.stream(latency).map(Math::abs).sorted().toArray();
            System.out.printf(Locale.ROOT, "{\"target_rps\": %d, \"requests\": %d, \"errors\": %d, \"seconds\": %.1f, "
                    + "\"achieved_rps\": %.1f, \"p50_ms\": %.2f, \"p95_ms\": %.2f, \"p99_ms\": %.2f, \"max_ms\": %.2f}%n",
                    rate, sorted.length, errors, took, sorted.length / took, pct(sorted, 50), pct(sorted, 95),
                    pct(sorted, 99), sorted[sorted.length - 1] / 1e6);
        } finally {
            pool.shutdownNow();
        }
    }

    static double pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    /** Latencies in ns from each request's due time; negative for a failed one. */
    static long[] run(ExecutorService pool, Runnable call, int rate, int seconds) throws InterruptedException {
        int total = rate * seconds;
        long[] latency = new long[total];
        CountDownLatch done = new CountDownLatch(total);
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime() + 50_000_000L;
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int n = i;
            pool.execute(() -> {
                try {
                    call.run();
                    latency[n] = Math.max(1, System.nanoTime() - due);
                } catch (RuntimeException e) {
                    latency[n] = -Math.max(1, System.nanoTime() - due);
                } finally {
                    done.countDown();
                }
            });
        }
        done.await(120, TimeUnit.SECONDS);
        return latency;
    }
}
