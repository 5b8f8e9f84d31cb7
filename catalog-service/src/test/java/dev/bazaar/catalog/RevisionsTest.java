package dev.bazaar.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.bazaar.devstack.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
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
 * Issue #26's moderation integrity: a seller's change to a live product's content waits for an admin as a revision
 * while the approved content stays live (page, search, carts); a category move cannot lower the commission by itself;
 * products that are not live are edited directly.
 */
@QuarkusTest
class RevisionsTest {

    static final String SNEAKERS = "cf70fc11-5a2c-5791-a604-0aa12a753208";
    /** 800 bps, below sneakers' 1000 */
    static final String BOOKS = "14ec570f-4aed-5951-8c21-9db46d1ccd18";

    @Inject
    Pool pool;

    String bobsSlug;
    String mug;
    String mugVariant;

    @BeforeEach
    void givenBobsLiveMug() {
        pool.query("TRUNCATE shop CASCADE").execute().await().indefinitely();
        bobsSlug = "bob-" + UUID.randomUUID().toString().substring(0, 8);
        String shop = given().auth()
                .oauth2(bob())
                .contentType("application/json")
                .body(Map.of("name", "Bob's", "slug", bobsSlug, "country", "US"))
                .when()
                .post("/api/v1/seller/shop")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().auth()
                .oauth2(admin())
                .when()
                .post("/api/v1/admin/shops/" + shop + "/approve")
                .then()
                .statusCode(200);
        JsonPath created = given().auth()
                .oauth2(bob())
                .contentType("application/json")
                .body(Map.of(
                        "title",
                        "Stoneware mug",
                        "description",
                        "Hand thrown.",
                        "categoryId",
                        SNEAKERS,
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
        await().atMost(Duration.ofSeconds(15)).until(() -> search("stoneware") == 1);
    }

    @Test
    void aLiveProductsNewTitleStaysInvisibleUntilAnAdminApprovesIt() {
        long version = version();
        int events = outboxTypes().size();
        given().auth()
                .oauth2(bob())
                .contentType("application/json")
                .body(Map.of("title", "  Glazed stoneware mug "))
                .when()
                .patch("/api/v1/seller/products/" + mug)
                .then()
                .statusCode(202)
                .body("status", equalTo("PENDING"))
                .body("changed", contains("title"))
                .body("live.title", equalTo("Stoneware mug"))
                .body("proposed.title", equalTo("Glazed stoneware mug"))
                .body("proposed.categoryId", equalTo(SNEAKERS));
        // nothing live changed: the row, its version, its page, its search document; no event left
        assertThat(version()).isEqualTo(version);
        assertThat(outboxTypes()).hasSize(events);
        given().when().get("/api/v1/products/" + mug).then().statusCode(200).body("title", equalTo("Stoneware mug"));
        assertThat(search("glazed")).isZero();
        given().auth()
                .oauth2(bob())
                .when()
                .get("/api/v1/seller/products/" + mug)
                .then()
                .statusCode(200)
                .body("title", equalTo("Stoneware mug"));

        // a second edit adds to the pending changes
        given().auth()
                .oauth2(bob())
                .contentType("application/json")
                .body(Map.of("description", "Glazed in blue."))
                .when()
                .patch("/api/v1/seller/products/" + mug)
                .then()
                .statusCode(202)
                .body("changed", contains("title", "description"));
        given().auth()
                .oauth2(bob())
                .when()
                .get("/api/v1/seller/products/" + mug + "/revision")
                .then()
                .statusCode(200)
                .body("status", equalTo("PENDING"))
                .body("proposed.title", equalTo("Glazed stoneware mug"))
                .body("proposed.description", equalTo("Glazed in blue."));
        given().auth()
                .oauth2(admin())
                .when()
                .get("/api/v1/admin/revisions")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].productId", equalTo(mug))
                .body("items[0].changed", contains("title", "description"))
                .body("items[0].live.description", equalTo("Hand thrown."));

        given().auth()
                .oauth2(admin())
                .when()
                .post("/api/v1/admin/revisions/" + mug + "/approve")
                .then()
                .statusCode(200)
                .body("title", equalTo("Glazed stoneware mug"))
                .body("description", equalTo("Glazed in blue."))
                .body("status", equalTo("ACTIVE"));
        given().when()
                .get("/api/v1/products/" + mug)
                .then()
                .statusCode(200)
                .body("title", equalTo("Glazed stoneware mug"));
        await().atMost(Duration.ofSeconds(5)).until(() -> search("glazed") == 1);
        assertThat(outboxTypes()).endsWith("ProductUpdated", "ProductModerated");
        assertThat(outboxPayloads("ProductModerated").getLast()).contains("\"decision\":\"REVISION_APPROVED\"");
        given().auth()
                .oauth2(bob())
                .when()
                .get("/api/v1/seller/products/" + mug + "/revision")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(admin())
                .when()
                .post("/api/v1/admin/revisions/" + mug + "/approve")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void aSellerCannotMoveALiveProductToACheaperCategoryByThemselves() {
        assertThat(lookup().getInt("items[0].commissionRateBps")).isEqualTo(1000);
        given().auth()
                .oauth2(bob())
                .contentType("application/json")
                .body(Map.of("categoryId", BOOKS))
                .when()
                .patch("/api/v1/seller/products/" + mug)
                .then()
                .statusCode(202)
                .body("changed", contains("categoryId"));
        assertThat(lookup().getInt("items[0].commissionRateBps"))
                .as("checkout still charges the live category's")
                .isEqualTo(1000);
        assertThat(lookup().getString("items[0].categoryId")).isEqualTo(SNEAKERS);

        // a rejection needs a reason; with one, nothing live changes and the seller sees why
        given().auth()
                .oauth2(admin())
                .contentType("application/json")
                .body(Map.of("reason", " "))
                .when()
                .post("/api/v1/admin/revisions/" + mug + "/reject")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("violations.field", hasItem("reason"));
        given().auth()
                .oauth2(admin())
                .contentType("application/json")
                .body(Map.of("reason", "A mug is not a book."))
                .when()
                .post("/api/v1/admin/revisions/" + mug + "/reject")
                .then()
                .statusCode(200)
                .body("status", equalTo("REJECTED"))
                .body("reason", equalTo("A mug is not a book."));
        assertThat(lookup().getInt("items[0].commissionRateBps")).isEqualTo(1000);
        assertThat(outboxPayloads("ProductModerated").getLast())
                .contains("\"decision\":\"REVISION_REJECTED\"", "\"reason\":\"A mug is not a book.\"");
        given().auth()
                .oauth2(bob())
                .when()
                .get("/api/v1/seller/products/" + mug + "/revision")
                .then()
                .statusCode(200)
                .body("status", equalTo("REJECTED"))
                .body("reason", equalTo("A mug is not a book."));
        given().auth()
                .oauth2(admin())
                .when()
                .post("/api/v1/admin/revisions/" + mug + "/approve")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://bazaar.dev/problems/revision-decided"));
        given().auth()
                .oauth2(admin())
                .when()
                .get("/api/v1/admin/revisions?status=REJECTED")
                .then()
                .statusCode(200)
                .body("total", equalTo(1));

        // the next edit starts from the live content, not from the rejected changes
        given().auth()
                .oauth2(bob())
                .contentType("application/json")
                .body(Map.of("brand", "Blue Door"))
                .when()
                .patch("/api/v1/seller/products/" + mug)
                .then()
                .statusCode(202)
                .body("status", equalTo("PENDING"))
                .body("changed", contains("brand"))
                .body("proposed.categoryId", equalTo(SNEAKERS))
                .body("reason", nullValue());
        // and the seller can take it back
        given().auth()
                .oauth2(bob())
                .when()
                .delete("/api/v1/seller/products/" + mug + "/revision")
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(bob())
                .when()
                .get("/api/v1/seller/products/" + mug + "/revision")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(bob())
                .when()
                .delete("/api/v1/seller/products/" + mug + "/revision")
                .then()
                .statusCode(404);
        assertThat(revisions()).isZero();
    }

    @Test
    void anEditBackToTheLiveContentDropsTheRevisionAndAProductNotLiveIsEditedDirectly() {
        given().auth()
                .oauth2(bob())
                .contentType("application/json")
                .body(Map.of("title", "Mug"))
                .when()
                .patch("/api/v1/seller/products/" + mug)
                .then()
                .statusCode(202);
        given().auth()
                .oauth2(bob())
                .contentType("application/json")
                .body(Map.of("title", "Stoneware mug"))
                .when()
                .patch("/api/v1/seller/products/" + mug)
                .then()
                .statusCode(200)
                .body("title", equalTo("Stoneware mug"));
        assertThat(revisions()).isZero();

        // pending changes, then the seller archives it: an archived product is edited directly and the revision goes
        given().auth()
                .oauth2(bob())
                .contentType("application/json")
                .body(Map.of("title", "Mug"))
                .when()
                .patch("/api/v1/seller/products/" + mug)
                .then()
                .statusCode(202);
        given().auth()
                .oauth2(bob())
                .when()
                .post("/api/v1/seller/products/" + mug + "/archive")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(admin())
                .when()
                .post("/api/v1/admin/revisions/" + mug + "/approve")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://bazaar.dev/problems/not-live"));
        given().auth()
                .oauth2(bob())
                .contentType("application/json")
                .body(Map.of("title", "Old mug", "categoryId", BOOKS))
                .when()
                .patch("/api/v1/seller/products/" + mug)
                .then()
                .statusCode(200)
                .body("title", equalTo("Old mug"))
                .body("categoryId", equalTo(BOOKS));
        assertThat(revisions()).isZero();
        // back on sale only through review
        given().auth()
                .oauth2(bob())
                .when()
                .post("/api/v1/seller/products/" + mug + "/restore")
                .then()
                .statusCode(200)
                .body("status", equalTo("DRAFT"));
    }

    @Test
    void badEditsAreRefusedAndChangeNothing() {
        given().auth()
                .oauth2(bob())
                .contentType("application/json")
                .body(Map.of("title", "   "))
                .when()
                .patch("/api/v1/seller/products/" + mug)
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("violations.field", hasItem("title"));
        given().auth()
                .oauth2(bob())
                .contentType("application/json")
                .body(Map.of("categoryId", UUID.randomUUID().toString()))
                .when()
                .patch("/api/v1/seller/products/" + mug)
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("categoryId"));
        given().auth()
                .oauth2(admin())
                .when()
                .get("/api/v1/admin/revisions?status=LATER")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"));
        given().auth()
                .oauth2(admin())
                .when()
                .post("/api/v1/admin/revisions/not-a-uuid/approve")
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(admin())
                .when()
                .post("/api/v1/admin/revisions/" + UUID.randomUUID() + "/approve")
                .then()
                .statusCode(404);
        assertThat(revisions()).isZero();
    }

    @Test
    void onlyTheOwnerSeesOrWithdrawsARevisionAndOnlyAdminsDecide() {
        given().auth()
                .oauth2(bob())
                .contentType("application/json")
                .body(Map.of("title", "Mug"))
                .when()
                .patch("/api/v1/seller/products/" + mug)
                .then()
                .statusCode(202);
        String sam = KeycloakTokens.user("sam");
        given().auth()
                .oauth2(sam)
                .contentType("application/json")
                .body(Map.of(
                        "name",
                        "Sam's",
                        "slug",
                        "sam-" + UUID.randomUUID().toString().substring(0, 8),
                        "country",
                        "US"))
                .when()
                .post("/api/v1/seller/shop")
                .then()
                .statusCode(201);
        given().auth()
                .oauth2(sam)
                .when()
                .get("/api/v1/seller/products/" + mug + "/revision")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(sam)
                .when()
                .delete("/api/v1/seller/products/" + mug + "/revision")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(sam)
                .contentType("application/json")
                .body(Map.of("title", "Sam's mug"))
                .when()
                .patch("/api/v1/seller/products/" + mug)
                .then()
                .statusCode(404);
        for (String who : List.of(admin(), buyer())) {
            given().auth()
                    .oauth2(who)
                    .when()
                    .get("/api/v1/seller/products/" + mug + "/revision")
                    .then()
                    .statusCode(403);
        }
        for (String who : List.of(bob(), buyer())) {
            given().auth()
                    .oauth2(who)
                    .when()
                    .get("/api/v1/admin/revisions")
                    .then()
                    .statusCode(403);
            given().auth()
                    .oauth2(who)
                    .when()
                    .post("/api/v1/admin/revisions/" + mug + "/approve")
                    .then()
                    .statusCode(403);
            given().auth()
                    .oauth2(who)
                    .contentType("application/json")
                    .body(Map.of("reason", "no"))
                    .when()
                    .post("/api/v1/admin/revisions/" + mug + "/reject")
                    .then()
                    .statusCode(403);
        }
        given().when()
                .post("/api/v1/admin/revisions/" + mug + "/approve")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(bob())
                .when()
                .get("/api/v1/seller/products/" + mug + "/revision")
                .then()
                .statusCode(200)
                .body("proposed.title", equalTo("Mug"));
        given().when().get("/api/v1/products/" + mug).then().body("title", equalTo("Stoneware mug"));
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

    private int search(String q) {
        return given().when()
                .get("/api/v1/products?size=20&q=" + q + "&shop=" + bobsSlug)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getInt("total");
    }

    private JsonPath lookup() {
        return given().auth()
                .oauth2(KeycloakTokens.service())
                .contentType("application/json")
                .body(Map.of("variantIds", List.of(mugVariant)))
                .when()
                .post("/api/v1/internal/variants/lookup")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private long version() {
        return pool.preparedQuery("SELECT version FROM product WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(mug)))
                .map(r -> r.iterator().next().getLong(0))
                .await()
                .indefinitely();
    }

    private long revisions() {
        return pool.query("SELECT count(*) FROM product_revision")
                .execute()
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
