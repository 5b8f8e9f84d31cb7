package dev.bazaar.review.persistence;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.devstack.testing.KeycloakTokens;
import dev.bazaar.kit.audit.AuditEntry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * review-service keeps its audit log in MongoDB (#27): sequence numbers only grow, pages read newest first and go back
 * in time, and an admin's request through the API leaves both of its rows.
 */
@QuarkusTest
class MongoAuditTrailTest {

    @Inject
    MongoAuditTrail trail;

    @Test
    void rowsGetGrowingSequencesAndPagesGoBackInTime() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        trail.append(row(first, AuditEntry.Phase.REQUESTED)).await().indefinitely();
        trail.append(row(first, AuditEntry.Phase.COMPLETED)).await().indefinitely();
        trail.append(row(second, AuditEntry.Phase.REQUESTED)).await().indefinitely();

        List<AuditEntry> newest = trail.latest(2, null).await().indefinitely();
        assertThat(newest).extracting(AuditEntry::requestId).containsExactly(second, first);
        assertThat(newest.get(0).seq()).isGreaterThan(newest.get(1).seq());
        assertThat(newest.get(1).phase()).isEqualTo(AuditEntry.Phase.COMPLETED);
        assertThat(newest.get(1).status()).isEqualTo(200);
        assertThat(newest.get(1).at()).isNotNull();

        List<AuditEntry> older = trail.latest(5, newest.get(1).seq()).await().indefinitely();
        assertThat(older).isNotEmpty().allMatch(e -> e.seq() < newest.get(1).seq());
        assertThat(older.getFirst().requestId()).isEqualTo(first);
        assertThat(older.getFirst().phase()).isEqualTo(AuditEntry.Phase.REQUESTED);
    }

    @Test
    void anAdminRequestThroughTheApiLeavesBothRowsAndABuyerNone() {
        String admin = KeycloakTokens.user("admin");
        given().auth()
                .oauth2(admin)
                .when()
                .post("/api/v1/admin/reviews/" + UUID.randomUUID() + "/approve")
                .then()
                .statusCode(404);
        List<AuditEntry> rows = trail.latest(2, null).await().indefinitely();
        assertThat(rows)
                .extracting(AuditEntry::phase)
                .containsExactly(AuditEntry.Phase.COMPLETED, AuditEntry.Phase.REQUESTED);
        assertThat(rows.get(0).requestId()).isEqualTo(rows.get(1).requestId());
        assertThat(rows.get(0).status()).isEqualTo(404);
        assertThat(rows.get(0).actorName()).isEqualTo("admin");

        given().auth()
                .oauth2(KeycloakTokens.user("alice"))
                .when()
                .post("/api/v1/admin/reviews/" + UUID.randomUUID() + "/approve")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(KeycloakTokens.user("alice"))
                .when()
                .get("/api/v1/admin/audit")
                .then()
                .statusCode(403);
        assertThat(trail.latest(1, null).await().indefinitely().getFirst().seq())
                .isEqualTo(rows.get(0).seq());
    }

    private static AuditEntry row(UUID request, AuditEntry.Phase phase) {
        return new AuditEntry(
                0,
                request,
                phase,
                null,
                null,
                "sub-1",
                "admin",
                "POST",
                "/api/v1/admin/reviews/x/approve",
                phase == AuditEntry.Phase.COMPLETED ? 200 : null,
                null,
                null,
                null);
    }
}
