package dev.bazaar.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.bazaar.devstack.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The public product page: only ACTIVE products of APPROVED shops, by id or slug, with availability per variant. */
@QuarkusTest
class ProductPageTest {

    @Inject
    Pool pool;

    @Test
    void aProductPageShowsOnlyWhatBuyersMaySee() {
        pool.query("TRUNCATE shop CASCADE").execute().await().indefinitely();
        String bob = KeycloakTokens.user("bob");
        String admin = KeycloakTokens.user("admin");
        String shopId = given().auth()
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
                .statusCode(201)
                .extract()
                .path("id");
        String category = pool.query("SELECT id FROM category WHERE slug = 'headphones'")
                .execute()
                .map(r -> r.iterator().next().getUUID(0).toString())
                .await()
                .indefinitely();
        String slug = "studio-headphones-" + UUID.randomUUID().toString().substring(0, 6);
        var created = given().auth()
                .oauth2(bob)
                .contentType("application/json")
                .body(Map.of(
                        "title",
                        "Studio headphones",
                        "slug",
                        slug,
                        "categoryId",
                        category,
                        "variants",
                        List.of(
                                Map.of(
                                        "sku",
                                        "HP-B",
                                        "options",
                                        Map.of("color", "black"),
                                        "price",
                                        Map.of("amount", 12900, "currency", "USD"),
                                        "stock",
                                        8,
                                        "weightGrams",
                                        350),
                                Map.of(
                                        "sku",
                                        "HP-W",
                                        "options",
                                        Map.of("color", "white"),
                                        "price",
                                        Map.of("amount", 12900, "currency", "USD"),
                                        "stock",
                                        0,
                                        "weightGrams",
                                        350))))
                .when()
                .post("/api/v1/seller/products")
                .then()
                .statusCode(201)
                .extract();
        String productId = created.path("id");

        given().when()
                .get("/api/v1/products/" + productId)
                .then()
                .statusCode(404)
                .body("type", equalTo("https://bazaar.dev/problems/not-found"));

        given().auth()
                .oauth2(bob)
                .when()
                .post("/api/v1/seller/products/" + productId + "/submit")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(admin)
                .when()
                .post("/api/v1/admin/products/" + productId + "/approve")
                .then()
                .statusCode(200);
        given().when().get("/api/v1/products/" + productId).then().statusCode(404); // the shop is not approved yet

        given().auth()
                .oauth2(admin)
                .when()
                .post("/api/v1/admin/shops/" + shopId + "/approve")
                .then()
                .statusCode(200);
        for (String key : List.of(productId, slug)) {
            given().when()
                    .get("/api/v1/products/" + key)
                    .then()
                    .statusCode(200)
                    .body("id", equalTo(productId))
                    .body("slug", equalTo(slug))
                    .body("inStock", equalTo(true))
                    .body("variants", hasSize(2))
                    .body("variants.find { it.sku == 'HP-B' }.available", equalTo(8))
                    .body("variants.find { it.sku == 'HP-W' }.available", equalTo(0))
                    .body("variants[0].onHand", nullValue())
                    .body("variants[0].reserved", nullValue());
        }
        given().when().get("/api/v1/products/no-such-product").then().statusCode(404);
    }

    @Test
    void theBenchmarksBareEndpointsAreNotServedOutsideTheLoadProfile() {
        given().queryParam("source", "{\"query\":{\"match_all\":{}}}")
                .when()
                .get("/bench/bare/search")
                .then()
                .statusCode(404);
        given().queryParam("variant", UUID.randomUUID().toString())
                .when()
                .post("/bench/bare/reserve")
                .then()
                .statusCode(404);
    }
}
