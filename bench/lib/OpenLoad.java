import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-model load driver: requests are sent at a fixed arrival rate whatever the server does, and each latency is
 * measured from the moment the request was due, not from when it could be sent — so a slow server cannot hide its
 * queueing (no coordinated omission). With {@code BENCH_TIMELINE=<file>} it writes one line per second of the run
 * (second, requests, P50, P95, P99, max in ms), to tell a tail spread over the run from a few stalls. Run with a JDK 21+: {@code java bench/lib/OpenLoad.java <base-url> <rate/s>
 * <seconds> <requests.tsv> [warm-up seconds]}. Each line of the TSV is {@code METHOD<TAB>path<TAB>bearer<TAB>body};
 * lines are used in turn. Prints one JSON line: target and achieved rate, errors, P50/P95/P99/max in ms. With
 * {@code BENCH_LATENCIES=<file>} it also writes every latency (ms, sorted) there, for the plots of bench/run.
 */
public class OpenLoad {

    record Req(String method, String path, String bearer, String body) {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        List<Req> reqs = Files.readAllLines(Path.of(args[3])).stream().filter(l -> !l.isBlank())
                .map(l -> l.split("\t", -1)).map(f -> new Req(f[0], f[1], f.length > 2 ? f[2] : "",
                        f.length > 3 ? f[3] : "")).toList();
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 5;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        run(http, base, reqs, rate, warmup, 0);
        Result r = run(http, base, reqs, rate, seconds, warmup * rate);
        System.out.println(r.json(rate));
        String timeline = System.getenv("BENCH_TIMELINE");
        if (timeline != null && !timeline.isBlank()) {
            Files.writeString(Path.of(timeline), r.timeline(rate));
        }
        String dump = System.getenv("BENCH_LATENCIES");
        if (dump != null && !dump.isBlank()) {
            long[] sorted = r.nanos().clone();
            Arrays.sort(sorted);
            StringBuilder out = new StringBuilder();
            for (long n : sorted) {
                out.append(String.format(Locale.ROOT, "%.3f%n", n / 1e6));
            }
            Files.writeString(Path.of(dump), out);
        }
    }

    /** outcomes: how many requests ended how — an HTTP status, or the exception's simple class name (a timeout). */
    record Result(int requests, int errors, double seconds, long[] nanos, Map<String, Integer> outcomes) {
        String json(int target) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            StringBuilder ways = new StringBuilder();
            new TreeMap<>(outcomes).forEach((k, v) -> ways.append(ways.isEmpty() ? "" : ", ")
                    .append('"').append(k).append("\": ").append(v));
            return String.format(Locale.ROOT, "{\"target_rps\": %d, \"requests\": %d, \"errors\": %d, \"seconds\": %.1f, "
                    + "\"achieved_rps\": %.1f, \"p50_ms\": %.2f, \"p95_ms\": %.2f, \"p99_ms\": %.2f, \"max_ms\": %.2f, "
                    + "\"outcomes\": {%s}}",
                    target, requests, errors, seconds, requests / seconds, pct(sorted, 50), pct(sorted, 95),
                    pct(sorted, 99), sorted[sorted.length - 1] / 1e6, ways);
        }

        /** One line per second of the run, by when the requests were due: second, requests, P50, P95, P99, max (ms). */
        String timeline(int rate) {
            StringBuilder out = new StringBuilder();
            for (int from = 0, second = 1; from < nanos.length; from += rate, second++) {
                long[] sorted = Arrays.copyOfRange(nanos, from, Math.min(nanos.length, from + rate));
                Arrays.sort(sorted);
                out.append(String.format(Locale.ROOT, "%d\t%d\t%.1f\t%.1f\t%.1f\t%.1f%n", second, sorted.length,
                        pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), sorted[sorted.length - 1] / 1e6));
            }
            return out.toString();
        }

        static double pct(long[] sorted, double p) {
            int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
        }
    }

    static Result run(HttpClient http, String base, List<Req> reqs, int rate, int seconds, int offset)
            throws InterruptedException {
        int total = rate * seconds;
        long[] latency = new long[total];
        AtomicInteger errors = new AtomicInteger();
        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(total);
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime() + 50_000_000L;
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            Req r = reqs.get((offset + i) % reqs.size());
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + r.path()))
                    .timeout(Duration.ofSeconds(10))
                    .method(r.method(), r.body().isEmpty() ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(r.body()));
            if (!r.body().isEmpty()) {
                b.header("Content-Type", "application/json");
            }
            if (!r.bearer().isEmpty()) {
                b.header("Authorization", "Bearer " + r.bearer());
            }
            int n = i;
            http.sendAsync(b.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((res, e) -> {
                latency[n] = System.nanoTime() - due;
                if (e != null || res.statusCode() >= 300) {
                    errors.incrementAndGet();
                }
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                outcomes.merge(cause != null ? cause.getClass().getSimpleName() : String.valueOf(res.statusCode()), 1,
                        Integer::sum);
                done.countDown();
            });
        }
        done.await(60, TimeUnit.SECONDS);
        double took = (System.nanoTime() - start) / 1e9;
        return new Result(total, errors.get(), took, latency, outcomes);
    }
}
