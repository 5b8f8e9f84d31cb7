package dev.bazaar.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The k6 scripts and the bench send the same journeys: the ones bench/journeys.json defines (issue #28). Neither k6
 * nor a platform is needed: the k6 scripts run under Node with stub {@code k6/*} modules and a fake platform
 * ({@code k6/test/}: {@code run.mjs} logs every request, sleep and check), bench/lib/CheckoutLoad.java runs against
 * the same fake over HTTP ({@code k6/test/serve.mjs}), and the bench's hand-written cart requests (wrk's cart.lua,
 * the open-model lines of bench/run-cart and bench/run) are read from their files. Each is compared with what the
 * definition says, request by request.
 */
class K6JourneysTest {

    static final Path ROOT = Chart.ROOT;
    static final Path K6 = ROOT.resolve("k6");
    static final ObjectMapper JSON = new ObjectMapper();
    /** What k6/test/fake-platform.mjs answers: every confirm goes 202, 503 (Retry-After: 1 s), 202, 200. */
    static final int[] CONFIRM_PLAN = {202, 503, 202, 200};

    static final int RETRY_AFTER_SECONDS = 1;

    static JsonNode journeys;

    @BeforeAll
    static void definition() throws IOException {
        journeys = JSON.readTree(ROOT.resolve("bench/journeys.json").toFile());
    }

    /** The fake's ids (k6/test/fake-platform.mjs: uuid(kind, n)). */
    static String uuid(int kind, int n) {
        return String.format("00000000-0000-4000-8%d00-%012d", kind, n);
    }

    // ---- checkout

    @Test
    void k6CheckoutSendsTheDefinedJourney() throws Exception {
        JsonNode run = k6("checkout.js", 2, "default", Map.of());
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 2; i++) {
            List<JsonNode> log = list(run.get("iterations").get(i));
            List<JsonNode> requests = log.stream()
                    .filter(e -> e.get("type").asText().equals("http"))
                    .toList();
            assertThat(requests.stream().map(K6JourneysTest::describe).toList())
                    .as("k6/checkout.js, iteration %d, against bench/journeys.json's checkout", i)
                    .containsExactlyElementsOf(expectedCheckout(i, true));
            String buyer = String.format("Bearer token-load%03d", i + 1);
            assertThat(requests)
                    .allSatisfy(r -> assertThat(r.get("authorization").asText()).isEqualTo(buyer));
            List<String> waits = waitsBetweenRequests(log);
            assertThat(waits).as("k6/checkout.js's sleeps before each replay").isEqualTo(expectedWaits());
            keys.addAll(idempotencyKeys(requests));
            assertThat(log)
                    .as("the journey completes against the fake")
                    .anySatisfy(e -> assertThat(e.path("name").asText()).isEqualTo("checkout_completed_ms"));
        }
        assertThat(keys).as("one Idempotency-Key per journey").hasSize(2);
    }

    @Test
    void checkoutLoadSendsTheDefinedJourney() throws Exception {
        Process fake = new ProcessBuilder("node", "test/serve.mjs")
                .directory(K6.toFile())
                .start();
        List<JsonNode> received = new ArrayList<>();
        String result;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(fake.getInputStream(), StandardCharsets.UTF_8))) {
            String first = out.readLine();
            assertThat(first).as("node test/serve.mjs started").isNotNull();
            String base = "http://127.0.0.1:" + JSON.readTree(first).get("port").asInt();
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    for (String line; (line = out.readLine()) != null; ) {
                        synchronized (received) {
                            received.add(JSON.readTree(line));
                        }
                    }
                } catch (IOException ignored) {
                    // the fake stopped
                }
            });
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Result load = run(
                    List.of(
                            java,
                            ROOT.resolve("bench/lib/CheckoutLoad.java").toString(),
                            "1",
                            "1",
                            "1",
                            base + "/keycloak",
                            base + "/catalog",
                            base + "/cart",
                            base + "/checkout",
                            base + "/order"),
                    ROOT,
                    Map.of(),
                    120);
            assertThat(load.code())
                    .as("CheckoutLoad against the fake platform:\n" + load.output())
                    .isZero();
            result = load.output()
                    .lines()
                    .filter(l -> l.startsWith("{\"target_rate\""))
                    .findFirst()
                    .orElseThrow();
            try (OutputStream in = fake.getOutputStream()) {
                in.flush();
            }
            fake.waitFor(10, TimeUnit.SECONDS);
            reader.join(5_000);
        } finally {
            fake.destroy();
        }
        JsonNode summary = JSON.readTree(result);
        assertThat(summary.get("completed").asInt()).as(result).isEqualTo(1);
        assertThat(summary.get("busy_refusals_retried").asInt()).as(result).isEqualTo(1);
        List<JsonNode> journey;
        synchronized (received) {
            journey = received.stream()
                    .filter(r ->
                            Set.of("cart", "checkout").contains(r.get("service").asText()))
                    .toList();
        }
        assertThat(journey.stream().map(K6JourneysTest::describe).toList())
                .as("bench/lib/CheckoutLoad.java against bench/journeys.json's checkout")
                .containsExactlyElementsOf(expectedCheckout(0, false));
        assertThat(idempotencyKeys(journey)).hasSize(1);
        // the waits before each replay: at least what the definition says (CheckoutLoad sends no op tags or sleeps
        // to log, so they show as time between the requests)
        List<String> waits = expectedWaits();
        int replay = 0;
        for (int i = 1; i < journey.size(); i++) {
            if (journey.get(i)
                    .get("path")
                    .asText()
                    .equals(journey.get(i - 1).get("path").asText())) {
                double seconds = Double.parseDouble(waits.get(replay++).substring("sleep ".length()));
                long gap = journey.get(i).get("time").asLong()
                        - journey.get(i - 1).get("time").asLong();
                assertThat(gap).as("ms before replay %d", replay).isGreaterThanOrEqualTo((long) (seconds * 1000) - 5);
            }
        }
        assertThat(replay).isEqualTo(waits.size());
    }

    /** "op METHOD service path body key" of each request of the checkout journey, as the definition says. */
    List<String> expectedCheckout(int iteration, boolean withOps) {
        Map<String, String> vars = new HashMap<>(Map.of("variant", uuid(2, iteration % 3 + 1)));
        List<String> out = new ArrayList<>();
        for (JsonNode op : journeys.at("/checkout/steps")) {
            JsonNode r = request(op.asText());
            String line = describe(op.asText(), r, vars);
            out.add(withOps ? line : line.substring(line.indexOf(' ') + 1));
            JsonNode replay = r.get("replay");
            if (replay != null) {
                for (int i = 0;
                        i < CONFIRM_PLAN.length - 1
                                && i < replay.get("max").asInt()
                                && replay.get("while").has(String.valueOf(CONFIRM_PLAN[i]));
                        i++) {
                    line = describe(replay.get("op").asText(), r, vars);
                    out.add(withOps ? line : line.substring(line.indexOf(' ') + 1));
                }
            }
            if (r.has("save")) {
                r.get("save").fieldNames().forEachRemaining(name -> vars.put(name, uuid(4, iteration + 1)));
            }
        }
        return out;
    }

    List<String> expectedWaits() {
        List<String> out = new ArrayList<>();
        for (JsonNode op : journeys.at("/checkout/steps")) {
            JsonNode replay = request(op.asText()).get("replay");
            for (int i = 0;
                    replay != null
                            && i < CONFIRM_PLAN.length - 1
                            && replay.get("while").has(String.valueOf(CONFIRM_PLAN[i]));
                    i++) {
                JsonNode wait = replay.get("while").get(String.valueOf(CONFIRM_PLAN[i]));
                out.add("sleep "
                        + (wait.path("retryAfter").asBoolean()
                                ? (double) RETRY_AFTER_SECONDS
                                : wait.path("afterSeconds").asDouble()));
            }
        }
        return out;
    }

    static List<String> waitsBetweenRequests(List<JsonNode> log) {
        return log.stream()
                .filter(e -> e.get("type").asText().equals("sleep"))
                .map(e -> "sleep " + e.get("seconds").asDouble())
                .toList();
    }

    static Set<String> idempotencyKeys(List<JsonNode> requests) {
        Set<String> keys = new HashSet<>();
        requests.stream()
                .filter(r -> !r.get("idempotencyKey").isNull())
                .forEach(r -> keys.add(r.get("idempotencyKey").asText()));
        return keys;
    }

    // ---- cart

    @Test
    void k6CartSendsTheDefinedMixByItsShares() throws Exception {
        int n = 1000;
        JsonNode run = k6("cart.js", n, "default", Map.of());
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (JsonNode iteration : run.get("iterations")) {
            List<JsonNode> requests = list(iteration).stream()
                    .filter(e -> e.get("type").asText().equals("http"))
                    .toList();
            assertThat(requests).as("one cart operation per iteration").hasSize(1);
            JsonNode sent = requests.getFirst();
            String op = sent.get("op").asText();
            assertThat(journeys.at("/cart/mix").has(op))
                    .as("%s is in the mix", op)
                    .isTrue();
            assertThat(Stream.of(1, 2, 3).map(v -> describe(op, request(op), Map.of("variant", uuid(2, v)))))
                    .as("k6/cart.js's %s against bench/journeys.json", op)
                    .contains(describe(sent));
            counts.merge(op, 1, Integer::sum);
        }
        journeys.at("/cart/mix")
                .fields()
                .forEachRemaining(e -> assertThat(counts.getOrDefault(e.getKey(), 0))
                        .as("%s of %d iterations", e.getKey(), n)
                        .isCloseTo(
                                (int) Math.round(e.getValue().asDouble() * n), org.assertj.core.data.Offset.offset(3)));
    }

    /**
     * wrk and OpenLoad take literal requests, so the bench's cart requests are written out in three files; each
     * must be the definition's request (method, path, body with the variant where ${variant} is).
     */
    @Test
    void theBenchSendsTheDefinedCartRequests() throws IOException {
        Map<String, JsonNode> bench = new LinkedHashMap<>();
        for (JsonNode op : journeys.at("/cart/bench")) {
            assertThat(journeys.at("/cart/mix").has(op.asText()))
                    .as("bench op %s is in the mix", op)
                    .isTrue();
            bench.put(op.asText(), request(op.asText()));
        }
        // bench/cart.lua: wrk.format("POST", "/api/v1/cart/items", {…}, '{"variantId":"' .. r[3] .. '",…}')
        String lua = Files.readString(ROOT.resolve("bench/cart.lua"));
        Matcher wrk = Pattern.compile(
                        "wrk\\.format\\(\"(\\w+)\",\\s*\"(/api/v1/[^\"]*)\"(.*?)\\)\\s*\\n", Pattern.DOTALL)
                .matcher(lua);
        List<String> luaSent = new ArrayList<>();
        while (wrk.find()) {
            Matcher body = Pattern.compile("'(\\{.*})'").matcher(wrk.group(3));
            luaSent.add(sent(
                    wrk.group(1),
                    wrk.group(2),
                    body.find()
                            ? body.group(1)
                                    .replaceAll(
                                            "'\\s*\\.\\.\\s*r\\[3]\\s*\\.\\.\\s*'",
                                            Matcher.quoteReplacement("${variant}"))
                            : null));
        }
        assertThat(luaSent)
                .as("bench/cart.lua's requests to the cart API (modes add and get)")
                .containsExactlyInAnyOrderElementsOf(
                        bench.values().stream().map(K6JourneysTest::sent).toList());
        // bench/run-cart and bench/run: OpenLoad lines "METHOD\tpath\ttoken\tbody", written by printf (bench/run's
        // add-to-cart lines by bench/lib/tools.sh's bench_cart_requests, which it sources, as bench/profile does)
        Pattern printf = Pattern.compile("printf ['\"](\\w+)\\\\t(/api/v1/cart[^\\\\]*)\\\\t%s\\\\t(.*?)\\\\n");
        for (String file : List.of("bench/run-cart", "bench/run")) {
            String text = Files.readString(ROOT.resolve(file))
                    + (file.equals("bench/run") ? Files.readString(ROOT.resolve("bench/lib/tools.sh")) : "");
            Matcher m = printf.matcher(text);
            List<String> lines = new ArrayList<>();
            while (m.find()) {
                String body = m.group(3).replace("\\\"", "\"").replace("%s", "${variant}");
                lines.add(sent(m.group(1), m.group(2), body.isEmpty() ? null : body));
            }
            assertThat(lines)
                    .as("the cart requests %s writes for OpenLoad", file)
                    .isNotEmpty()
                    .allSatisfy(l -> assertThat(bench.values().stream()
                                    .map(K6JourneysTest::sent)
                                    .toList())
                            .as("%s's cart request against bench/journeys.json's %s", file, bench.keySet())
                            .contains(l))
                    .contains(sent(bench.get("add_to_cart")));
        }
    }

    /** "METHOD path body" of a request written in a bench file (body with ${variant} still in it). */
    static String sent(String method, String path, String body) {
        try {
            return method + " " + path + " "
                    + (body == null ? "-" : JSON.readTree(body).toString());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    static String sent(JsonNode request) {
        return request.get("method").asText() + " " + request.get("path").asText() + " "
                + (request.has("body") ? request.get("body").toString() : "-");
    }

    // ---- browse

    @Test
    void k6BrowseWalksTheQueryLogInOrder(@TempDir Path tmp) throws Exception {
        List<String> queries = List.of(
                "/api/v1/products?q=mug",
                "/api/v1/products?q=oak+table&sort=price_asc",
                "/api/v1/products?category=shoes&inStock=true",
                "/api/v1/products?q=snekaer",
                "/api/v1/products?q=lamp&page=3&size=20",
                "/api/v1/products?q=mug",
                "/api/v1/products?q=wool");
        Path log = tmp.resolve("queries.txt");
        Files.writeString(log, String.join("\n", queries) + "\n");
        int n = 40;
        JsonNode run = k6("browse.js", n, "default", Map.of("SEARCH_QUERIES", log.toString()));
        JsonNode search = request(journeys.at("/browse/search").asText());
        JsonNode product = request(journeys.at("/browse/productPage").asText());
        int pages = 0;
        for (int i = 0; i < n; i++) {
            List<JsonNode> requests = list(run.get("iterations").get(i)).stream()
                    .filter(e -> e.get("type").asText().equals("http"))
                    .toList();
            assertThat(describe(requests.getFirst()))
                    .as("search of iteration %d", i)
                    .isEqualTo(describe(
                            journeys.at("/browse/search").asText(),
                            search,
                            Map.of("query", queries.get(i % queries.size()))));
            if (requests.size() > 1) {
                pages++;
                assertThat(requests).hasSize(2);
                String op = journeys.at("/browse/productPage").asText();
                assertThat(Stream.of(11, 12).map(p -> describe(op, product, Map.of("product", uuid(1, p)))))
                        .as("the product page after the search: one of the hits")
                        .contains(describe(requests.get(1)));
            }
        }
        assertThat(pages)
                .as("product pages after %d searches with hits", n)
                .isBetween((int) (n * journeys.at("/browse/productPageShare").asDouble() * 0.6), (int)
                        Math.ceil(n * journeys.at("/browse/productPageShare").asDouble() * 1.4));
    }

    @Test
    void k6BrowseReadsTheBenchQueryLogByDefault() throws Exception {
        Path queryLog = ROOT.resolve(journeys.at("/browse/queryLog").asText());
        assertThat(queryLog.toString()).endsWith("bench/data/search-queries.txt");
        JsonNode run = k6("browse.js", 0, "default", Map.of(), "--init-only");
        assertThat(list(run.get("opened")).stream()
                        .map(JsonNode::asText)
                        .map(Path::of)
                        .map(Path::normalize))
                .as("the files k6/browse.js opens")
                .contains(queryLog.normalize());
        if (Files.exists(queryLog)) {
            assertThat(run.has("error")).as(run.path("error").asText()).isFalse();
            try (Stream<String> lines = Files.lines(queryLog)) {
                assertThat(lines.filter(l -> !l.isBlank()))
                        .as(queryLog + ": URL paths of the public search")
                        .isNotEmpty()
                        .allSatisfy(l -> assertThat(l).startsWith("/api/v1/products"));
            }
            // and the bench replays that file too
            List<String> readers = new ArrayList<>();
            try (Stream<Path> bench = Files.walk(ROOT.resolve("bench"), 2)) {
                for (Path p : bench.filter(Files::isRegularFile)
                        .filter(p -> !p.startsWith(ROOT.resolve("bench/results"))
                                && !p.startsWith(ROOT.resolve("bench/data"))
                                && !p.toString().endsWith(".md")
                                && !p.toString().endsWith(".json"))
                        .toList()) {
                    if (Files.readString(p).contains(queryLog.getFileName().toString())) {
                        readers.add(ROOT.relativize(p).toString());
                    }
                }
            }
            assertThat(readers)
                    .as("bench scripts naming " + queryLog.getFileName())
                    .isNotEmpty();
        }
    }

    // ---- seller and the whole marketplace

    @Test
    void k6SellerSendsTheDefinedSteps() throws Exception {
        JsonNode run = k6("seller.js", 1, "default", Map.of());
        List<String> sent = list(run.get("iterations").get(0)).stream()
                .filter(e -> e.get("type").asText().equals("http"))
                .map(K6JourneysTest::describe)
                .toList();
        List<String> expected = new ArrayList<>();
        for (JsonNode op : journeys.at("/seller/steps")) {
            expected.add(describe(op.asText(), request(op.asText()), Map.of()));
        }
        assertThat(sent).containsExactlyElementsOf(expected);
    }

    @Test
    void k6MarketplaceRunsTheSameJourneys(@TempDir Path tmp) throws Exception {
        Path log = tmp.resolve("queries.txt");
        Files.writeString(log, "/api/v1/products?q=mug\n");
        Map<String, String> env = Map.of("SEARCH_QUERIES", log.toString());
        Map<String, String> scripts = Map.of(
                "browsing", "browse.js", "carting", "cart.js", "checkingOut", "checkout.js", "selling", "seller.js");
        for (Map.Entry<String, String> e : scripts.entrySet()) {
            List<String> alone = ops(k6(e.getValue(), 3, "default", env));
            List<String> within = ops(k6("marketplace.js", 3, e.getKey(), env));
            assertThat(within)
                    .as("marketplace.js's %s against %s", e.getKey(), e.getValue())
                    .isNotEmpty()
                    .isEqualTo(alone);
        }
    }

    static List<String> ops(JsonNode run) {
        List<String> out = new ArrayList<>();
        run.get("iterations")
                .forEach(it -> it.forEach(e -> {
                    if (e.get("type").asText().equals("http")) {
                        out.add(e.get("op").asText() + " " + e.get("method").asText() + " "
                                + e.get("service").asText());
                    }
                }));
        return out;
    }

    // ---- nothing sends requests of its own beside the definition

    @Test
    void theScriptsTakeTheirRequestsFromTheDefinition() throws IOException {
        try (Stream<Path> scripts = Files.list(K6)) {
            for (Path script : scripts.filter(p -> p.toString().endsWith(".js")).toList()) {
                assertThat(Files.readString(script))
                        .as(script + ": its requests come from bench/journeys.json")
                        .doesNotContain("/api/v1/")
                        .doesNotContain("k6/http");
            }
        }
        String load = Files.readString(ROOT.resolve("bench/lib/CheckoutLoad.java"));
        assertThat(load)
                .as("CheckoutLoad.java's journey comes from bench/journeys.json")
                .doesNotContain("/api/v1/cart")
                .doesNotContain("/api/v1/checkouts")
                .contains("journeys.json");
    }

    // ---- helpers

    JsonNode request(String op) {
        JsonNode r = journeys.at("/requests/" + op);
        assertThat(r.isMissingNode())
                .as("bench/journeys.json defines request %s", op)
                .isFalse();
        return r;
    }

    /** "op METHOD service path body key?" of the definition's request, filled with the variables. */
    static String describe(String op, JsonNode r, Map<String, String> vars) {
        JsonNode body = r.has("body") ? fill(r.get("body"), vars) : null;
        return op + " " + r.get("method").asText() + " " + r.get("service").asText() + " "
                + fill(TextNode.valueOf(r.get("path").asText()), vars).asText() + " "
                + (body == null ? "-" : body.toString())
                + (r.path("idempotencyKey").asBoolean() ? " key" : "");
    }

    /** The same of a logged request (k6/test/fake-platform.mjs's entry). */
    static String describe(JsonNode e) {
        String body;
        if (e.get("body").isNull()) {
            body = "-";
        } else {
            try {
                body = JSON.readTree(e.get("body").asText()).toString();
            } catch (IOException x) {
                body = e.get("body").asText();
            }
        }
        return (e.hasNonNull("op") ? e.get("op").asText() + " " : "")
                + e.get("method").asText() + " "
                + e.get("service").asText() + " " + e.get("path").asText() + " " + body
                + (e.get("idempotencyKey").isNull() ? "" : " key");
    }

    static JsonNode fill(JsonNode v, Map<String, String> vars) {
        if (v.isTextual()) {
            Matcher m = Pattern.compile("\\$\\{(\\w+)}").matcher(v.asText());
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                assertThat(vars).as("variables for " + v).containsKey(m.group(1));
                m.appendReplacement(out, Matcher.quoteReplacement(vars.get(m.group(1))));
            }
            return TextNode.valueOf(m.appendTail(out).toString());
        }
        if (v.isObject()) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                o.set(e.getKey(), fill(e.getValue(), vars));
            }
            return o;
        }
        if (v.isArray()) {
            var a = JsonNodeFactory.instance.arrayNode();
            v.forEach(x -> a.add(fill(x, vars)));
            return a;
        }
        return v;
    }

    static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    /** A k6 script run under Node with the stubs (k6/test/run.mjs): what it sent, iteration by iteration. */
    static JsonNode k6(String script, int iterations, String exec, Map<String, String> env, String... flags)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                "node", "--import", "./test/register.mjs", "test/run.mjs", script, String.valueOf(iterations), exec));
        cmd.addAll(List.of(flags));
        Result r = run(cmd, K6, env, 120);
        assertThat(r.code())
                .as("node test/run.mjs " + script + ":\n" + r.output())
                .isZero();
        String last = r.output()
                .lines()
                .filter(l -> l.startsWith("{"))
                .reduce((a, b) -> b)
                .orElse("{}");
        JsonNode out = JSON.readTree(last);
        if (flags.length == 0) {
            assertThat(out.has("error"))
                    .as(script + " under the stubs:\n" + out.path("error").asText())
                    .isFalse();
        }
        return out;
    }

    record Result(int code, String output) {}

    static Result run(List<String> cmd, Path dir, Map<String, String> env, int seconds) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().remove("SEARCH_QUERIES");
        pb.environment().remove("JOURNEYS");
        pb.environment().remove("BENCH_JOURNEYS");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
            return new Result(-1, new String(out, StandardCharsets.UTF_8) + "\n(timed out)");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
