package dev.bazaar.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import dev.bazaar.devstack.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #26's admin actions: an admin takes a live product down (out of search, page and carts; the seller is told)
 * and restores it; a seller restores an archived product as a draft; a rejected shop resubmits.
 */
@QuarkusTest
class AdminActionsTest {

    @Inject
    Pool pool;

    String bobsSlug;
    String samsShop;
    String mug;
    String mugVariant;

    @BeforeEach
    void givenBobsApprovedShopWithALiveMugAndSamsPendingShop() {
        pool.query("TRUNCATE shop CASCADE").execute().await().indefinitely();
        bobsSlug = "bob-" + UUID.randomUUID().toString().substring(0, 8);
        String bobsShop = openShop("bob", bobsSlug);
        given().auth()
                .oauth2(admin())
                .when()
                .post("/api/v1/admin/shops/" + bobsShop + "/approve")
                .then()
                .statusCode(200);
        samsShop = openShop("sam", "sam-" + UUID.randomUUID().toString().substring(0, 8));
        String category = pool.query("SELECT id FROM category WHERE slug = 'sneakers'")
                .execute()
                .map(r -> r.iterator().next().getUUID(0).toString())
                .await()
                .indefinitely();
        var created = given().auth()
                .oauth2(bob())
                .contentType("application/json")
                .body(Map.of(
                        "title",
                        "Stoneware mug",
                        "categoryId",
                        category,
                        "variants",
                        List.of(Map.of(
                                "sku",
                                "MUG-" + UUID.randomUUID().toString().substring(0, 8),
                                "price",
                                Map.of("amount", 2400, "currency", "USD"),
                                "stock",
                                5,
                                "weightGrams",
                                400))))
                .when()
                .post("/api/v1/seller/products")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        mug = created.getString("id");
        mugVariant = created.getString("variants[0].id");
        given().auth()
                .oauth2(bob())
                .when()
                .post("/api/v1/seller/products/" + mug + "/submit")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(admin())
                .when()
                .post("/api/v1/admin/products/" + mug + "/approve")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> searchTotal() == 1);
    }

    @Test
    void aTakeDownRemovesTheProductFromSearchPageAndCartsTellsTheSellerAndARestoreBringsItBack() {
        given().auth()
                .oauth2(admin())
                .contentType("application/json")
                .body(Map.of("reason", "  Counterfeit: trademark complaint #118.  "))
                .when()
                .post("/api/v1/admin/products/" + mug + "/take-down")
                .then()
                .statusCode(200)
                .body("status", equalTo("TAKEN_DOWN"))
                .body("statusReason", equalTo("Counterfeit: trademark complaint #118."));

        await().atMost(Duration.ofSeconds(5)).until(() -> searchTotal() == 0);
        given().when().get("/api/v1/products/" + mug).then().statusCode(404);
        assertThat(sellable()).as("carts and checkout see it unavailable").isFalse();
        assertThat(outboxTypes()).endsWith("ProductDelisted", "ProductModerated");
        assertThat(outboxPayloads("ProductDelisted").getLast()).contains("\"reason\":\"TAKEN_DOWN\"");
        assertThat(outboxPayloads("ProductModerated").getLast())
                .contains("\"decision\":\"TAKEN_DOWN\"", "\"reason\":\"Counterfeit: trademark complaint #118.\"");
        // the seller can neither archive it away nor see it in the public page; it stays listed as taken down
        given().auth()
                .oauth2(bob())
                .when()
                .post("/api/v1/seller/products/" + mug + "/archive")
                .then()
                .statusCode(409)
                .contentType(startsWith("application/problem+json"));
        given().auth()
                .oauth2(bob())
                .when()
                .get("/api/v1/seller/products?status=TAKEN_DOWN")
                .then()
                .statusCode(200)
                .body("total", equalTo(1));

        given().auth()
                .oauth2(admin())
                .when()
                .post("/api/v1/admin/products/" + mug + "/restore")
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"));
        await().atMost(Duration.ofSeconds(5)).until(() -> searchTotal() == 1);
        given().when().get("/api/v1/products/" + mug).then().statusCode(200);
        assertThat(sellable()).isTrue();
        assertThat(outboxTypes()).endsWith("ProductPublished", "ProductModerated");
        assertThat(outboxPayloads("ProductModerated").getLast()).contains("\"decision\":\"REINSTATED\"");
    }

    @Test
    void aTakeDownNeedsAReasonAndALiveProductAndTheWrongMovesChangeNothing() {
        long before = version(mug);
        given().auth()
                .oauth2(admin())
                .contentType("application/json")
                .when()
                .post("/api/v1/admin/products/" + mug + "/take-down")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"));
        given().auth()
                .oauth2(admin())
                .contentType("application/json")
                .body(Map.of())
                .when()
                .post("/api/v1/admin/products/" + mug + "/take-down")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("violations.field", hasItem("reason"));
        given().auth()
                .oauth2(admin())
                .contentType("application/json")
                .body(Map.of("reason", "   "))
                .when()
                .post("/api/v1/admin/products/" + mug + "/take-down")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("violations.field", hasItem("reason"));
        given().auth()
                .oauth2(admin())
                .when()
                .post("/api/v1/admin/products/" + mug + "/restore")
                .then()
                .statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://bazaar.dev/problems/illegal-transition"))
                .body("detail", equalTo("a product that is ACTIVE cannot be restored"));
        given().auth()
                .oauth2(admin())
                .contentType("application/json")
                .body(Map.of("reason", "spam"))
                .when()
                .post("/api/v1/admin/products/" + UUID.randomUUID() + "/take-down")
                .then()
                .statusCode(404);
        assertThat(version(mug)).isEqualTo(before);
        assertThat(status(mug)).isEqualTo("ACTIVE");

        given().auth()
                .oauth2(bob())
                .when()
                .post("/api/v1/seller/products/" + mug + "/archive")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(admin())
                .contentType("application/json")
                .body(Map.of("reason", "spam"))
                .when()
                .post("/api/v1/admin/products/" + mug + "/take-down")
                .then()
                .statusCode(409)
                .body("detail", equalTo("a product that is ARCHIVED cannot be taken down"));
        assertThat(status(mug)).isEqualTo("ARCHIVED");
    }

    @Test
    void onlyAnAdminTakesDownOrRestores() {
        for (String who : List.of(bob(), buyer())) {
            given().auth()
                    .oauth2(who)
                    .contentType("application/json")
                    .body(Map.of("reason", "spam"))
                    .when()
                    .post("/api/v1/admin/products/" + mug + "/take-down")
                    .then()
                    .statusCode(403)
                    .contentType(startsWith("application/problem+json"));
            given().auth()
                    .oauth2(who)
                    .when()
                    .post("/api/v1/admin/products/" + mug + "/restore")
                    .then()
                    .statusCode(403);
        }
        given().contentType("application/json")
                .body(Map.of("reason", "spam"))
                .when()
                .post("/api/v1/admin/products/" + mug + "/take-down")
                .then()
                .statusCode(401);
        assertThat(status(mug)).isEqualTo("ACTIVE");
    }

    @Test
    void aSellerRestoresTheirArchivedProductAsADraftThatMustBeReviewedAgain() {
        given().auth()
                .oauth2(bob())
                .when()
                .post("/api/v1/seller/products/" + mug + "/restore")
                .then()
                .statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("a product that is ACTIVE cannot be restored"));
        given().auth()
                .oauth2(bob())
                .when()
                .post("/api/v1/seller/products/" + mug + "/archive")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> searchTotal() == 0);

        given().auth()
                .oauth2(KeycloakTokens.user("sam"))
                .when()
                .post("/api/v1/seller/products/" + mug + "/restore")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));
        for (String who : List.of(admin(), buyer())) {
            given().auth()
                    .oauth2(who)
                    .when()
                    .post("/api/v1/seller/products/" + mug + "/restore")
                    .then()
                    .statusCode(403);
        }
        assertThat(status(mug)).isEqualTo("ARCHIVED");

        given().auth()
                .oauth2(bob())
                .when()
                .post("/api/v1/seller/products/" + mug + "/restore")
                .then()
                .statusCode(200)
                .body("status", equalTo("DRAFT"));
        given().when().get("/api/v1/products/" + mug).then().statusCode(404);
        assertThat(sellable()).isFalse();
        given().auth()
                .oauth2(admin())
                .when()
                .post("/api/v1/admin/products/" + mug + "/approve")
                .then()
                .statusCode(409);
        given().auth()
                .oauth2(bob())
                .when()
                .post("/api/v1/seller/products/" + mug + "/restore")
                .then()
                .statusCode(409);

        given().auth()
                .oauth2(bob())
                .when()
                .post("/api/v1/seller/products/" + mug + "/submit")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(admin())
                .when()
                .post("/api/v1/admin/products/" + mug + "/approve")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> searchTotal() == 1);
    }

    @Test
    void aRejectedShopResubmitsAndIsBackInTheAdminsQueue() {
        String sam = KeycloakTokens.user("sam");
        given().auth()
                .oauth2(sam)
                .when()
                .post("/api/v1/seller/shop/resubmit")
                .then()
                .statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://bazaar.dev/problems/illegal-transition"));
        given().auth()
                .oauth2(admin())
                .contentType("application/json")
                .body(Map.of("reason", "No address given."))
                .when()
                .post("/api/v1/admin/shops/" + samsShop + "/reject")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(admin())
                .when()
                .get("/api/v1/admin/shops?status=PENDING_APPROVAL")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));

        for (String who : List.of(admin(), buyer())) {
            given().auth()
                    .oauth2(who)
                    .when()
                    .post("/api/v1/seller/shop/resubmit")
                    .then()
                    .statusCode(403);
        }
        given().auth()
                .oauth2(sam)
                .contentType("application/json")
                .body(Map.of("description", "Now with an address."))
                .when()
                .patch("/api/v1/seller/shop")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(sam)
                .when()
                .post("/api/v1/seller/shop/resubmit")
                .then()
                .statusCode(200)
                .body("status", equalTo("PENDING_APPROVAL"));
        given().auth()
                .oauth2(admin())
                .when()
                .get("/api/v1/admin/shops?status=PENDING_APPROVAL")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].id", equalTo(samsShop));
        given().auth()
                .oauth2(sam)
                .when()
                .post("/api/v1/seller/shop/resubmit")
                .then()
                .statusCode(409);
        // bob's approved shop cannot be resubmitted either
        given().auth()
                .oauth2(bob())
                .when()
                .post("/api/v1/seller/shop/resubmit")
                .then()
                .statusCode(409)
                .body("detail", equalTo("a shop that is APPROVED cannot be resubmitted: only a rejected one can"));
        given().auth()
                .oauth2(admin())
                .when()
                .post("/api/v1/admin/shops/" + samsShop + "/approve")
                .then()
                .statusCode(200)
                .body("status", equalTo("APPROVED"));
    }

    private static String admin() {
        return KeycloakTokens.user("admin");
    }

    private static String bob() {
        return KeycloakTokens.user("bob");
    }

    private static String buyer() {
        return KeycloakTokens.user("alice");
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

    private int searchTotal() {
        return given().when()
                .get("/api/v1/products?size=20&shop=" + bobsSlug)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getInt("total");
    }

    private boolean sellable() {
        return given().auth()
                .oauth2(KeycloakTokens.service())
                .contentType("application/json")
                .body(Map.of("variantIds", List.of(mugVariant)))
                .when()
                .post("/api/v1/internal/variants/lookup")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getBoolean("items[0].sellable");
    }

    private String status(String id) {
        return pool.preparedQuery("SELECT status FROM product WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(id)))
                .map(r -> r.iterator().next().getString(0))
                .await()
                .indefinitely();
    }

    private long version(String id) {
        return pool.preparedQuery("SELECT version FROM product WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(id)))
                .map(r -> r.iterator().next().getLong(0))
                .await()
                .indefinitely();
    }

    private List<String> outboxTypes() {
        return CatalogOutbox.types(pool, mug);
    }

    private List<String> outboxPayloads(String type) {
        return CatalogOutbox.payloads(pool, mug, type);
    }
}
