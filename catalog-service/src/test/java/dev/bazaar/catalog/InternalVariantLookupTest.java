package dev.bazaar.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import dev.bazaar.devstack.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class InternalVariantLookupTest {

    @Inject
    Pool pool;

    String productId;
    String variantId;
    String shopId;

    @BeforeEach
    void givenBobsSubmittedProduct() {
        pool.query("TRUNCATE shop CASCADE").execute().await().indefinitely();
        String bob = KeycloakTokens.user("bob");
        shopId = given().auth()
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
        var created = given().auth()
                .oauth2(bob)
                .contentType("application/json")
                .body(Map.of(
                        "title",
                        "Studio headphones",
                        "categoryId",
                        category,
                        "variants",
                        List.of(Map.of(
                                "sku",
                                "HP-1",
                                "price",
                                Map.of("amount", 12900, "currency", "USD"),
                                "stock",
                                8,
                                "weightGrams",
                                350))))
                .when()
                .post("/api/v1/seller/products")
                .then()
                .statusCode(201)
                .extract();
        productId = created.path("id");
        variantId = created.path("variants[0].id");
    }

    @Test
    void servicesGetPriceStockAndCommissionAndWhetherItIsSellable() {
        lookup(KeycloakTokens.service(), 200)
                .body("items", hasSize(1))
                .body("items[0].productId", equalTo(productId))
                .body("items[0].shopId", equalTo(shopId))
                .body("items[0].price.amount", equalTo(12900))
                .body("items[0].available", equalTo(8))
                .body("items[0].commissionRateBps", equalTo(600))
                .body("items[0].sellable", equalTo(false));

        String admin = KeycloakTokens.user("admin");
        given().auth()
                .oauth2(admin)
                .when()
                .post("/api/v1/admin/shops/" + shopId + "/approve")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
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
        lookup(KeycloakTokens.service(), 200).body("items[0].sellable", equalTo(true));
    }

    @Test
    void servicesGetAVariantsOptionsInTheCatalogsOrderForTheOrderLine() {
        var options = new java.util.LinkedHashMap<String, String>();
        options.put("size", "M");
        options.put("colour", "blue");
        String withOptions = given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .contentType("application/json")
                .body(Map.of(
                        "title",
                        "Linen shirt",
                        "categoryId",
                        pool.query("SELECT id FROM category WHERE slug = 'headphones'")
                                .execute()
                                .map(r -> r.iterator().next().getUUID(0).toString())
                                .await()
                                .indefinitely(),
                        "variants",
                        List.of(Map.of(
                                "sku",
                                "SHIRT-M-BLUE",
                                "options",
                                options,
                                "price",
                                Map.of("amount", 4500, "currency", "USD"),
                                "stock",
                                3,
                                "weightGrams",
                                200))))
                .when()
                .post("/api/v1/seller/products")
                .then()
                .statusCode(201)
                .extract()
                .path("variants[0].id");

        // a list of {name, value}: the order survives JSON (jsonb keeps "size" before the longer "colour")
        given().auth()
                .oauth2(KeycloakTokens.service())
                .contentType("application/json")
                .body(Map.of("variantIds", List.of(withOptions, variantId)))
                .when()
                .post("/api/v1/internal/variants/lookup")
                .then()
                .statusCode(200)
                .body("items.find { it.variantId == '" + withOptions + "' }.options.name", contains("size", "colour"))
                .body("items.find { it.variantId == '" + withOptions + "' }.options.value", contains("M", "blue"))
                .body("items.find { it.variantId == '" + withOptions + "' }.sku", equalTo("SHIRT-M-BLUE"))
                .body("items.find { it.variantId == '" + variantId + "' }.options", hasSize(0));
    }

    @Test
    void onlyServicesMayLookUp() {
        lookup(null, 401);
        lookup(KeycloakTokens.user("bob"), 403);
        lookup(KeycloakTokens.user("admin"), 403);
    }

    @Test
    void anEmptyOrOversizedListIsABadRequest() {
        given().auth()
                .oauth2(KeycloakTokens.service())
                .contentType("application/json")
                .body(Map.of("variantIds", List.of()))
                .when()
                .post("/api/v1/internal/variants/lookup")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("variantIds"));
    }

    private io.restassured.response.ValidatableResponse lookup(String token, int status) {
        var request = given().contentType("application/json")
                .body(Map.of("variantIds", List.of(variantId, UUID.randomUUID().toString())));
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        return request.when().post("/api/v1/internal/variants/lookup").then().statusCode(status);
    }
}
