package dev.bazaar.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.bazaar.devstack.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keycloak's admin API out of reach (a port nothing listens on): approving is a 503 problem with Retry-After, and the
 * application stays PENDING with no role granted, so the admin can simply approve again later.
 */
@QuarkusTest
@TestProfile(SellerApplicationKeycloakDownTest.AdminApiDown.class)
class SellerApplicationKeycloakDownTest {

    public static class AdminApiDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.rest-client.keycloak-admin.url", "http://localhost:1/admin/realms/bazaar");
        }
    }

    @BeforeAll
    static void onboardingClient() {
        KeycloakOnboarding.ensureClient();
    }

    @Test
    void approvalIsA503AndTheApplicationStaysPending() {
        KeycloakOnboarding.User user = KeycloakOnboarding.freshUser("buyer");
        String id = SellerApplicationsTest.apply(user.token(), "Unlucky Timing");
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .post("/api/v1/admin/seller-applications/" + id + "/approve")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "30")
                .body("type", equalTo("https://bazaar.dev/problems/identity-provider-unavailable"));
        given().auth()
                .oauth2(user.token())
                .when()
                .get("/api/v1/seller-applications/mine")
                .then()
                .statusCode(200)
                .body("items[0].status", equalTo("PENDING"));
        assertThat(KeycloakOnboarding.realmRoles(user.subject())).doesNotContain("seller");
    }
}
