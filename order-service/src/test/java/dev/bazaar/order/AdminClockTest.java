package dev.bazaar.order;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.bazaar.devstack.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The order service's clock is the kit's adjustable one (as payment's): an admin moves it forward in dev and test, so
 * a system test can let a seller's three days to decide a return pass; sellers and buyers are refused.
 */
@QuarkusTest
class AdminClockTest {

    @jakarta.inject.Inject
    Clock clock;

    @Test
    void anAdminMovesTheOrderClockAndNobodyElseMay() {
        Instant before = clock.instant();
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .contentType("application/json")
                .body(Map.of("advanceBy", "PT1S"))
                .when()
                .post("/api/v1/admin/clock")
                .then()
                .statusCode(200)
                .body("adjustable", equalTo(true));
        assertThat(Duration.between(before, clock.instant())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));

        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .contentType("application/json")
                .body(Map.of("advanceBy", "P4D"))
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
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .contentType("application/json")
                .body(Map.of("advanceBy", "-P1D"))
                .when()
                .post("/api/v1/admin/clock")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("advanceBy"));
    }
}
