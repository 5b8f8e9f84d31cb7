package dev.bazaar.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import dev.bazaar.devstack.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SellerProductsTest {

    @Inject
    Pool pool;

    String sneakers;

    @BeforeEach
    void givenBobAndSamHaveShops() {
        pool.query("TRUNCATE shop CASCADE").execute().await().indefinitely();
        sneakers = pool.query("SELECT id FROM category WHERE path = 'fashion/shoes/sneakers'")
                .execute()
                .map(r -> r.iterator().next().getUUID(0).toString())
                .await()
                .indefinitely();
        for (String seller : List.of("bob", "sam")) {
            given().auth()
                    .oauth2(KeycloakTokens.user(seller))
                    .contentType("application/json")
                    .body(Map.of(
                            "name",
                            seller + "'s shop",
                            "slug",
                            seller + "-" + UUID.randomUUID().toString().substring(0, 8),
                            "country",
                            "US"))
                    .when()
                    .post("/api/v1/seller/shop")
                    .then()
                    .statusCode(201);
        }
    }

    @Test
    void aSellerCreatesADraftWithVariantsPricesAndStock() {
        String id = create("bob", product("Crème Runner", variant("RUN-42", 8999, 5), variant("RUN-43", 8999, 0)));

        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .when()
                .get("/api/v1/seller/products/" + id)
                .then()
                .statusCode(200)
                .body("status", equalTo("DRAFT"))
                .body("slug", startsWith("creme-runner-"))
                .body("variants.sku", contains("RUN-42", "RUN-43"))
                .body("variants[0].price.amount", equalTo(8999))
                .body("variants[0].price.currency", equalTo("USD"))
                .body("variants[0].available", equalTo(5))
                .body("variants[1].available", equalTo(0));
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .when()
                .get("/api/v1/seller/products?status=DRAFT")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].id", equalTo(id));
    }

    @Test
    void badInputIsRefusedWithFieldErrorsAndNothingIsWritten() {
        Map<String, Object> bad = product("", variant("X", -1, -5));
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .contentType("application/json")
                .body(bad)
                .when()
                .post("/api/v1/seller/products")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("violations.field", hasItems("title", "variants[0].price.amount", "variants[0].stock"));

        Map<String, Object> unknownCategory = product("Shoe", variant("S-1", 100, 1));
        unknownCategory.put("categoryId", UUID.randomUUID().toString());
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .contentType("application/json")
                .body(unknownCategory)
                .when()
                .post("/api/v1/seller/products")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("categoryId"));

        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add(variant("V-" + i, 100, 1));
        }
        Map<String, Object> tooMany = product("Shoe", many.toArray(Map[]::new));
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .contentType("application/json")
                .body(tooMany)
                .when()
                .post("/api/v1/seller/products")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("variants"));

        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .contentType("application/json")
                .body(product("Twins", variant("SAME", 100, 1), variant("SAME", 100, 1)))
                .when()
                .post("/api/v1/seller/products")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("variants"));
        assertThat(count("product")).isZero();
    }

    @Test
    void overLongTextIsRefusedNamingTheFieldAndChangesNothing() {
        String bob = KeycloakTokens.user("bob");
        given().auth()
                .oauth2(bob)
                .contentType("application/json")
                .body(product("T".repeat(201), variant("LONG-1", 100, 1)))
                .when()
                .post("/api/v1/seller/products")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://bazaar.dev/problems/validation"))
                .body("violations.field", contains("title"))
                .body("violations.message", contains("is at most 200 characters"));
        assertThat(count("product")).isZero();

        String id = create("bob", product("Desk lamp", variant("LAMP-1", 4500, 3)));
        long version = given().auth()
                .oauth2(bob)
                .when()
                .get("/api/v1/seller/products/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("version");
        given().auth()
                .oauth2(bob)
                .contentType("application/json")
                .body(Map.of("description", "d".repeat(10_001)))
                .when()
                .patch("/api/v1/seller/products/" + id)
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("violations.field", contains("description"))
                .body("violations.message", contains("is at most 10000 characters"));
        given().auth()
                .oauth2(bob)
                .contentType("application/json")
                .body(Map.of("attributes", Map.of("material", "c".repeat(201))))
                .when()
                .patch("/api/v1/seller/products/" + id)
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("violations.message", contains("attribute values are at most 200 characters"));

        given().auth()
                .oauth2(bob)
                .when()
                .get("/api/v1/seller/products/" + id)
                .then()
                .statusCode(200)
                .body("title", equalTo("Desk lamp"))
                .body("description", equalTo("Made to last."))
                .body("attributes.material", equalTo("canvas"))
                .body("version", equalTo((int) version));
        assertThat(count("product")).isEqualTo(1);
    }

    @Test
    void aSkuIsUniqueWithinAShopButNotAcrossShops() {
        create("bob", product("Tee", variant("TEE-1", 1500, 3)));
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .contentType("application/json")
                .body(product("Tee again", variant("TEE-1", 1500, 3)))
                .when()
                .post("/api/v1/seller/products")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://bazaar.dev/problems/duplicate-sku"));
        create("sam", product("Sam's tee", variant("TEE-1", 1500, 3)));
        assertThat(count("product")).isEqualTo(2);
    }

    @Test
    void anotherSellerCannotReadChangeArchiveOrDeleteTheProduct() {
        String id = create("bob", product("Bob's boot", variant("BOOT-1", 12000, 2)));
        String variantId = variantId(id);
        String sam = KeycloakTokens.user("sam");
        given().auth()
                .oauth2(sam)
                .when()
                .get("/api/v1/seller/products/" + id)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(sam)
                .contentType("application/json")
                .body(Map.of("title", "Mine now"))
                .when()
                .patch("/api/v1/seller/products/" + id)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(sam)
                .when()
                .post("/api/v1/seller/products/" + id + "/archive")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(sam)
                .when()
                .delete("/api/v1/seller/products/" + id)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(sam)
                .contentType("application/json")
                .body(Map.of("onHand", 0))
                .when()
                .put("/api/v1/seller/variants/" + variantId + "/stock")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(sam)
                .when()
                .get("/api/v1/seller/products")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
        given().auth()
                .oauth2(KeycloakTokens.user("alice"))
                .when()
                .get("/api/v1/seller/products")
                .then()
                .statusCode(403);

        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .when()
                .get("/api/v1/seller/products/" + id)
                .then()
                .statusCode(200)
                .body("title", equalTo("Bob's boot"))
                .body("status", equalTo("DRAFT"));
    }

    @Test
    void submittedProductsAreReviewedByAnAdminAndOnlyDraftsAreDeleted() {
        String id = create("bob", product("Trail sneaker", variant("TR-1", 9900, 4)));
        String bob = KeycloakTokens.user("bob");
        String admin = KeycloakTokens.user("admin");

        given().auth()
                .oauth2(admin)
                .when()
                .post("/api/v1/admin/products/" + id + "/approve")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://bazaar.dev/problems/illegal-transition"));
        given().auth()
                .oauth2(bob)
                .when()
                .post("/api/v1/seller/products/" + id + "/submit")
                .then()
                .statusCode(200)
                .body("status", equalTo("PENDING_REVIEW"));
        given().auth()
                .oauth2(admin)
                .when()
                .get("/api/v1/admin/products")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(id));
        given().auth()
                .oauth2(bob)
                .when()
                .post("/api/v1/admin/products/" + id + "/approve")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(admin)
                .when()
                .post("/api/v1/admin/products/" + id + "/approve")
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"));
        // the publication for search and carts, then the decision for the seller (notification)
        assertThat(outboxTypes(id)).containsExactly("ProductPublished", "ProductModerated");
        assertThat(outboxPayloads(id, "ProductModerated"))
                .singleElement()
                .asString()
                .contains("\"decision\":\"APPROVED\"", "\"title\":\"Trail sneaker\"");

        given().auth()
                .oauth2(bob)
                .when()
                .delete("/api/v1/seller/products/" + id)
                .then()
                .statusCode(409)
                .body("type", equalTo("https://bazaar.dev/problems/not-deletable"));
        given().auth()
                .oauth2(bob)
                .when()
                .post("/api/v1/seller/products/" + id + "/archive")
                .then()
                .statusCode(200)
                .body("status", equalTo("ARCHIVED"));
        assertThat(outboxTypes(id)).containsExactly("ProductPublished", "ProductModerated", "ProductDelisted");

        String draft = create("bob", product("Scrap", variant("SCRAP-1", 100, 1)));
        given().auth()
                .oauth2(bob)
                .when()
                .delete("/api/v1/seller/products/" + draft)
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(bob)
                .when()
                .get("/api/v1/seller/products/" + draft)
                .then()
                .statusCode(404);
    }

    @Test
    void aRejectionTellsTheSellerWhyThroughTheOutboxAndASubmissionOrArchiveTellsNothing() {
        String id = create("bob", product("Fake logo tee", variant("FAKE-1", 1500, 3)));
        String bob = KeycloakTokens.user("bob");
        String admin = KeycloakTokens.user("admin");
        given().auth()
                .oauth2(bob)
                .when()
                .post("/api/v1/seller/products/" + id + "/submit")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(Map.of("reason", "  The photos show another brand's logo.  "))
                .when()
                .post("/api/v1/admin/products/" + id + "/reject")
                .then()
                .statusCode(200)
                .body("status", equalTo("REJECTED"));
        // never sellable: nothing for search or carts, only the decision with the admin's reason
        assertThat(outboxTypes(id)).containsExactly("ProductModerated");
        assertThat(outboxPayloads(id, "ProductModerated"))
                .singleElement()
                .asString()
                .contains(
                        "\"productId\":\"" + id + "\"",
                        "\"decision\":\"REJECTED\"",
                        "\"reason\":\"The photos show another brand's logo.\"",
                        "\"title\":\"Fake logo tee\"");

        // the seller resubmits and archives: no decision, no new ProductModerated
        given().auth()
                .oauth2(bob)
                .when()
                .post("/api/v1/seller/products/" + id + "/submit")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(bob)
                .when()
                .post("/api/v1/seller/products/" + id + "/archive")
                .then()
                .statusCode(200);
        assertThat(outboxTypes(id)).containsExactly("ProductModerated");
    }

    @Test
    void stockIsSetPerVariantAndNeverBelowWhatIsReserved() {
        String id = create("bob", product("Cap", variant("CAP-1", 2500, 10)));
        String variantId = variantId(id);
        String bob = KeycloakTokens.user("bob");

        given().auth()
                .oauth2(bob)
                .contentType("application/json")
                .body(Map.of("onHand", 7))
                .when()
                .put("/api/v1/seller/variants/" + variantId + "/stock")
                .then()
                .statusCode(200)
                .body("variants[0].available", equalTo(7));
        given().auth()
                .oauth2(bob)
                .contentType("application/json")
                .body(Map.of("onHand", -1))
                .when()
                .put("/api/v1/seller/variants/" + variantId + "/stock")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("onHand"));

        // a checkout holds 5 units
        pool.preparedQuery("UPDATE inventory SET reserved = 5 WHERE variant_id = $1")
                .execute(Tuple.of(UUID.fromString(variantId)))
                .await()
                .indefinitely();
        given().auth()
                .oauth2(bob)
                .contentType("application/json")
                .body(Map.of("onHand", 4))
                .when()
                .put("/api/v1/seller/variants/" + variantId + "/stock")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://bazaar.dev/problems/stock-reserved"));
        given().auth()
                .oauth2(bob)
                .contentType("application/json")
                .body(Map.of("onHand", 5))
                .when()
                .put("/api/v1/seller/variants/" + variantId + "/stock")
                .then()
                .statusCode(200)
                .body("variants[0].available", equalTo(0));
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

    private String variantId(String productId) {
        return given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .when()
                .get("/api/v1/seller/products/" + productId)
                .then()
                .statusCode(200)
                .extract()
                .path("variants[0].id");
    }

    @SafeVarargs
    private Map<String, Object> product(String title, Map<String, Object>... variants) {
        Map<String, Object> p = new HashMap<>();
        p.put("title", title);
        p.put("description", "Made to last.");
        p.put("categoryId", sneakers);
        p.put("brand", "Acme");
        p.put("tags", List.of("shoes"));
        p.put("attributes", Map.of("material", "canvas"));
        p.put("media", List.of(Map.of("url", "https://img.example/1.jpg", "alt", "side view")));
        p.put("variants", List.of(variants));
        return p;
    }

    private static Map<String, Object> variant(String sku, long cents, int stock) {
        return Map.of(
                "sku",
                sku,
                "options",
                Map.of("size", "42"),
                "price",
                Map.of("amount", cents, "currency", "USD"),
                "stock",
                stock,
                "weightGrams",
                800);
    }

    private long count(String table) {
        return pool.query("SELECT count(*) FROM " + table)
                .execute()
                .map(r -> r.iterator().next().getLong(0))
                .await()
                .indefinitely();
    }

    private List<String> outboxPayloads(String productId, String type) {
        return CatalogOutbox.payloads(pool, productId, type);
    }

    private List<String> outboxTypes(String productId) {
        return CatalogOutbox.types(pool, productId);
    }
}
