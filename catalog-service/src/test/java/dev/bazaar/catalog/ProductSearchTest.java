package dev.bazaar.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bazaar.devstack.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProductSearchTest {

    @Inject
    Pool pool;

    @Inject
    RestClient openSearch;

    @Inject
    dev.bazaar.catalog.service.SearchCache cache;

    String bobsShop;
    String bobsSlug;
    String samsSlug;
    String leatherBoot;

    @BeforeEach
    void givenBobsApprovedShopWithThreeActiveProductsADraftAndSamsUnapprovedShop() throws Exception {
        pool.query("TRUNCATE shop CASCADE").execute().await().indefinitely();
        Request wipe = new Request("POST", "/products/_delete_by_query");
        wipe.addParameter("refresh", "true");
        wipe.addParameter("conflicts", "proceed");
        wipe.setJsonEntity("{\"query\":{\"match_all\":{}}}");
        openSearch.performRequest(wipe);

        bobsSlug = "bob-" + UUID.randomUUID().toString().substring(0, 8);
        samsSlug = "sam-" + UUID.randomUUID().toString().substring(0, 8);
        bobsShop = openShop("bob", bobsSlug);
        approveShop(bobsShop);
        String samsShop = openShop("sam", samsSlug);
        activate("bob", product("Crème Sneaker", "sneakers", 8999, 5, "white"));
        activate("bob", product("Running Sneaker", "sneakers", 4999, 0, "black"));
        leatherBoot = activate("bob", product("Leather Boot", "boots", 12999, 2, "brown"));
        create("bob", product("Secret Sneaker", "sneakers", 100, 1, "white"));
        activate("sam", product("Sam's Sneaker", "sneakers", 3000, 1, "white"));
        assertThat(samsShop).isNotNull();

        await().atMost(Duration.ofSeconds(15)).until(() -> search("").getInt("total") == 3);
    }

    @Test
    void onlyActiveProductsOfApprovedShopsAreVisible() {
        JsonPath all = search("");
        assertThat(all.getList("items.title", String.class))
                .containsExactlyInAnyOrder("Crème Sneaker", "Running Sneaker", "Leather Boot");
        assertThat(searchIn(samsSlug, "").getInt("total"))
                .as("an approved product of an unapproved shop")
                .isZero();
        assertThat(given().when()
                        .get("/api/v1/products?q=secret")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("items.title", String.class))
                .doesNotContain("Secret Sneaker");
    }

    @Test
    void aTypoStillFindsSneakersAndAccentsDoNotMatter() {
        assertThat(search("snekaer").getList("items.title", String.class))
                .containsExactlyInAnyOrder("Crème Sneaker", "Running Sneaker");
        assertThat(search("creme").getList("items.title", String.class)).containsExactly("Crème Sneaker");
        assertThat(search("crème").getList("items.highlights.flatten()", String.class))
                .anySatisfy(h -> assertThat(h).contains("<em>Crème</em>"));
    }

    @Test
    void facetCountsEqualTheHitsYouGetByPickingThem() {
        JsonPath all = search("");
        Map<String, Integer> categories = counts(all, "facets.category");
        assertThat(categories)
                .containsEntry("fashion", 3)
                .containsEntry("shoes", 3)
                .containsEntry("sneakers", 2)
                .containsEntry("boots", 1);
        for (var facet : categories.entrySet()) {
            assertThat(search("&category=" + facet.getKey()).getInt("total"))
                    .as(facet.getKey())
                    .isEqualTo(facet.getValue());
        }
        Map<String, Integer> colours = counts(all, "facets.attributes.colour");
        assertThat(colours).containsEntry("white", 1).containsEntry("black", 1).containsEntry("brown", 1);
        assertThat(search("&attr.colour=black").getList("items.title", String.class))
                .containsExactly("Running Sneaker");
        assertThat(search("&inStock=true").getInt("total")).isEqualTo(2);
        JsonPath cheap = search("&category=sneakers&maxPrice=5000");
        assertThat(cheap.getList("items.title", String.class)).containsExactly("Running Sneaker");
        assertThat(counts(cheap, "facets.category")).containsEntry("sneakers", 1);
    }

    @Test
    void aTypoFindsNothingExactlySoTheFuzzyFallbackAnswers() {
        // "bot" matches no word exactly; one edit away are "boot" (title) and "boots" (tag)
        assertThat(search("bot").getList("items.title", String.class)).containsExactly("Leather Boot");
        assertThat(search("lether").getList("items.title", String.class)).containsExactly("Leather Boot");
        JsonPath running = search("running");
        assertThat(running.getList("items.title", String.class)).containsExactly("Running Sneaker");
        assertThat(running.getString("totalRelation")).isEqualTo("eq");
    }

    @Test
    void onlyTheFirstPageCarriesFacetsAndAnExactTotal() {
        JsonPath first = given().when()
                .get("/api/v1/products?size=2&shop=" + bobsSlug)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(first.getInt("total")).isEqualTo(3);
        assertThat(first.getString("totalRelation")).isEqualTo("eq");
        assertThat(counts(first, "facets.category")).containsEntry("shoes", 3);
        assertThat(first.getList("items")).hasSize(2);

        JsonPath second = given().when()
                .get("/api/v1/products?size=2&page=1&shop=" + bobsSlug)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(second.getList("items")).hasSize(1);
        assertThat(second.getMap("facets")).as("deeper pages carry no facets").isNull();
        assertThat(second.getInt("total")).isEqualTo(3);

        JsonPath byCursor = given().queryParam("size", 2)
                .queryParam("shop", bobsSlug)
                .queryParam("cursor", first.getString("nextCursor"))
                .when()
                .get("/api/v1/products")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(byCursor.getList("items")).hasSize(1);
        assertThat(byCursor.getMap("facets")).isNull();

        JsonPath bare = search("&facets=false");
        assertThat(bare.getMap("facets")).as("facets=false").isNull();
        assertThat(bare.getInt("total")).isEqualTo(3);
        assertThat(bare.getString("totalRelation")).isEqualTo("eq");

        given().when()
                .get("/api/v1/products?facets=maybe")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void aRepeatedSearchComesFromTheCacheUntilAProductChanges() {
        // served from the cache once this replica's last index write is searchable (the refresh allowance)
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            long hits = cache.hits();
            search("");
            return cache.hits() > hits;
        });
        assertThat(search("").getInt("total")).isEqualTo(3);
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .when()
                .post("/api/v1/seller/products/" + leatherBoot + "/archive")
                .then()
                .statusCode(200);
        // the test profile keeps results 30 s: seeing the change sooner is the invalidation's doing
        long archived = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).until(() -> search("").getInt("total") == 2);
        assertThat(Duration.ofNanos(System.nanoTime() - archived)).isLessThan(Duration.ofSeconds(30));
        assertThat(search("").getList("items.title", String.class)).doesNotContain("Leather Boot");
    }

    @Test
    void sortsByPriceAndPagesDeterministically() {
        assertThat(search("&sort=price_asc").getList("items.price.amount", Integer.class))
                .containsExactly(4999, 8999, 12999);
        assertThat(given().when()
                        .get("/api/v1/products?sort=price_desc&size=1&page=1&shop=" + bobsSlug)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("items.title", String.class))
                .containsExactly("Crème Sneaker");
        given().when().get("/api/v1/products?size=100&page=100").then().statusCode(400);
        given().when().get("/api/v1/products?sort=cheapest").then().statusCode(400);
    }

    @Test
    void followingTheCursorReturnsEveryProductExactlyOnce() {
        for (int i = 0; i < 22; i++) {
            activate("bob", product("Canvas Sneaker " + i, "sneakers", 2000 + (i % 3) * 100, 1, "white"));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> search("").getInt("total") == 25);
        java.util.List<String> seen = new java.util.ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = given().queryParam("size", 4)
                    .queryParam("sort", "price_asc")
                    .queryParam("shop", bobsSlug)
                    .queryParams(cursor == null ? Map.of() : Map.of("cursor", cursor))
                    .when()
                    .get("/api/v1/products")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            seen.addAll(page.getList("items.id", String.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertThat(seen).hasSize(25).doesNotHaveDuplicates();
        given().when().get("/api/v1/products?cursor=not-a-cursor!").then().statusCode(400);
    }

    @Test
    void anAdminRebuildsTheIndexWithoutLosingAProduct() {
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .when()
                .post("/api/v1/admin/search/reindex")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .post("/api/v1/admin/search/reindex")
                .then()
                .statusCode(200)
                .body("documents", org.hamcrest.Matchers.equalTo(3));
        await().atMost(Duration.ofSeconds(10)).until(() -> search("").getInt("total") == 3);
        assertThat(search("snekaer").getList("items.title", String.class)).hasSize(2);
    }

    @Test
    void pricesCanBeShownInTheBuyersCurrencyMarkedAsAnEstimate() {
        JsonPath eur = search("&sort=price_asc&displayCurrency=EUR");
        assertThat(eur.getList("items.price.amount", Integer.class)).containsExactly(4999, 8999, 12999);
        assertThat(eur.getList("items.price.currency", String.class)).containsOnly("USD");
        // 49.99 USD at 0.9215 = 46.065785 EUR -> 46.07
        assertThat(eur.getInt("items[0].displayPrice.amount.amount")).isEqualTo(4607);
        assertThat(eur.getString("items[0].displayPrice.amount.currency")).isEqualTo("EUR");
        assertThat(eur.getBoolean("items[0].displayPrice.estimate")).isTrue();
        // 49.99 USD at 151.37 = 7566.9863 JPY -> 7567 (no minor unit)
        assertThat(search("&sort=price_asc&displayCurrency=JPY").getInt("items[0].displayPrice.amount.amount"))
                .isEqualTo(7567);
        given().when()
                .get("/api/v1/products?displayCurrency=XYZ")
                .then()
                .statusCode(400)
                .body("type", org.hamcrest.Matchers.equalTo("https://bazaar.dev/problems/unknown-display-currency"));
    }

    @Test
    void suggestionsCompleteAPrefixDespiteATypo() {
        assertThat(given().when()
                        .get("/api/v1/products/suggest?q=runn")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("suggestions", String.class))
                .contains("Running Sneaker");
        assertThat(given().when()
                        .get("/api/v1/products/suggest?q=rnning")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("suggestions", String.class))
                .contains("Running Sneaker");
    }

    @Test
    void aSuspendedShopsProductsDisappear() {
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .contentType("application/json")
                .body(Map.of("reason", "investigation"))
                .when()
                .post("/api/v1/admin/shops/" + bobsShop + "/suspend")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> search("").getInt("total") == 0);
    }

    /**
     * Searches within this test's shops only: the index is shared by every test of the run, and the indexer may still
     * be catching up on an earlier test's events after this one wiped the index.
     */
    private JsonPath search(String query) {
        return searchIn(bobsSlug, query);
    }

    private JsonPath searchIn(String shopSlug, String query) {
        String url = "/api/v1/products?size=20&shop=" + shopSlug
                + (query.isEmpty() || query.startsWith("&") ? query : "&q=" + query);
        return given().when().get(url).then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Integer> counts(JsonPath json, String path) {
        Map<String, Integer> out = new java.util.HashMap<>();
        List<Map<String, Object>> buckets = json.getList(path);
        buckets.forEach(b -> out.put((String) b.get("value"), ((Number) b.get("count")).intValue()));
        return out;
    }

    private String openShop(String seller, String slug) {
        return given().auth()
                .oauth2(KeycloakTokens.user(seller))
                .contentType("application/json")
                .body(Map.of("name", seller + "'s", "slug", slug, "country", "US"))
                .when()
                .post("/api/v1/seller/shop")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private void approveShop(String id) {
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .post("/api/v1/admin/shops/" + id + "/approve")
                .then()
                .statusCode(200);
    }

    private String create(String seller, Map<String, Object> body) {
        return given().auth()
                .oauth2(KeycloakTokens.user(seller))
                .contentType("application/json")
                .body(body)
                .when()
                .post("/api/v1/seller/products")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private String activate(String seller, Map<String, Object> body) {
        String id = create(seller, body);
        given().auth()
                .oauth2(KeycloakTokens.user(seller))
                .when()
                .post("/api/v1/seller/products/" + id + "/submit")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .post("/api/v1/admin/products/" + id + "/approve")
                .then()
                .statusCode(200);
        return id;
    }

    private Map<String, Object> product(String title, String categorySlug, long cents, int stock, String colour) {
        String category = pool.preparedQuery("SELECT id FROM category WHERE slug = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(categorySlug))
                .map(r -> r.iterator().next().getUUID(0).toString())
                .await()
                .indefinitely();
        return Map.of(
                "title",
                title,
                "categoryId",
                category,
                "brand",
                "Acme",
                "attributes",
                Map.of("colour", colour),
                "variants",
                List.of(Map.of(
                        "sku",
                        "SKU-" + UUID.randomUUID().toString().substring(0, 8),
                        "price",
                        Map.of("amount", cents, "currency", "USD"),
                        "stock",
                        stock,
                        "weightGrams",
                        700)));
    }
}
