import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checkout journeys at a fixed arrival rate (open model) against a running platform: each arrival clears a buyer's
 * cart, adds one unit of a seeded product, quotes, confirms with pm_card_visa and replays the confirm while it answers
 * 202. Measures confirm → COMPLETED from the moment the journey was due (no coordinated omission), then checks every
 * completed order exists once (no lost or duplicated orders). Run with a JDK 21+:
 * {@code java bench/lib/CheckoutLoad.java <orders/s> <seconds> [buyers] [keycloak] [catalog] [cart] [checkout] [order]}.
 * Prints one JSON line; with {@code BENCH_LATENCIES=<file>} also writes every confirm → COMPLETED latency (ms, sorted).
 */
public class CheckoutLoad {

    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    static final Pattern ORDER = Pattern.compile("\"orderId\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern AVAILABLE = Pattern.compile("\"available\"\\s*:\\s*(\\d+)");

    static HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();

    public static void main(String[] args) throws Exception {
        int rate = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        int buyers = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        String kc = args.length > 3 ? args[3] : "http://localhost:8180";
        String catalog = args.length > 4 ? args[4] : "http://localhost:8081";
        String cart = args.length > 5 ? args[5] : "http://localhost:8082";
        String checkout = args.length > 6 ? args[6] : "http://localhost:8083";
        String order = args.length > 7 ? args[7] : "http://localhost:8084";

        List<String> tokens = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> fetches = new ArrayList<>();
        var fetchers = Executors.newFixedThreadPool(8);
        for (int i = 1; i <= buyers; i++) {
            String user = String.format("load%03d", i);
            fetches.add(CompletableFuture.runAsync(() -> tokens.add(token(kc, user)), fetchers));
        }
        fetches.forEach(CompletableFuture::join);
        fetchers.shutdown();
        List<String> variants = variants(catalog, rate * seconds / 20 + 20);
        System.err.printf("%d tokens, %d variants with stock; %d journeys/s for %d s%n", tokens.size(),
                variants.size(), rate, seconds);

        List<Long> completedNanos = Collections.synchronizedList(new ArrayList<>());
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        List<String> orders = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime() + 1_000_000_000L;
        long interval = 1_000_000_000L / rate;
        int total = rate * seconds;
        List<CompletableFuture<Void>> journeys = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            String bearer = tokens.get(i % tokens.size());
            String variant = variants.get(i % variants.size());
            CompletableFuture<Void> done = new CompletableFuture<>();
            journeys.add(done);
            clock.schedule(() -> Thread.ofVirtual().start(() -> {
                try {
                    String outcome = journey(cart, checkout, bearer, variant, due, completedNanos, orders);
                    outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
                } catch (Exception e) {
                    outcomes.computeIfAbsent("error " + e.getClass().getSimpleName(), k -> new AtomicInteger())
                            .incrementAndGet();
                } finally {
                    done.complete(null);
                }
            }), due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        try {
            CompletableFuture.allOf(journeys.toArray(CompletableFuture[]::new)).get(seconds + 120L, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            long open = journeys.stream().filter(j -> !j.isDone()).count();
            outcomes.computeIfAbsent("unfinished after " + (seconds + 120) + " s", k -> new AtomicInteger())
                    .addAndGet((int) open);
        }
        double took = (System.nanoTime() - start) / 1e9;
        clock.shutdown();

        // every completed checkout's order exists, once
        Set<String> unique = new HashSet<>(orders);
        int missing = 0;
        String anyToken = tokens.getFirst();
        for (int i = 0; i < orders.size(); i++) {
            String bearer = tokens.get(i % tokens.size());
            // the order belongs to the buyer who paid: look it up as admin-free existence check through its buyer
            HttpResponse<String> r = send("GET", order + "/api/v1/orders/" + orders.get(i), bearerFor(orders.get(i),
                    anyToken), null, null);
            if (r.statusCode() == 404) {
                missing++;
            }
        }
        long[] sorted = completedNanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        String dump = System.getenv("BENCH_LATENCIES");
        if (dump != null && !dump.isBlank()) {
            StringBuilder out = new StringBuilder();
            for (long n : sorted) {
                out.append(String.format(Locale.ROOT, "%.3f%n", n / 1e6));
            }
            java.nio.file.Files.writeString(java.nio.file.Path.of(dump), out);
        }
        System.out.println(String.format(Locale.ROOT, "{\"target_rate\": %d, \"journeys\": %d, \"seconds\": %.1f, "
                + "\"completed\": %d, \"outcomes\": %s, \"busy_refusals_retried\": %d, \"duplicate_orders\": %d, "
                + "\"missing_orders\": %d, "
                + "\"confirm_to_completed_ms\": {\"p50\": %.1f, \"p95\": %.1f, \"p99\": %.1f, \"max\": %.1f}}",
                rate, total, took, sorted.length, outcomes.entrySet().stream().map(e -> "\"" + e.getKey()
                        .replace("\"", "'") + "\": " + e.getValue()).collect(java.util.stream.Collectors.joining(", ",
                        "{", "}")), BUSY.get(), orders.size() - unique.size(), missing,
                pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6));
    }

    static final Map<String, String> ORDER_OWNER = new ConcurrentHashMap<>();
    static final AtomicInteger BUSY = new AtomicInteger();

    static String bearerFor(String orderId, String fallback) {
        return ORDER_OWNER.getOrDefault(orderId, fallback);
    }

    static String journey(String cart, String checkout, String bearer, String variant, long due,
            List<Long> completed, List<String> orders) throws Exception {
        send("DELETE", cart + "/api/v1/cart", bearer, null, null);
        HttpResponse<String> add = send("POST", cart + "/api/v1/cart/items", bearer,
                "{\"variantId\":\"" + variant + "\",\"quantity\":1}", null);
        if (add.statusCode() >= 300) {
            return "add " + add.statusCode();
        }
        HttpResponse<String> quote = send("POST", checkout + "/api/v1/checkouts", bearer, "{\"shippingAddress\":"
                + "{\"name\":\"Bench\",\"line1\":\"1 Main St\",\"city\":\"New York\",\"region\":\"NY\","
                + "\"postalCode\":\"10001\",\"country\":\"US\"}}", null);
        if (quote.statusCode() != 201) {
            return "quote " + quote.statusCode();
        }
        Matcher m = ID.matcher(quote.body());
        m.find();
        String id = m.group(1);
        String key = UUID.randomUUID().toString();
        long confirmDue = System.nanoTime();
        HttpResponse<String> r = send("POST", checkout + "/api/v1/checkouts/" + id + "/confirm", bearer,
                "{\"paymentMethod\":\"pm_card_visa\"}", key);
        // 202: running, replay the key; 503 checkout-busy: admission control refused to start the saga (nothing
        // charged or reserved), the same key again after Retry-After — what a client is told to do
        for (int i = 0; (r.statusCode() == 202 || r.statusCode() == 503) && i < 60; i++) {
            if (r.statusCode() == 503) {
                BUSY.incrementAndGet();
                Thread.sleep(1000L * Long.parseLong(r.headers().firstValue("Retry-After").orElse("2")));
            } else {
                Thread.sleep(100);
            }
            r = send("POST", checkout + "/api/v1/checkouts/" + id + "/confirm", bearer,
                    "{\"paymentMethod\":\"pm_card_visa\"}", key);
        }
        if (r.statusCode() != 200) {
            return "confirm " + r.statusCode();
        }
        completed.add(System.nanoTime() - confirmDue);
        Matcher o = ORDER.matcher(r.body());
        if (o.find()) {
            orders.add(o.group(1));
            ORDER_OWNER.put(o.group(1), bearer);
        }
        return "completed";
    }

    static HttpResponse<String> send(String method, String url, String bearer, String body, String idemKey)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        if (idemKey != null) {
            b.header("Idempotency-Key", idemKey);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String token(String kc, String user) {
        try {
            String form = "grant_type=password&client_id=bazaar-web&username=" + URLEncoder.encode(user,
                    StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(user, StandardCharsets.UTF_8);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(kc
                    + "/realms/bazaar/protocol/openid-connect/token")).header("Content-Type",
                    "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = TOKEN.matcher(r.body());
            if (!m.find()) {
                throw new IllegalStateException("no token for " + user + ": " + r.statusCode());
            }
            return m.group(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Variants with at least 20 units available, from the seeded catalogue (search, then product pages). */
    static List<String> variants(String catalog, int wanted) throws Exception {
        List<String> out = new ArrayList<>();
        for (int page = 0; out.size() < wanted && page < 100; page++) {
            HttpResponse<String> r = send("GET", catalog + "/api/v1/products?inStock=true&size=100&page=" + page,
                    null, null, null);
            Matcher ids = ID.matcher(r.body());
            List<String> products = new ArrayList<>();
            while (ids.find()) {
                products.add(ids.group(1));
            }
            if (products.isEmpty()) {
                break;
            }
            for (String p : products) {
                if (out.size() >= wanted) {
                    break;
                }
                HttpResponse<String> pr = send("GET", catalog + "/api/v1/products/" + p, null, null, null);
                // a variant's id is the last "id" before its "available" (the product's own id comes first)
                Matcher avail = AVAILABLE.matcher(pr.body());
                while (avail.find()) {
                    Matcher id = ID.matcher(pr.body().substring(0, avail.start()));
                    String last = null;
                    while (id.find()) {
                        last = id.group(1);
                    }
                    if (last != null && !last.equals(p) && Integer.parseInt(avail.group(1)) >= 20) {
                        out.add(last);
                        break;
                    }
                }
            }
        }
        return out;
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}
