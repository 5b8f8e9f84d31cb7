package dev.bazaar.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.bazaar.devstack.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Becoming a seller (#27) against the real test Keycloak: a fresh buyer applies, an admin approves, catalog grants the
 * seller role through Keycloak's admin API as bazaar-onboarding, and the buyer's next token carries it.
 */
@QuarkusTest
class SellerApplicationsTest {

    @Inject
    Pool pool;

    @BeforeAll
    static void onboardingClient() {
        KeycloakOnboarding.ensureClient();
    }

    static Map<String, Object> application(String shopName) {
        Map<String, Object> body = new HashMap<>();
        body.put("shopName", shopName);
        body.put("country", "DE");
        body.put("contactEmail", "owner@example.com");
        body.put("contactPhone", "+49 30 1234567");
        body.put("message", "Hand-made pottery");
        return body;
    }

    static String apply(String token, String shopName) {
        return given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(application(shopName))
                .when()
                .post("/api/v1/seller-applications")
                .then()
                .statusCode(201)
                .body("status", equalTo("PENDING"))
                .body("reason", nullValue())
                .extract()
                .path("id");
    }

    @Test
    void anApprovedBuyersNextTokenCarriesTheSellerRoleAndTheyCanOpenAShop() {
        KeycloakOnboarding.User user = KeycloakOnboarding.freshUser("buyer");
        String token = user.token();
        String id = apply(token, "Ona's Pots");
        given().auth()
                .oauth2(token)
                .when()
                .get("/api/v1/seller-applications/mine")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].id", equalTo(id))
                .body("items[0].status", equalTo("PENDING"))
                .body("items[0].shopName", equalTo("Ona's Pots"))
                .body("items[0].applicantName", equalTo(user.username()));
        // one open application per user
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(application("Again"))
                .when()
                .post("/api/v1/seller-applications")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://bazaar.dev/problems/application-open"));
        // the admins' queue shows it
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .queryParam("size", 100)
                .when()
                .get("/api/v1/admin/seller-applications?status=PENDING")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(id));
        // a seller cannot open a shop before approval: the buyer's token has no seller role
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of("name", "Too soon", "country", "DE"))
                .when()
                .post("/api/v1/seller/shop")
                .then()
                .statusCode(403);

        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .post("/api/v1/admin/seller-applications/" + id + "/approve")
                .then()
                .statusCode(200)
                .body("status", equalTo("APPROVED"))
                .body("decidedBy", equalTo(KeycloakTokens.subject(KeycloakTokens.user("admin"))));
        assertThat(KeycloakOnboarding.realmRoles(user.subject())).contains("seller", "buyer");
        // approving again answers the same and changes nothing
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .post("/api/v1/admin/seller-applications/" + id + "/approve")
                .then()
                .statusCode(200)
                .body("status", equalTo("APPROVED"));
        // a rejection after approval is refused
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .contentType("application/json")
                .body(Map.of("reason", "changed my mind"))
                .when()
                .post("/api/v1/admin/seller-applications/" + id + "/reject")
                .then()
                .statusCode(409);

        String next = user.token();
        assertThat(KeycloakTokens.claims(next).at("/realm_access/roles").toString())
                .contains("\"seller\"");
        given().auth()
                .oauth2(next)
                .contentType("application/json")
                .body(Map.of(
                        "name", "Ona's Pots " + UUID.randomUUID().toString().substring(0, 6), "country", "DE"))
                .when()
                .post("/api/v1/seller/shop")
                .then()
                .statusCode(201)
                .body("status", equalTo("PENDING_APPROVAL"))
                .body("ownerSubject", equalTo(user.subject()));
        // a seller does not apply again
        given().auth()
                .oauth2(next)
                .contentType("application/json")
                .body(application("Second"))
                .when()
                .post("/api/v1/seller-applications")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://bazaar.dev/problems/already-seller"));
    }

    @Test
    void aRejectedApplicationCarriesItsReasonGrantsNothingAndTheBuyerMayApplyAgain() {
        KeycloakOnboarding.User user = KeycloakOnboarding.freshUser("buyer");
        String id = apply(user.token(), "Maybe Shop");
        String admin = KeycloakTokens.user("admin");
        // a reason is required
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(Map.of("reason", "  "))
                .when()
                .post("/api/v1/admin/seller-applications/" + id + "/reject")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body("{}")
                .when()
                .post("/api/v1/admin/seller-applications/" + id + "/reject")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        assertThat(status(id)).isEqualTo("PENDING");

        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(Map.of("reason", "Please give a contact email on your own domain."))
                .when()
                .post("/api/v1/admin/seller-applications/" + id + "/reject")
                .then()
                .statusCode(200)
                .body("status", equalTo("REJECTED"))
                .body("reason", equalTo("Please give a contact email on your own domain."));
        given().auth()
                .oauth2(user.token())
                .when()
                .get("/api/v1/seller-applications/mine")
                .then()
                .statusCode(200)
                .body("items[0].status", equalTo("REJECTED"))
                .body("items[0].reason", equalTo("Please give a contact email on your own domain."));
        // approval of a rejected application is refused; no role was granted
        given().auth()
                .oauth2(admin)
                .when()
                .post("/api/v1/admin/seller-applications/" + id + "/approve")
                .then()
                .statusCode(409);
        assertThat(KeycloakOnboarding.realmRoles(user.subject())).doesNotContain("seller");
        given().auth()
                .oauth2(admin)
                .when()
                .get("/api/v1/admin/seller-applications?status=REJECTED&size=100")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(id));
        // a rejected buyer may apply again
        String again = apply(user.token(), "Maybe Shop, better");
        assertThat(again).isNotEqualTo(id);
    }

    @Test
    void wrongRolesAreRefusedAndNobodyReadsAnothersApplication() {
        KeycloakOnboarding.User one = KeycloakOnboarding.freshUser("buyer");
        KeycloakOnboarding.User other = KeycloakOnboarding.freshUser("buyer");
        String id = apply(one.token(), "Mine Only");
        given().auth()
                .oauth2(other.token())
                .when()
                .get("/api/v1/seller-applications/mine")
                .then()
                .statusCode(200)
                .body("total", equalTo(0))
                .body("items.id", not(hasItem(id)));
        for (String who : List.of("alice", "bob")) {
            String token = KeycloakTokens.user(who);
            given().auth()
                    .oauth2(token)
                    .when()
                    .get("/api/v1/admin/seller-applications")
                    .then()
                    .statusCode(403);
            given().auth()
                    .oauth2(token)
                    .when()
                    .post("/api/v1/admin/seller-applications/" + id + "/approve")
                    .then()
                    .statusCode(403);
            given().auth()
                    .oauth2(token)
                    .contentType("application/json")
                    .body(Map.of("reason", "no"))
                    .when()
                    .post("/api/v1/admin/seller-applications/" + id + "/reject")
                    .then()
                    .statusCode(403);
        }
        // only buyers apply (a seller, an admin, a guest: refused)
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .contentType("application/json")
                .body(application("Adm"))
                .when()
                .post("/api/v1/seller-applications")
                .then()
                .statusCode(403);
        given().contentType("application/json")
                .body(application("Guest"))
                .when()
                .post("/api/v1/seller-applications")
                .then()
                .statusCode(401);
        given().when().get("/api/v1/seller-applications/mine").then().statusCode(401);
        assertThat(status(id)).isEqualTo("PENDING");
        assertThat(KeycloakOnboarding.realmRoles(one.subject())).doesNotContain("seller");
    }

    @Test
    void badInputIsAProblemAndChangesNothing() {
        KeycloakOnboarding.User user = KeycloakOnboarding.freshUser("buyer");
        String token = user.token();
        List<Map<String, Object>> bad = List.of(
                without("shopName"),
                without("country"),
                without("contactEmail"),
                with("country", "de"),
                with("country", "DEU"),
                with("contactEmail", "not-an-email"),
                with("contactPhone", "call me"),
                with("shopName", "x".repeat(121)),
                with("message", "m".repeat(2001)),
                with("shopName", " "));
        for (Map<String, Object> body : bad) {
            given().auth()
                    .oauth2(token)
                    .contentType("application/json")
                    .body(body)
                    .when()
                    .post("/api/v1/seller-applications")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://bazaar.dev/problems/validation"));
        }
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{\"shopName\": ")
                .when()
                .post("/api/v1/seller-applications")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        assertThat(applicationsOf(user.subject())).isZero();

        String admin = KeycloakTokens.user("admin");
        given().auth()
                .oauth2(admin)
                .when()
                .get("/api/v1/admin/seller-applications?status=MAYBE")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(admin)
                .when()
                .post("/api/v1/admin/seller-applications/not-a-uuid/approve")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(admin)
                .when()
                .post("/api/v1/admin/seller-applications/" + UUID.randomUUID() + "/approve")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void theOnboardingClientMapsUsersRolesAndCannotReadOrChangeTheRealm() {
        String onboarding = given().formParam("grant_type", "client_credentials")
                .formParam("client_id", "bazaar-onboarding")
                .formParam("client_secret", "bazaar-onboarding-secret")
                .when()
                .post(KeycloakTokens.tokenEndpoint())
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        // no realm role: it cannot call Bazaar's own endpoints as anybody
        assertThat(KeycloakTokens.claims(onboarding).at("/realm_access/roles").toString())
                .doesNotContain("admin", "service", "seller", "buyer");
        given().auth()
                .oauth2(onboarding)
                .when()
                .get("/api/v1/admin/seller-applications")
                .then()
                .statusCode(403);
        // Keycloak's administration beyond users is refused: realm roles, clients, the realm itself
        String admin = KeycloakTokens.url() + "/admin/realms/bazaar";
        given().auth()
                .oauth2(onboarding)
                .when()
                .get(admin + "/roles/seller")
                .then()
                .statusCode(403);
        given().auth().oauth2(onboarding).when().get(admin + "/clients").then().statusCode(403);
        given().auth()
                .oauth2(onboarding)
                .contentType("application/json")
                .body(Map.of("accessTokenLifespan", 86400))
                .when()
                .put(admin)
                .then()
                .statusCode(403);
    }

    static Map<String, Object> without(String field) {
        Map<String, Object> body = application("Shop");
        body.remove(field);
        return body;
    }

    static Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = application("Shop");
        body.put(field, value);
        return body;
    }

    String status(String id) {
        return pool.preparedQuery("SELECT status FROM seller_application WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(id)))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getString(0);
    }

    long applicationsOf(String subject) {
        return pool.preparedQuery("SELECT count(*) FROM seller_application WHERE applicant_subject = $1")
                .execute(Tuple.of(subject))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getLong(0);
    }
}
