package dev.bazaar.catalog;

import static io.restassured.RestAssured.given;

import dev.bazaar.devstack.testing.KeycloakTokens;
import io.vertx.mutiny.sqlclient.Pool;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test data made through the sellers' own API, as a seller would. */
final class CatalogFixtures {

    private CatalogFixtures() {}

    /**
     * Empties the catalogue, opens a shop for bob and lists one product in {@code categorySlug} with one variant per
     * entry of {@code stockBySku} (in order, each at {@code priceMinor} USD and {@code weightGrams}); answers the
     * variant ids in that order.
     */
    static List<String> freshShopWithProduct(
            Pool pool,
            String categorySlug,
            String title,
            long priceMinor,
            int weightGrams,
            LinkedHashMap<String, Integer> stockBySku) {
        pool.query("TRUNCATE shop CASCADE").execute().await().indefinitely();
        String bob = KeycloakTokens.user("bob");
        given().auth()
                .oauth2(bob)
                .contentType("application/json")
                .body(Map.of(
                        "name",
                        "Bob",
                        "slug",
                        "bob-" + UUID.randomUUID().toString().substring(0, 8),
                        "country",
                        "US"))
                .when()
                .post("/api/v1/seller/shop")
                .then()
                .statusCode(201);
        String category = pool.preparedQuery("SELECT id FROM category WHERE slug = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(categorySlug))
                .map(r -> r.iterator().next().getUUID(0).toString())
                .await()
                .indefinitely();
        List<Map<String, Object>> variants = stockBySku.entrySet().stream()
                .map(e -> Map.<String, Object>of(
                        "sku",
                        e.getKey(),
                        "price",
                        Map.of("amount", priceMinor, "currency", "USD"),
                        "stock",
                        e.getValue(),
                        "weightGrams",
                        weightGrams))
                .toList();
        return given().auth()
                .oauth2(bob)
                .contentType("application/json")
                .body(Map.of("title", title, "categoryId", category, "variants", variants))
                .when()
                .post("/api/v1/seller/products")
                .then()
                .statusCode(201)
                .extract()
                .path("variants.id");
    }

    /** SKU → stock, in the order given. */
    static LinkedHashMap<String, Integer> stock(Object... skuThenStock) {
        LinkedHashMap<String, Integer> out = new LinkedHashMap<>();
        for (int i = 0; i < skuThenStock.length; i += 2) {
            out.put((String) skuThenStock[i], (Integer) skuThenStock[i + 1]);
        }
        return out;
    }
}
