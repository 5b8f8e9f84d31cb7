import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checkout journeys at a fixed arrival rate (open model) against a running platform: each arrival clears a buyer's
 * cart, adds one unit of a seeded product, quotes, confirms with pm_card_visa and replays the confirm while it answers
 * 202. Measures confirm → COMPLETED from the moment the journey was due (no coordinated omission), then checks every
 * completed order exists once (no lost or duplicated orders). The journey's requests — methods, paths, bodies, the
 * confirm's replays — are read from bench/journeys.json, the definition k6/checkout.js runs too ({@code BENCH_JOURNEYS}
 * names another file). Run with a JDK 21+:
 * {@code java bench/lib/CheckoutLoad.java <orders/s> <seconds> [buyers] [keycloak] [catalog] [cart] [checkout] [order]}
 * (buyers load001 on, or from {@code BENCH_BUYER_FROM}).
 * Prints one JSON line; with {@code BENCH_LATENCIES=<file>} also writes every confirm → COMPLETED latency (ms, sorted).
 */
public class CheckoutLoad {

    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    static final Pattern ORDER = Pattern.compile("\"orderId\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern AVAILABLE = Pattern.compile("\"available\"\\s*:\\s*(\\d+)");

    /** bench/journeys.json: the requests, and the checkout journey's steps. */
    static final Map<String, Object> JOURNEYS = Json.map(Json.read(journeysFile()));
    static final Map<String, Object> CHECKOUT = Json.map(JOURNEYS.get("checkout"));

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
        Map<String, String> services = Map.of("catalog", catalog, "cart", cart, "checkout", checkout, "order", order);

        List<String> tokens = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> fetches = new ArrayList<>();
        var fetchers = Executors.newFixedThreadPool(8);
        // BENCH_BUYER_FROM: the first buyer's number, so two drivers (one per replica) check out as different buyers
        int from = Integer.parseInt(System.getenv().getOrDefault("BENCH_BUYER_FROM", "1"));
        for (int i = from; i < from + buyers; i++) {
            String user = String.format("load%03d", i);
            fetches.add(CompletableFuture.runAsync(() -> tokens.add(token(kc, user)), fetchers));
        }
        fetches.forEach(CompletableFuture::join);
        fetchers.shutdown();
        // one unit per journey: each variant is bought about total ÷ variants times, so it must have twice that
        // available (a run's variants are the first in-stock products; earlier runs drained some of them)
        int wanted = rate * seconds / 20 + 20;
        int units = 2 * (rate * seconds / wanted + 1);
        List<String> variants = variants(catalog, wanted, units);
        System.err.printf("%d tokens, %d variants with %d+ units available; %d journeys/s for %d s%n", tokens.size(),
                variants.size(), units, rate, seconds);
        // a buyer runs one checkout at a time, as a person does: two journeys of one buyer at once share one cart (the
        // second's clear_cart empties the first's, or the first pays for both items). A journey takes an idle buyer
        // when it is due and gives it back when it ends; when every buyer is busy it waits, and the wait is counted.
        LinkedBlockingQueue<String> idle = new LinkedBlockingQueue<>(tokens);
        AtomicInteger waitedForBuyer = new AtomicInteger();

        List<Long> completedNanos = Collections.synchronizedList(new ArrayList<>());
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        List<String> orders = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime() + 1_000_000_000L;
        long interval = 1_000_000_000L / rate;
        int total = rate * seconds;
        List<CompletableFuture<Void>> journeys = new ArrayList<>();
        List<AtomicReference<String>> phases = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            String variant = variants.get(i % variants.size());
            CompletableFuture<Void> done = new CompletableFuture<>();
            AtomicReference<String> phase = new AtomicReference<>("not started");
            journeys.add(done);
            phases.add(phase);
            clock.schedule(() -> Thread.ofVirtual().start(() -> {
                String bearer = idle.poll();
                try {
                    if (bearer == null) {
                        waitedForBuyer.incrementAndGet();
                        phase.set("waiting for an idle buyer");
                        bearer = idle.take();
                    }
                    String outcome = journey(services, bearer, variant, due, completedNanos, orders, phase);
                    outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
                } catch (Exception e) {
                    outcomes.computeIfAbsent("error " + e.getClass().getSimpleName(), k -> new AtomicInteger())
                            .incrementAndGet();
                } finally {
                    if (bearer != null) {
                        idle.add(bearer);
                    }
                    done.complete(null);
                }
            }), due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        try {
            CompletableFuture.allOf(journeys.toArray(CompletableFuture[]::new)).get(seconds + 120L, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            // by where each was: still refused by admission control (nothing started) or running
            for (int i = 0; i < journeys.size(); i++) {
                if (!journeys.get(i).isDone()) {
                    outcomes.computeIfAbsent("unfinished after " + (seconds + 120) + " s (" + phases.get(i).get() + ")",
                            k -> new AtomicInteger()).incrementAndGet();
                }
            }
        }
        double took = (System.nanoTime() - start) / 1e9;
        clock.shutdown();

        // every completed checkout's order exists, once — counted on a snapshot: journeys still running after the wait
        // keep adding orders while the look-ups below run (a run at 50/s once reported 578 "duplicates" that were
        // orders completed late, counted in the total but not in the set)
        List<String> done;
        synchronized (orders) {
            done = List.copyOf(orders);
        }
        Set<String> unique = new HashSet<>(done);
        int missing = 0;
        String anyToken = tokens.getFirst();
        for (int i = 0; i < done.size(); i++) {
            // the order belongs to the buyer who paid: look it up as admin-free existence check through its buyer
            HttpResponse<String> r = send("GET", order + "/api/v1/orders/" + done.get(i), bearerFor(done.get(i),
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
                + "\"missing_orders\": %d, \"waited_for_idle_buyer\": %d, "
                + "\"confirm_to_completed_ms\": {\"p50\": %.1f, \"p95\": %.1f, \"p99\": %.1f, \"max\": %.1f}}",
                rate, total, took, sorted.length, outcomes.entrySet().stream().map(e -> "\"" + e.getKey()
                        .replace("\"", "'") + "\": " + e.getValue()).collect(java.util.stream.Collectors.joining(", ",
                        "{", "}")), BUSY.get(), done.size() - unique.size(), missing, waitedForBuyer.get(),
                pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6));
    }

    static final Map<String, String> ORDER_OWNER = new ConcurrentHashMap<>();
    static final AtomicInteger BUSY = new AtomicInteger();
    static final Pattern PROBLEM = Pattern.compile("\"type\"\\s*:\\s*\"[^\"]*/problems/([^\"]+)\"");

    static String bearerFor(String orderId, String fallback) {
        return ORDER_OWNER.getOrDefault(orderId, fallback);
    }

    /**
     * One journey: the steps of bench/journeys.json's checkout, each sent as its request says (method, service, path,
     * body with the journey's variables, Idempotency-Key, replays) — the definition k6/checkout.js runs too.
     */
    static String journey(Map<String, String> services, String bearer, String variant, long due,
            List<Long> completed, List<String> orders, AtomicReference<String> phase) throws Exception {
        Map<String, String> vars = new HashMap<>(Map.of("variant", variant));
        String key = UUID.randomUUID().toString();
        long confirmDue = System.nanoTime();
        HttpResponse<String> r = null;
        for (Object op : Json.list(CHECKOUT.get("steps"))) {
            Map<String, Object> step = Json.map(Json.map(JOURNEYS.get("requests")).get((String) op));
            String url = services.get((String) step.get("service")) + fill((String) step.get("path"), vars);
            String body = step.containsKey("body") ? Json.write(step.get("body"), vars) : null;
            String idem = Boolean.TRUE.equals(step.get("idempotencyKey")) ? key : null;
            if (op.equals(CHECKOUT.get("timedFrom"))) {
                confirmDue = System.nanoTime();
            }
            phase.set((String) op);
            r = send((String) step.get("method"), url, bearer, body, idem);
            // replay: 202, running, replay the key; 503 checkout-busy: admission control refused to start the saga
            // (nothing charged or reserved), the same key again after Retry-After — what a client is told to do
            Map<String, Object> replay = step.containsKey("replay") ? Json.map(step.get("replay")) : Map.of();
            Map<String, Object> waits = replay.containsKey("while") ? Json.map(replay.get("while")) : Map.of();
            int max = replay.containsKey("max") ? ((Number) replay.get("max")).intValue() : 0;
            for (int i = 0; waits.containsKey(String.valueOf(r.statusCode())) && i < max; i++) {
                phase.set(op + (r.statusCode() == 503 ? " refused by admission control" : " admitted, running"));
                Map<String, Object> wait = Json.map(waits.get(String.valueOf(r.statusCode())));
                if (Boolean.TRUE.equals(wait.get("retryAfter"))) {
                    BUSY.incrementAndGet();
                    Thread.sleep(1000L * Long.parseLong(r.headers().firstValue("Retry-After").orElse(
                            String.valueOf(((Number) wait.getOrDefault("defaultSeconds", 0)).longValue()))));
                } else {
                    Thread.sleep((long) (1000 * ((Number) wait.getOrDefault("afterSeconds", 0)).doubleValue()));
                }
                r = send((String) step.get("method"), url, bearer, body, idem);
            }
            int status = r.statusCode();
            if (step.containsKey("expect") && Json.list(step.get("expect")).stream()
                    .noneMatch(s -> ((Number) s).intValue() == status)) {
                Matcher type = PROBLEM.matcher(r.body());
                // "add 409", "quote 500 internal", "confirm 409 out-of-stock"
                return ((String) op).split("_")[0] + " " + status + (type.find() ? " " + type.group(1) : "");
            }
            if (step.containsKey("save")) {
                for (Map.Entry<String, Object> save : Json.map(step.get("save")).entrySet()) {
                    Matcher m = Pattern.compile("\"" + Pattern.quote((String) save.getValue())
                            + "\"\\s*:\\s*\"([^\"]*)\"").matcher(r.body());
                    if (!m.find()) {
                        return op + " without " + save.getValue();
                    }
                    vars.put(save.getKey(), m.group(1));
                }
            }
        }
        completed.add(System.nanoTime() - confirmDue);
        Matcher o = ORDER.matcher(r.body());
        if (o.find()) {
            orders.add(o.group(1));
            ORDER_OWNER.put(o.group(1), bearer);
        }
        return "completed";
    }

    /** {@code ${name}} replaced by the journey's variable. */
    static String fill(String template, Map<String, String> vars) {
        Matcher m = Pattern.compile("\\$\\{(\\w+)}").matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = vars.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("no variable " + m.group(1) + " for " + template);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
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

    /** Variants with at least {@code units} available, from the seeded catalogue (search, then product pages). */
    static List<String> variants(String catalog, int wanted, int units) throws Exception {
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
                    if (last != null && !last.equals(p) && Integer.parseInt(avail.group(1)) >= units) {
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

    /** BENCH_JOURNEYS, else journeys.json in the folder above this source file (bench/), else bench/ of the cwd. */
    static Path journeysFile() {
        String env = System.getenv("BENCH_JOURNEYS");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String source = System.getProperty("jdk.launcher.sourcefile");
        if (source == null) {
            try {
                source = Path.of(CheckoutLoad.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                        .toString();
            } catch (Exception | Error e) {
                source = null;
            }
        }
        if (source != null && source.endsWith(".java")) {
            Path candidate = Path.of(source).toAbsolutePath().getParent().resolveSibling("journeys.json");
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        return Path.of("bench", "journeys.json");
    }

    /** Just enough JSON for bench/journeys.json: objects (in order), arrays, strings, numbers, true/false/null. */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Object read(Path file) {
            try {
                Json j = new Json(Files.readString(file));
                Object value = j.value();
                j.space();
                if (j.i != j.s.length()) {
                    throw j.error("trailing text");
                }
                return value;
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot read " + file + " (BENCH_JOURNEYS names another)", e);
            }
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> map(Object o) {
            return (Map<String, Object>) o;
        }

        @SuppressWarnings("unchecked")
        static List<Object> list(Object o) {
            return (List<Object>) o;
        }

        /** The value as compact JSON, {@code ${name}} in its strings replaced by the journey's variables. */
        static String write(Object v, Map<String, String> vars) {
            if (v == null) {
                return "null";
            }
            if (v instanceof String str) {
                StringBuilder out = new StringBuilder("\"");
                for (char c : fill(str, vars).toCharArray()) {
                    switch (c) {
                        case '"' -> out.append("\\\"");
                        case '\\' -> out.append("\\\\");
                        case '\n' -> out.append("\\n");
                        default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
                    }
                }
                return out.append('"').toString();
            }
            if (v instanceof Map<?, ?> m) {
                StringBuilder out = new StringBuilder("{");
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    out.append(out.length() > 1 ? "," : "").append(write(e.getKey(), vars)).append(':')
                            .append(write(e.getValue(), vars));
                }
                return out.append('}').toString();
            }
            if (v instanceof List<?> l) {
                StringBuilder out = new StringBuilder("[");
                for (Object e : l) {
                    out.append(out.length() > 1 ? "," : "").append(write(e, vars));
                }
                return out.append(']').toString();
            }
            return v instanceof java.math.BigDecimal d ? d.toPlainString() : String.valueOf(v);
        }

        private Object value() {
            space();
            if (i >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> m = new LinkedHashMap<>();
                i++;
                space();
                if (s.charAt(i) == '}') {
                    i++;
                    return m;
                }
                do {
                    space();
                    String k = string();
                    space();
                    expect(':');
                    m.put(k, value());
                    space();
                } while (s.charAt(i++) == ',');
                if (s.charAt(i - 1) != '}') {
                    throw error("expected , or }");
                }
                return m;
            }
            if (c == '[') {
                List<Object> l = new ArrayList<>();
                i++;
                space();
                if (s.charAt(i) == ']') {
                    i++;
                    return l;
                }
                do {
                    l.add(value());
                    space();
                } while (s.charAt(i++) == ',');
                if (s.charAt(i - 1) != ']') {
                    throw error("expected , or ]");
                }
                return l;
            }
            if (c == '"') {
                return string();
            }
            for (String word : new String[] {"true", "false", "null"}) {
                if (s.startsWith(word, i)) {
                    i += word.length();
                    return word.equals("null") ? null : Boolean.valueOf(word);
                }
            }
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            if (start == i) {
                throw error("unexpected " + c);
            }
            return new java.math.BigDecimal(s.substring(start, i));
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (s.charAt(i) != '"') {
                char c = s.charAt(i++);
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case 'r' -> out.append('\r');
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'u' -> {
                            out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> out.append(e);
                    }
                } else {
                    out.append(c);
                }
            }
            i++;
            return out.toString();
        }

        private void expect(char c) {
            if (i >= s.length() || s.charAt(i) != c) {
                throw error("expected " + c);
            }
            i++;
        }

        private void space() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private IllegalStateException error(String what) {
            return new IllegalStateException("journeys.json at " + i + ": " + what);
        }
    }
}
