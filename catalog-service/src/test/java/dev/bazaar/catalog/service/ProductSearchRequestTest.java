package dev.bazaar.catalog.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What one search asks of OpenSearch (ADR 0028), without an engine. */
class ProductSearchRequestTest {

    private static ProductSearch.Query query(String q, int page, String cursor, boolean facets) {
        return new ProductSearch.Query(
                q, null, null, null, null, null, null, Map.of(), "relevance", page, 20, cursor, null, facets);
    }

    @Test
    void wordsAreMatchedExactlyFirstAndFuzzilyOnlyOnTheFallback() {
        JsonObject exact = match(ProductSearch.request(query("snekaer", 0, null, false), false, 3));
        assertThat(exact.containsKey("fuzziness")).isFalse();
        JsonObject fuzzy = match(ProductSearch.request(query("snekaer", 0, null, false), true, 3));
        assertThat(fuzzy.getString("fuzziness")).isEqualTo("AUTO");
        assertThat(fuzzy.getInteger("prefix_length")).isEqualTo(1);
    }

    @Test
    void theFirstPageSendsItsHitsAndACacheableSizeZeroFacetsRequestInOneMsearch() {
        String[] lines =
                ProductSearch.msearch(query("mug", 0, null, true), false, 3).split("\n");
        assertThat(lines).hasSize(4);
        JsonObject hits = new JsonObject(lines[1]);
        assertThat(hits.getValue("track_total_hits"))
                .as("the facets request counts")
                .isEqualTo(false);
        assertThat(hits.containsKey("aggs")).isFalse();
        assertThat(hits.getInteger("size")).isEqualTo(20);
        assertThat(new JsonObject(lines[2]).getBoolean("request_cache")).isTrue();
        JsonObject facets = new JsonObject(lines[3]);
        assertThat(facets.getInteger("size")).isZero();
        assertThat(facets.getBoolean("track_total_hits")).isTrue();
        assertThat(facets.getJsonObject("aggs").fieldNames())
                .containsExactlyInAnyOrder("category", "shop", "price", "rating", "attributes");
        assertThat(facets.getJsonObject("query")).isEqualTo(hits.getJsonObject("query"));
    }

    @Test
    void deeperPagesAskForNoFacetsAndCountOnlyPastThePage() {
        JsonObject third = ProductSearch.request(query("mug", 2, null, true), false, 3);
        assertThat(third.containsKey("aggs")).isFalse();
        assertThat(third.getInteger("from")).isEqualTo(40);
        assertThat(third.getValue("track_total_hits")).isEqualTo(61);
        JsonObject cursor = ProductSearch.request(
                query(
                        "mug",
                        0,
                        ProductSearch.encodeCursor(
                                new io.vertx.core.json.JsonArray().add(1.5).add("id")),
                        true),
                false,
                3);
        assertThat(cursor.getValue("track_total_hits")).isEqualTo(21);
        assertThat(cursor.containsKey("from")).isFalse();
        JsonObject noFacets = ProductSearch.request(query("mug", 0, null, false), false, 3);
        assertThat(noFacets.getValue("track_total_hits"))
                .as("a first page's total is exact")
                .isEqualTo(true);
    }

    private static JsonObject match(JsonObject request) {
        return request.getJsonObject("query")
                .getJsonObject("bool")
                .getJsonArray("must")
                .getJsonObject(0)
                .getJsonObject("multi_match");
    }
}
