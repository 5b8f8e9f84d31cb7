import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The raw store under a product's first review page: the MongoDB calls review-service makes for
 * {@code GET /api/v1/products/{id}/reviews} when the page is not in its memory (the page of 21 newest published
 * reviews and the rating by id: the unfiltered list's total is the rating's count), sent at once, straight to the
 * store with MongoDB's own Java driver (the one review-service runs on), at a fixed arrival rate like OpenLoad.java:
 * each latency counts from the moment the request was due, until both answered. The count a stars-filtered list adds
 * is timed alone ({@code alone_ms.count}) and checked against the rating's count.
 * <p>
 * Run with the driver's jars on the class path: {@code java -cp <bson, driver-core, driver-sync jars>
 * bench/lib/MongoLoad.java <mongodb-url> <database> <product-id> <rate/s> <seconds> [warm-up seconds]}. Prints one
 * JSON line in OpenLoad's shape, plus what one request found (items, total), the collection's size and each call's
 * latency alone ({@code alone_ms}: 200 of it in a row, none other running), where a request's store time goes.
 */
public class MongoLoad {

    record Result(int requests, int errors, double seconds, long[] nanos) {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String database = args[1];
        String product = args[2];
        int rate = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        int warmup = args.length > 5 ? Integer.parseInt(args[5]) : 5;
        try (MongoClient client = MongoClients.create(url)) {
            MongoCollection<Document> reviews = client.getDatabase(database).getCollection("reviews");
            MongoCollection<Document> ratings = client.getDatabase(database).getCollection("ratings");
            // review-service's Reviews.publishedFilter / publishedOrder and Ratings.key, for the first page
            Bson published = Filters.and(Filters.eq("subject", "PRODUCT"), Filters.eq("subjectId", product),
                    Filters.eq("status", "PUBLISHED"));
            Bson newest = Sorts.orderBy(Sorts.descending("publishedAt"), Sorts.descending("_id"));
            Bson rating = Filters.eq("_id", "PRODUCT:" + product);
            // a request's calls run at once (as Uni.combine does in the service): a thread each, plenty spare
            ExecutorService pool = Executors.newFixedThreadPool(48);
            Runnable page = () -> reviews.find(published).sort(newest).limit(21).into(new ArrayList<>());
            Runnable count = () -> reviews.countDocuments(published);
            Runnable summary = () -> ratings.find(rating).first();
            Runnable[] calls = { page, summary };
            Runnable[] timed = { page, count, summary };
            int items = reviews.find(published).sort(newest).limit(21).into(new ArrayList<>()).size();
            long total = reviews.countDocuments(published);
            long documents = reviews.countDocuments();
            // where a request's store time goes: each call alone, one after the other (after a first round to warm up)
            double[] alone = new double[timed.length];
            for (int round = 0; round < 2; round++) {
                for (int c = 0; c < timed.length; c++) {
                    long t0 = System.nanoTime();
                    for (int k = 0; k < 200; k++) {
                        timed[c].run();
                    }
                    alone[c] = (System.nanoTime() - t0) / 200 / 1e6;
                }
            }
            run(pool, calls, rate, warmup);
            Result r = run(pool, calls, rate, seconds);
            pool.shutdown();
            long[] sorted = r.nanos().clone();
            Arrays.sort(sorted);
            System.out.println(String.format(Locale.ROOT, "{\"target_rps\": %d, \"requests\": %d, \"errors\": %d, "
                    + "\"seconds\": %.1f, \"achieved_rps\": %.1f, \"p50_ms\": %.2f, \"p95_ms\": %.2f, "
                    + "\"p99_ms\": %.2f, \"max_ms\": %.2f, \"page_items\": %d, \"total\": %d, "
                    + "\"reviews_collection_documents\": %d, \"alone_ms\": {\"page\": %.3f, \"count\": %.3f, "
                    + "\"rating\": %.3f}}", rate, r.requests(), r.errors(), r.seconds(),
                    r.requests() / r.seconds(), pct(sorted, 50), pct(sorted, 95), pct(sorted, 99),
                    sorted[sorted.length - 1] / 1e6, Math.min(items, 20), total, documents,
                    alone[0], alone[1], alone[2]));
        }
    }

    static double pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    static Result run(ExecutorService pool, Runnable[] calls, int rate, int seconds) throws InterruptedException {
        int total = rate * seconds;
        long[] latency = new long[total];
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime() + 50_000_000L;
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            List<CompletableFuture<Void>> parts = new ArrayList<>(calls.length);
            for (Runnable call : calls) {
                parts.add(CompletableFuture.runAsync(call, pool));
            }
            int n = i;
            CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).whenComplete((x, e) -> {
                latency[n] = System.nanoTime() - due;
                if (e != null) {
                    errors.incrementAndGet();
                }
                done.countDown();
            });
        }
        done.await(60, TimeUnit.SECONDS);
        double took = (System.nanoTime() - start) / 1e9;
        return new Result(total, errors.get(), took, latency);
    }
}
