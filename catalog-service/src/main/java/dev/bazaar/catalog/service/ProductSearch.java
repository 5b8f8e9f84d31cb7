package dev.bazaar.catalog.service;

import dev.bazaar.catalog.domain.Rating;
import dev.bazaar.catalog.persistence.ProductIndex;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.elasticsearch.client.ResponseException;

/**
 * Public product search over the index: accent-insensitive full text, typo-tolerant through a fuzzy fallback; filters;
 * facets computed on the filtered hits (so every facet count is the number of hits you get by picking it);
 * highlights; sorts. Ratings are review-service's, kept in each document ({@code rating.averageTenths},
 * {@code rating.count}; 0/0 when none).
 * <p>
 * What a search costs the engine (ADR 0028): the words are matched exactly first, and fuzzily only when that finds
 * fewer than {@code bazaar.catalog.search-tuning.fuzzy-fallback-below} hits; facets and the exact total are computed
 * for the first page only — in a size-0 request of their own that OpenSearch's shard request cache keeps, sent with
 * the page of hits in one {@code _msearch} — while deeper pages count hits only as far as they need; whole results of
 * repeated queries come from {@link SearchCache} for a few seconds.
 * <p>
 * An engine that does not answer — unreachable, past {@link ProductIndex}'s search timeout, or behind its open circuit
 * breaker — is a 503 {@code search-unavailable} with Retry-After (the breaker's 5 s); searches are never retried.
 */
@ApplicationScoped
public class ProductSearch {

    /** What a buyer asked for. Prices in minor units of USD; {@code minRating} in whole stars (1–5, null: any). */
    public record Query(
            String q,
            String category,
            String shop,
            Long minPrice,
            Long maxPrice,
            Boolean inStock,
            Integer minRating,
            Map<String, String> attributes,
            String sort,
            int page,
            int size,
            String cursor,
            String displayCurrency,
            boolean facets) {

        /** The first page (no cursor, page 0): the one with facets and an exact total. */
        public boolean first() {
            return cursor == null && page == 0;
        }

        boolean wantsFacets() {
            return facets && first();
        }

        boolean hasText() {
            return q != null && !q.isBlank();
        }
    }

    /**
     * {@code displayPrice}: the price converted for display only (null unless a display currency was asked);
     * {@code image}: the first image's {@code url} and {@code alt}, with {@code thumbnail}, {@code card} and
     * {@code full} when it was uploaded to the catalog (empty when the product has none).
     */
    public record Hit(
            String id,
            String slug,
            String title,
            String brand,
            Money price,
            DisplayPrice displayPrice,
            String shopId,
            String shopSlug,
            String shopName,
            String categoryPath,
            boolean inStock,
            Rating rating,
            List<String> highlights,
            Map<String, String> image) {}

    /** A converted amount, marked as an estimate at the day's rate; the charge stays in USD. */
    public record DisplayPrice(Money amount, String rateAsOf, boolean estimate) {}

    public record Bucket(String value, long count) {}

    public record PriceBucket(String key, Long from, Long to, long count) {}

    /**
     * {@code rating}: one bucket per {@code minRating} (value "4": the hits rated 4★ and up, then 3, 2, 1), each
     * counting the hits that filter leaves.
     */
    public record Facets(
            List<Bucket> category,
            List<Bucket> shop,
            List<PriceBucket> price,
            Map<String, List<Bucket>> attributes,
            List<Bucket> rating) {}

    /**
     * {@code nextCursor}: pass it as {@code cursor} for the next page, however deep (null on the last page).
     * {@code total}: exact on the first page ({@code totalRelation} "eq"); on deeper pages hits are counted only
     * past the page ("gte": at least that many). {@code facets}: on the first page when asked (the default), else null.
     */
    public record Result(
            List<Hit> items, int page, int size, long total, String totalRelation, Facets facets, String nextCursor) {}

    /** Price ranges shown as a facet (minor units, USD). */
    static final long[][] PRICE_RANGES = {{0, 2_500}, {2_500, 5_000}, {5_000, 10_000}, {10_000, 25_000}, {25_000, -1}};

    /** The document's rating fields (ProductDocuments). */
    static final String RATING_TENTHS = "rating.averageTenths";

    static final String RATING_COUNT = "rating.count";

    /** What a 503 tells the client to wait: the search breaker's open delay (ProductIndex). */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final ProductIndex index;
    private final dev.bazaar.kit.money.DisplayRates rates;
    private final SearchCache cache;
    private final int fuzzyBelow;

    public ProductSearch(
            ProductIndex index,
            dev.bazaar.kit.money.DisplayRates rates,
            SearchCache cache,
            dev.bazaar.catalog.config.SearchTuning tuning) {
        this.index = index;
        this.rates = rates;
        this.cache = cache;
        this.fuzzyBelow = tuning.fuzzyFallbackBelow();
    }

    public Uni<Result> search(Query query) {
        java.util.function.Function<Money, DisplayPrice> display = displayFor(query.displayCurrency());
        return cache.get(
                query,
                () -> run(query, false, display)
                        .flatMap(exact -> fuzzyWanted(query, exact)
                                ? run(query, true, display)
                                : Uni.createFrom().item(exact))
                        .onFailure(ProductSearch::engineAway)
                        .transform(ProductSearch::unavailable));
    }

    /**
     * The engine gave no answer: the guard's timeout, open breaker or full bulkhead, or a connection that failed. An
     * answer with an error status ({@link ResponseException}) is not one of these: it stays a failure of its own.
     */
    static boolean engineAway(Throwable e) {
        return e instanceof TimeoutException
                || e instanceof CircuitBreakerOpenException
                || e instanceof BulkheadException
                || (e instanceof IOException && !(e instanceof ResponseException));
    }

    private static ProblemException unavailable(Throwable e) {
        return new ProblemException.Unavailable(
                "search-unavailable", RETRY_AFTER, "Search is not available right now; try again shortly.");
    }

    /** Too few exact hits for words short enough to spell fuzzily: then the fuzzy query (a superset) answers. */
    private boolean fuzzyWanted(Query q, Result exact) {
        return q.hasText()
                && exact.total() < fuzzyBelow
                && "eq".equals(exact.totalRelation())
                && !"0".equals(dev.bazaar.catalog.domain.SearchBounds.fuzziness(q.q()));
    }

    private Uni<Result> run(Query q, boolean fuzzy, java.util.function.Function<Money, DisplayPrice> display) {
        if (!q.wantsFacets()) {
            return index.search(request(q, fuzzy, fuzzyBelow)).map(hits -> result(q, hits, null, display));
        }
        // the page and the facets in one round trip; the facets request (size 0) is what the shard request cache keeps
        return index.msearch(msearch(q, fuzzy, fuzzyBelow)).map(r -> {
            JsonArray responses = r.getJsonArray("responses");
            return result(q, answer(responses.getJsonObject(0)), answer(responses.getJsonObject(1)), display);
        });
    }

    private static JsonObject answer(JsonObject response) {
        if (response.containsKey("error")) {
            throw new IllegalStateException(
                    "search failed (" + response.getValue("status") + "): " + response.getValue("error"));
        }
        return response;
    }

    private java.util.function.Function<Money, DisplayPrice> displayFor(String currency) {
        if (currency == null || currency.equals("USD")) {
            return m -> null;
        }
        java.math.BigDecimal rate = rates.rates().get(currency);
        if (rate == null) {
            throw new dev.bazaar.kit.problem.ProblemException(
                    "unknown-display-currency",
                    "Unknown display currency",
                    400,
                    "Prices can be shown in USD or "
                            + String.join(
                                    ", ", new java.util.TreeSet<>(rates.rates().keySet())) + ".");
        }
        java.util.Currency target = java.util.Currency.getInstance(currency);
        return m -> new DisplayPrice(m.convert(target, rate), rates.asOf(), true);
    }

    public Uni<List<String>> suggest(String prefix) {
        JsonObject completion =
                new JsonObject().put("field", "suggest").put("size", 10).put("skip_duplicates", true);
        if (dev.bazaar.catalog.domain.SearchBounds.fuzzySuggest(prefix)) {
            completion.put("fuzzy", new JsonObject().put("fuzziness", "AUTO"));
        }
        JsonObject request = new JsonObject()
                .put("_source", false)
                .put(
                        "suggest",
                        new JsonObject()
                                .put(
                                        "titles",
                                        new JsonObject().put("prefix", prefix).put("completion", completion)));
        return index.search(request)
                .map(response -> {
                    List<String> out = new ArrayList<>();
                    JsonArray options = response.getJsonObject("suggest")
                            .getJsonArray("titles")
                            .getJsonObject(0)
                            .getJsonArray("options");
                    for (int i = 0; i < options.size(); i++) {
                        out.add(options.getJsonObject(i).getString("text"));
                    }
                    return out;
                })
                .onFailure(ProductSearch::engineAway)
                .transform(ProductSearch::unavailable);
    }

    /**
     * The {@code _msearch} body of a first page with facets: the page of hits (no total: the facets request counts
     * exactly, and without it the engine may skip hits that cannot make the page) and the size-0 facets request,
     * marked for the shard request cache.
     */
    static String msearch(Query q, boolean fuzzy, int fuzzyBelow) {
        return "{}\n" + request(q, fuzzy, fuzzyBelow).encode() + "\n"
                + new JsonObject().put("request_cache", true).encode() + "\n"
                + facetsRequest(q, fuzzy).encode() + "\n";
    }

    /** Facets and the exact total: no hits, no scores, the same query. */
    static JsonObject facetsRequest(Query q, boolean fuzzy) {
        return new JsonObject()
                .put("size", 0)
                .put("track_total_hits", true)
                .put("query", query(q, fuzzy))
                .put("aggs", aggregations());
    }

    /**
     * The page of hits. Total hits: none when the facets request counts them; exact on a first page without facets;
     * deeper, only as far as one hit past the page (never below the fuzzy fallback's threshold, so that decision
     * sees an exact count).
     */
    static JsonObject request(Query q, boolean fuzzy, int fuzzyBelow) {
        Object track;
        if (q.wantsFacets()) {
            track = false;
        } else if (q.first()) {
            track = true;
        } else {
            track = (int) Math.min(
                    Integer.MAX_VALUE,
                    Math.max(fuzzyBelow, (long) (q.cursor() == null ? q.page() + 1 : 1) * q.size() + 1));
        }
        JsonObject request = new JsonObject();
        if (q.cursor() != null) {
            // search_after the previous page's last sort values: no window limit, no skipped or repeated hits
            request.put("search_after", decodeCursor(q.cursor()));
        } else {
            request.put("from", q.page() * q.size());
        }
        return request.put("size", q.size())
                .put("track_total_hits", track)
                .put("query", query(q, fuzzy))
                .put("sort", sort(q.sort()))
                .put(
                        "_source",
                        new JsonArray()
                                .add("id")
                                .add("slug")
                                .add("title")
                                .add("brand")
                                .add("price")
                                .add("currency")
                                .add("shopId")
                                .add("shopSlug")
                                .add("shopName")
                                .add("categoryPath")
                                .add("inStock")
                                .add("rating")
                                .add("image"))
                .put("highlight", new JsonObject().put("fields", new JsonObject().put("title", new JsonObject())));
    }

    private static JsonObject query(Query q, boolean fuzzy) {
        JsonArray must = new JsonArray();
        if (q.hasText()) {
            JsonObject match = new JsonObject()
                    .put("query", q.q())
                    .put(
                            "fields",
                            new JsonArray()
                                    .add("title^3")
                                    .add("title.auto")
                                    .add("brand.text^2")
                                    .add("tags")
                                    .add("description"));
            if (fuzzy) {
                match.put("fuzziness", dev.bazaar.catalog.domain.SearchBounds.fuzziness(q.q()))
                        .put("max_expansions", dev.bazaar.catalog.domain.SearchBounds.MAX_EXPANSIONS)
                        .put("prefix_length", 1);
            }
            must.add(new JsonObject().put("multi_match", match));
        }
        JsonArray filter = new JsonArray();
        if (q.category() != null) {
            filter.add(term("categoryAncestors", q.category()));
        }
        if (q.shop() != null) {
            filter.add(term("shopSlug", q.shop()));
        }
        if (q.minPrice() != null || q.maxPrice() != null) {
            JsonObject range = new JsonObject();
            if (q.minPrice() != null) {
                range.put("gte", q.minPrice());
            }
            if (q.maxPrice() != null) {
                range.put("lte", q.maxPrice());
            }
            filter.add(new JsonObject().put("range", new JsonObject().put("price", range)));
        }
        if (q.inStock() != null) {
            filter.add(term("inStock", q.inStock()));
        }
        if (q.minRating() != null) {
            filter.add(new JsonObject()
                    .put(
                            "range",
                            new JsonObject()
                                    .put(RATING_TENTHS, new JsonObject().put("gte", Rating.tenthsFor(q.minRating())))));
        }
        q.attributes()
                .forEach((name, value) -> filter.add(new JsonObject()
                        .put(
                                "nested",
                                new JsonObject()
                                        .put("path", "attributes")
                                        .put(
                                                "query",
                                                new JsonObject()
                                                        .put(
                                                                "bool",
                                                                new JsonObject()
                                                                        .put(
                                                                                "filter",
                                                                                new JsonArray()
                                                                                        .add(term(
                                                                                                "attributes.name",
                                                                                                name))
                                                                                        .add(term(
                                                                                                "attributes.value",
                                                                                                value))))))));

        JsonObject bool = new JsonObject().put("filter", filter);
        if (!must.isEmpty()) {
            bool.put("must", must);
        }
        return new JsonObject().put("bool", bool);
    }

    private static JsonObject aggregations() {
        JsonArray ranges = new JsonArray();
        for (long[] r : PRICE_RANGES) {
            JsonObject range = new JsonObject().put("key", key(r)).put("from", r[0]);
            if (r[1] >= 0) {
                range.put("to", r[1]);
            }
            ranges.add(range);
        }
        JsonArray ratingRanges = new JsonArray();
        for (int stars = Rating.MAX_STARS - 1; stars >= Rating.MIN_STARS; stars--) {
            ratingRanges.add(
                    new JsonObject().put("key", Integer.toString(stars)).put("from", Rating.tenthsFor(stars)));
        }
        return new JsonObject()
                .put("category", terms("categoryAncestors", 50))
                .put("shop", terms("shopSlug", 50))
                .put(
                        "price",
                        new JsonObject()
                                .put(
                                        "range",
                                        new JsonObject().put("field", "price").put("ranges", ranges)))
                .put(
                        "rating",
                        new JsonObject()
                                .put(
                                        "range",
                                        new JsonObject()
                                                .put("field", RATING_TENTHS)
                                                .put("ranges", ratingRanges)))
                .put(
                        "attributes",
                        new JsonObject()
                                .put("nested", new JsonObject().put("path", "attributes"))
                                .put(
                                        "aggs",
                                        new JsonObject()
                                                .put(
                                                        "names",
                                                        terms("attributes.name", 20)
                                                                .put(
                                                                        "aggs",
                                                                        new JsonObject()
                                                                                .put(
                                                                                        "values",
                                                                                        terms(
                                                                                                "attributes.value",
                                                                                                20))))));
    }

    private static JsonArray sort(String sort) {
        JsonArray s = new JsonArray();
        switch (sort) {
            case "price_asc" -> s.add(new JsonObject().put("price", "asc"));
            case "price_desc" -> s.add(new JsonObject().put("price", "desc"));
            case "newest" -> s.add(new JsonObject().put("createdAt", "desc"));
            // best rated first, the better-founded of equal averages first; unrated (and documents indexed before
            // ratings existed) count as 0 and come last
            case "rating" -> s.add(descending(RATING_TENTHS, "integer")).add(descending(RATING_COUNT, "long"));
            default -> s.add("_score");
        }
        // a unique tiebreaker: equal scores or prices page deterministically
        return s.add(new JsonObject().put("id", "asc"));
    }

    private static JsonObject descending(String field, String type) {
        return new JsonObject()
                .put(
                        field,
                        new JsonObject().put("order", "desc").put("missing", 0).put("unmapped_type", type));
    }

    private static Map<String, String> image(JsonObject image) {
        Map<String, String> out = new LinkedHashMap<>();
        if (image != null) {
            image.forEach(e -> {
                if (e.getValue() != null) {
                    out.put(e.getKey(), String.valueOf(e.getValue()));
                }
            });
        }
        return out;
    }

    private static Result result(
            Query q,
            JsonObject r,
            JsonObject facetsResponse,
            java.util.function.Function<Money, DisplayPrice> display) {
        JsonObject hits = r.getJsonObject("hits");
        List<Hit> items = new ArrayList<>();
        JsonArray list = hits.getJsonArray("hits");
        String nextCursor = list.size() == q.size() && !list.isEmpty()
                ? encodeCursor(list.getJsonObject(list.size() - 1).getJsonArray("sort"))
                : null;
        for (int i = 0; i < list.size(); i++) {
            JsonObject h = list.getJsonObject(i);
            JsonObject src = h.getJsonObject("_source");
            List<String> highlights = new ArrayList<>();
            JsonObject hl = h.getJsonObject("highlight");
            if (hl != null && hl.getJsonArray("title") != null) {
                hl.getJsonArray("title").forEach(t -> highlights.add(String.valueOf(t)));
            }
            Money price = Money.of(src.getLong("price"), src.getString("currency"));
            JsonObject rating = src.getJsonObject("rating");
            items.add(new Hit(
                    src.getString("id"),
                    src.getString("slug"),
                    src.getString("title"),
                    src.getString("brand"),
                    price,
                    display.apply(price),
                    src.getString("shopId"),
                    src.getString("shopSlug"),
                    src.getString("shopName"),
                    src.getString("categoryPath"),
                    src.getBoolean("inStock"),
                    rating == null
                            ? Rating.NONE
                            : new Rating(rating.getInteger("averageTenths"), rating.getLong("count")),
                    highlights,
                    image(src.getJsonObject("image"))));
        }
        JsonObject total = (facetsResponse != null ? facetsResponse : r)
                .getJsonObject("hits")
                .getJsonObject("total");
        long count = total == null ? list.size() : total.getLong("value");
        String relation = total == null ? "gte" : total.getString("relation", "eq");
        if (facetsResponse == null) {
            return new Result(items, q.page(), q.size(), count, relation, null, nextCursor);
        }
        JsonObject aggs = facetsResponse.getJsonObject("aggregations");
        List<PriceBucket> prices = new ArrayList<>();
        JsonArray pb = aggs.getJsonObject("price").getJsonArray("buckets");
        for (int i = 0; i < pb.size(); i++) {
            JsonObject b = pb.getJsonObject(i);
            prices.add(new PriceBucket(
                    b.getString("key"),
                    b.getDouble("from") == null ? null : b.getDouble("from").longValue(),
                    b.getDouble("to") == null ? null : b.getDouble("to").longValue(),
                    b.getLong("doc_count")));
        }
        Map<String, List<Bucket>> attributes = new LinkedHashMap<>();
        JsonArray names =
                aggs.getJsonObject("attributes").getJsonObject("names").getJsonArray("buckets");
        for (int i = 0; i < names.size(); i++) {
            JsonObject n = names.getJsonObject(i);
            attributes.put(n.getString("key"), buckets(n.getJsonObject("values")));
        }
        List<Bucket> ratings = new ArrayList<>();
        JsonArray rb = aggs.getJsonObject("rating").getJsonArray("buckets");
        for (int i = 0; i < rb.size(); i++) {
            ratings.add(new Bucket(
                    rb.getJsonObject(i).getString("key"), rb.getJsonObject(i).getLong("doc_count")));
        }
        // 4★ & up first, whatever order the engine answers ranges in
        ratings.sort(java.util.Comparator.comparing(Bucket::value).reversed());
        Facets facets = new Facets(
                buckets(aggs.getJsonObject("category")),
                buckets(aggs.getJsonObject("shop")),
                prices,
                attributes,
                ratings);
        return new Result(items, q.page(), q.size(), count, relation, facets, nextCursor);
    }

    static String encodeCursor(JsonArray sortValues) {
        return java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(sortValues.encode().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static JsonArray decodeCursor(String cursor) {
        try {
            return new JsonArray(new String(
                    java.util.Base64.getUrlDecoder().decode(cursor), java.nio.charset.StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new dev.bazaar.kit.problem.ProblemException(
                    "invalid-cursor", "Invalid cursor", 400, "The cursor is not one this API returned.");
        }
    }

    private static List<Bucket> buckets(JsonObject agg) {
        List<Bucket> out = new ArrayList<>();
        JsonArray b = agg.getJsonArray("buckets");
        for (int i = 0; i < b.size(); i++) {
            out.add(new Bucket(
                    b.getJsonObject(i).getString("key"), b.getJsonObject(i).getLong("doc_count")));
        }
        return out;
    }

    private static JsonObject term(String field, Object value) {
        return new JsonObject().put("term", new JsonObject().put(field, value));
    }

    private static JsonObject terms(String field, int size) {
        return new JsonObject()
                .put("terms", new JsonObject().put("field", field).put("size", size));
    }

    private static String key(long[] r) {
        return r[1] < 0 ? r[0] + "-" : r[0] + "-" + r[1];
    }
}
