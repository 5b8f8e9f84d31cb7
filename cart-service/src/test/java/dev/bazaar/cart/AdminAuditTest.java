package dev.bazaar.cart;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.devstack.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue #27's audit log where Redis is the only store: a dead-letter replay asked by an admin leaves its REQUESTED and
 * COMPLETED rows (also when it answers 404), newest first, paged back in time; a buyer is refused and leaves none.
 */
@QuarkusTest
class AdminAuditTest {

    @Test
    void anAdminsReplayIsLoggedNewestFirstAndPagesGoBackInTime() {
        String admin = KeycloakTokens.user("admin");
        // three requests: six rows, so a page of three has an older page of at least two behind it
        given().auth()
                .oauth2(admin)
                .when()
                .post("/api/v1/admin/dead-letters/first-topic.dlq/replay")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(admin)
                .when()
                .post("/api/v1/admin/dead-letters/no-such-topic.dlq/replay")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(admin)
                .when()
                .post("/api/v1/admin/dead-letters/other-topic.dlq/replay")
                .then()
                .statusCode(404);

        JsonPath log = given().auth()
                .oauth2(admin)
                .when()
                .get("/api/v1/admin/audit?limit=3")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<Long> seqs = log.getList("seq", Long.class);
        assertThat(seqs).hasSize(3).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(log.getList("phase", String.class)).containsExactly("COMPLETED", "REQUESTED", "COMPLETED");
        assertThat(log.getString("[0].path")).isEqualTo("/api/v1/admin/dead-letters/other-topic.dlq/replay");
        assertThat(log.getInt("[0].status")).isEqualTo(404);
        assertThat(log.getString("[0].actorName")).isEqualTo("admin");
        assertThat(log.getString("[0].service")).isEqualTo("cart-service");
        assertThat(log.getString("[0].requestId")).isEqualTo(log.getString("[1].requestId"));

        long oldest = seqs.getLast();
        JsonPath older = given().auth()
                .oauth2(admin)
                .when()
                .get("/api/v1/admin/audit?limit=2&before=" + oldest)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(older.getList("seq", Long.class)).hasSize(2).allMatch(seq -> seq < oldest);
        assertThat(older.getString("[0].phase")).isEqualTo("REQUESTED");
        assertThat(older.getString("[0].path")).isEqualTo("/api/v1/admin/dead-letters/no-such-topic.dlq/replay");
        assertThat(older.getString("[0].requestId")).isEqualTo(log.getString("[2].requestId"));
    }

    @Test
    void aBuyerCannotReadTheLogNorReplayAndLeavesNoRow() {
        String admin = KeycloakTokens.user("admin");
        String alice = KeycloakTokens.user("alice");
        long newest = newest(admin);
        given().auth().oauth2(alice).when().get("/api/v1/admin/audit").then().statusCode(403);
        given().auth()
                .oauth2(alice)
                .when()
                .post("/api/v1/admin/dead-letters/no-such-topic.dlq/replay")
                .then()
                .statusCode(403);
        assertThat(newest(admin)).isEqualTo(newest);
    }

    private static long newest(String admin) {
        List<Long> seqs = given().auth()
                .oauth2(admin)
                .when()
                .get("/api/v1/admin/audit?limit=1")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("seq", Long.class);
        return seqs.isEmpty() ? 0 : seqs.getFirst();
    }
}
