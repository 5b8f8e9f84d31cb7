package dev.bazaar.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.bazaar.devstack.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #27's audit log, through catalog's admin endpoints: an admin's change leaves a REQUESTED and a COMPLETED row
 * (who, what, when, before, after); a refused caller leaves none; the rows cannot be changed or removed; and when the
 * log cannot be written the action is refused and nothing changes.
 */
@QuarkusTest
class AdminAuditTest {

    @Inject
    Pool pool;

    String shop;

    @BeforeEach
    void givenAnApprovedShop() {
        pool.query("TRUNCATE shop CASCADE").execute().await().indefinitely();
        shop = given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .contentType("application/json")
                .body(Map.of(
                        "name",
                        "Bob's",
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
        given().auth()
                .oauth2(admin())
                .when()
                .post("/api/v1/admin/shops/" + shop + "/approve")
                .then()
                .statusCode(200);
    }

    @Test
    void anAdminsSuspensionIsLoggedWithWhoWhatWhenBeforeAndAfter() {
        given().auth()
                .oauth2(admin())
                .contentType("application/json")
                .body(Map.of("reason", "Chargeback ring"))
                .when()
                .post("/api/v1/admin/shops/" + shop + "/suspend")
                .then()
                .statusCode(200);

        JsonPath log = given().auth()
                .oauth2(admin())
                .when()
                .get("/api/v1/admin/audit?limit=2")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Object> completed = log.getMap("[0]");
        Map<String, Object> requested = log.getMap("[1]");
        assertThat(completed)
                .containsEntry("phase", "COMPLETED")
                .containsEntry("method", "POST")
                .containsEntry("path", "/api/v1/admin/shops/" + shop + "/suspend")
                .containsEntry("status", 200)
                .containsEntry("actorName", "admin")
                .containsEntry("service", "catalog-service");
        assertThat(requested)
                .containsEntry("phase", "REQUESTED")
                .containsEntry("requestId", completed.get("requestId"))
                .containsEntry("actor", completed.get("actor"));
        assertThat((String) completed.get("actor")).isNotBlank();
        assertThat((String) completed.get("at")).isNotBlank();
        assertThat((String) completed.get("request")).contains("Chargeback ring");
        assertThat((String) completed.get("before")).contains("\"status\":\"APPROVED\"");
        assertThat((String) completed.get("after")).contains("\"status\":\"SUSPENDED\"");

        // pages go back in time
        long oldest = ((Number) requested.get("seq")).longValue();
        JsonPath older = given().auth()
                .oauth2(admin())
                .when()
                .get("/api/v1/admin/audit?limit=2&before=" + oldest)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(older.getList("seq", Long.class)).allMatch(seq -> seq < oldest);
    }

    @Test
    void sellersCannotReadTheLogNorActAsAdminsAndTheirRefusalsLeaveNoRow() {
        long before = rows();
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .when()
                .get("/api/v1/admin/audit")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .contentType("application/json")
                .body(Map.of("reason", "mine now"))
                .when()
                .post("/api/v1/admin/shops/" + shop + "/suspend")
                .then()
                .statusCode(403);
        given().when().get("/api/v1/admin/audit").then().statusCode(401);
        assertThat(rows()).isEqualTo(before);
        given().auth()
                .oauth2(admin())
                .when()
                .get("/api/v1/admin/audit?limit=0")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void theLogIsAppendOnly() {
        given().auth()
                .oauth2(admin())
                .contentType("application/json")
                .body(Map.of("reason", "Chargeback ring"))
                .when()
                .post("/api/v1/admin/shops/" + shop + "/suspend")
                .then()
                .statusCode(200);
        for (String change : List.of(
                "UPDATE kit_admin_audit SET actor = 'someone else'",
                "DELETE FROM kit_admin_audit",
                "TRUNCATE kit_admin_audit")) {
            assertThatThrownBy(() -> pool.query(change).execute().await().indefinitely())
                    .as(change)
                    .hasMessageContaining("append-only");
        }
    }

    @Test
    void whenTheLogCannotBeWrittenTheActionIsRefusedAndNothingChanges() {
        pool.query("ALTER TABLE kit_admin_audit RENAME TO kit_admin_audit_away")
                .execute()
                .await()
                .indefinitely();
        try {
            given().auth()
                    .oauth2(admin())
                    .contentType("application/json")
                    .body(Map.of("reason", "Chargeback ring"))
                    .when()
                    .post("/api/v1/admin/shops/" + shop + "/suspend")
                    .then()
                    .statusCode(503)
                    .contentType(startsWith("application/problem+json"))
                    .body("type", equalTo("https://bazaar.dev/problems/audit-unavailable"));
        } finally {
            pool.query("ALTER TABLE kit_admin_audit_away RENAME TO kit_admin_audit")
                    .execute()
                    .await()
                    .indefinitely();
        }
        given().auth()
                .oauth2(admin())
                .when()
                .get("/api/v1/admin/shops?status=APPROVED")
                .then()
                .statusCode(200)
                .body("items.find { it.id == '" + shop + "' }.status", equalTo("APPROVED"));
    }

    private long rows() {
        return pool.query("SELECT count(*) FROM kit_admin_audit")
                .execute()
                .map(r -> r.iterator().next().getLong(0))
                .await()
                .indefinitely();
    }

    private static String admin() {
        return KeycloakTokens.user("admin");
    }
}
