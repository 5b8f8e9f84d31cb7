package dev.bazaar.payment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import dev.bazaar.devstack.testing.KeycloakTokens;
import dev.bazaar.kit.clock.AdjustableClock;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The service clock: admins move it forward where the profile allows (test does; production never). */
@QuarkusTest
class AdminClockTest {

    @jakarta.inject.Inject
    Clock clock;

    @Test
    void anAdminMovesTheClockForwardAndEveryoneElseIsRefused() {
        Instant before = clock.instant();
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .contentType("application/json")
                .body(Map.of("advanceBy", "PT2S"))
                .when()
                .post("/api/v1/admin/clock")
                .then()
                .statusCode(200)
                .body("adjustable", equalTo(true));
        assertThat(Duration.between(before, clock.instant())).isGreaterThanOrEqualTo(Duration.ofSeconds(2));

        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .contentType("application/json")
                .body(Map.of("advanceBy", "PT1S"))
                .when()
                .post("/api/v1/admin/clock")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(KeycloakTokens.user("alice"))
                .when()
                .get("/api/v1/admin/clock")
                .then()
                .statusCode(403);
        given().contentType("application/json")
                .body(Map.of("advanceBy", "PT1S"))
                .when()
                .post("/api/v1/admin/clock")
                .then()
                .statusCode(401);
    }

    @Test
    void timeNeverGoesBackAndBadDurationsChangeNothing() {
        String offset = given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .get("/api/v1/admin/clock")
                .then()
                .statusCode(200)
                .extract()
                .path("offset");
        for (String bad : new String[] {"-PT1H", "PT0S", "P500D", "eight days"}) {
            given().auth()
                    .oauth2(KeycloakTokens.user("admin"))
                    .contentType("application/json")
                    .body(Map.of("advanceBy", bad))
                    .when()
                    .post("/api/v1/admin/clock")
                    .then()
                    .statusCode(400)
                    .contentType(startsWith("application/problem+json"))
                    .body("violations.field", hasItem("advanceBy"));
        }
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .contentType("application/json")
                .body("{}")
                .when()
                .post("/api/v1/admin/clock")
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .get("/api/v1/admin/clock")
                .then()
                .body("offset", equalTo(offset));
    }

    @Test
    void aClockThatIsNotAdjustableStaysTheSystemClock() {
        AdjustableClock production = new AdjustableClock(Clock.systemUTC(), false);
        assertThatThrownBy(() -> production.advance(Duration.ofDays(8))).isInstanceOf(IllegalStateException.class);
        assertThat(production.offset()).isZero();
    }
}
