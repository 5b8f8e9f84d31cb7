package dev.bazaar.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import dev.bazaar.devstack.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AdminShopQueueTest {

    @Inject
    Pool pool;

    UUID pending;
    UUID approved;

    @BeforeEach
    void givenOnePendingAndOneApprovedShop() {
        pool.query("TRUNCATE shop CASCADE").execute().await().indefinitely();
        pending = insertShop("PENDING_APPROVAL");
        approved = insertShop("APPROVED");
    }

    @Test
    void anonymousCallerIsUnauthorized() {
        given().when()
                .get("/api/v1/admin/shops")
                .then()
                .statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://bazaar.dev/problems/unauthorized"));
    }

    @Test
    void aForgedTokenIsUnauthorized() {
        String[] parts = KeycloakTokens.user("admin").split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        given().auth().oauth2(forged).when().get("/api/v1/admin/shops").then().statusCode(401);
    }

    @Test
    void sellerIsForbidden() {
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .when()
                .get("/api/v1/admin/shops")
                .then()
                .statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://bazaar.dev/problems/forbidden"));
    }

    @Test
    void adminSeesTheReviewQueueOfPendingShops() {
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .get("/api/v1/admin/shops?status=PENDING_APPROVAL")
                .then()
                .statusCode(200)
                .body("items.id", contains(pending.toString()))
                .body("items[0].status", equalTo("PENDING_APPROVAL"))
                .body("total", equalTo(1))
                .body("page", equalTo(0))
                .body("size", equalTo(20));
    }

    @Test
    void adminFiltersByStatus() {
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .get("/api/v1/admin/shops?status=APPROVED&size=5")
                .then()
                .statusCode(200)
                .body("items.id", contains(approved.toString()))
                .body("size", equalTo(5));
    }

    @Test
    void aPageBeyondTheEndIsEmptyButKeepsTheTotal() {
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .get("/api/v1/admin/shops?page=3")
                .then()
                .statusCode(200)
                .body("items", hasSize(0))
                .body("total", equalTo(1));
    }

    @Test
    void oversizedPageAndUnknownStatusAreRejectedAsProblems() {
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .get("/api/v1/admin/shops?size=500&status=OPEN")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://bazaar.dev/problems/validation"))
                .body("status", equalTo(400))
                .body("violations.field", hasItem("size"))
                .body("violations.field", hasItem("status"));
    }

    private UUID insertShop(String status) {
        UUID id = UUID.randomUUID();
        String key = id.toString().substring(0, 8);
        pool.preparedQuery("""
                INSERT INTO shop (id, name, slug, country, owner_subject, status)
                VALUES ($1, $2, $3, 'US', $4, $5)""")
                .execute(Tuple.of(id, "Shop " + key, "shop-" + key, "owner-" + id, status))
                .await()
                .indefinitely();
        return id;
    }
}
