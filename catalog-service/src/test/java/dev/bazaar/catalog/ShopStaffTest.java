package dev.bazaar.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import dev.bazaar.devstack.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Shop staff (#27, ADR 0027) against the real test Keycloak: the owner invites a fresh user by user name, the user's
 * next token carries the seller role, the staff list leaves in ShopPolicyChanged, staff cannot edit the shop or invite
 * anyone, and removal takes back the role the invitation gave.
 */
@QuarkusTest
class ShopStaffTest {

    @Inject
    Pool pool;

    @BeforeAll
    static void onboardingClient() {
        KeycloakOnboarding.ensureClient();
    }

    /** A fresh seller with a shop of their own (pending approval: staff may be invited in any status). */
    static KeycloakOnboarding.User owner(String shopName) {
        KeycloakOnboarding.User owner = KeycloakOnboarding.freshUser("seller");
        given().auth()
                .oauth2(owner.token())
                .contentType("application/json")
                .body(Map.of("name", shopName, "country", "DE"))
                .when()
                .post("/api/v1/seller/shop")
                .then()
                .statusCode(201);
        return owner;
    }

    static String shopId(String token) {
        return given().auth()
                .oauth2(token)
                .when()
                .get("/api/v1/seller/shop")
                .then()
                .statusCode(200)
                .extract()
                .path("id");
    }

    @Test
    void anOwnerInvitesAUserWhoseNextTokenReachesTheSellerEndpointsButNotTheShop() {
        KeycloakOnboarding.User owner = owner("Staffed Pots");
        String ownerToken = owner.token();
        String shop = shopId(ownerToken);
        KeycloakOnboarding.User clerk = KeycloakOnboarding.freshUser("buyer");

        given().auth()
                .oauth2(ownerToken)
                .contentType("application/json")
                .body(Map.of("username", clerk.username()))
                .when()
                .post("/api/v1/seller/shop/staff")
                .then()
                .statusCode(201)
                .body("subject", equalTo(clerk.subject()))
                .body("username", equalTo(clerk.username()))
                .body("role", equalTo("FULFILMENT"))
                .body("grantedSeller", equalTo(true))
                .body("invitedBy", equalTo(owner.subject()));
        assertThat(KeycloakOnboarding.realmRoles(clerk.subject())).contains("seller", "buyer");
        given().auth()
                .oauth2(ownerToken)
                .when()
                .get("/api/v1/seller/shop/staff")
                .then()
                .statusCode(200)
                .body("subject", equalTo(List.of(clerk.subject())));
        // the staff list leaves with the shop's policy, the return window unchanged
        List<String> events = CatalogOutbox.payloads(pool, shop, "ShopPolicyChanged");
        assertThat(events).hasSize(1);
        assertThat(events.getFirst()).contains(clerk.subject()).contains("\"returnWindowDays\":30");

        // invited twice, or by another owner: already staff
        given().auth()
                .oauth2(ownerToken)
                .contentType("application/json")
                .body(Map.of("username", clerk.username()))
                .when()
                .post("/api/v1/seller/shop/staff")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://bazaar.dev/problems/already-staff"));
        KeycloakOnboarding.User rival = owner("Rival Pots");
        given().auth()
                .oauth2(rival.token())
                .contentType("application/json")
                .body(Map.of("username", clerk.username()))
                .when()
                .post("/api/v1/seller/shop/staff")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://bazaar.dev/problems/already-staff"));

        // the staff's new token: a seller without a shop of their own — no shop edits, no staff of their own
        String clerkToken = clerk.token();
        given().auth()
                .oauth2(clerkToken)
                .when()
                .get("/api/v1/seller/shop")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(clerkToken)
                .contentType("application/json")
                .body(Map.of("name", "Taken over"))
                .when()
                .patch("/api/v1/seller/shop")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(clerkToken)
                .contentType("application/json")
                .body(Map.of("returnWindowDays", 0))
                .when()
                .put("/api/v1/seller/shop/policy")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(clerkToken)
                .contentType("application/json")
                .body(Map.of("username", KeycloakOnboarding.freshUser("buyer").username()))
                .when()
                .post("/api/v1/seller/shop/staff")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(clerkToken)
                .when()
                .get("/api/v1/seller/shop/staff")
                .then()
                .statusCode(404);
        // nor a shop of their own while they are staff (with or without a slug): 409, and no shop is made
        for (Map<String, String> open : List.of(
                Map.of("name", "Clerk Pots", "country", "US"),
                Map.of(
                        "name",
                        "Clerk Pots",
                        "slug",
                        "clerk-pots-" + clerk.subject().substring(0, 8),
                        "country",
                        "US"))) {
            given().auth()
                    .oauth2(clerkToken)
                    .contentType("application/json")
                    .body(open)
                    .when()
                    .post("/api/v1/seller/shop")
                    .then()
                    .statusCode(409)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://bazaar.dev/problems/staff-of-a-shop"));
        }
        given().auth()
                .oauth2(clerkToken)
                .when()
                .get("/api/v1/seller/shop")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(clerkToken)
                .when()
                .delete("/api/v1/seller/shop/staff/" + clerk.subject())
                .then()
                .statusCode(404);

        // removal: the list is empty, the event says so, the role the invitation gave is taken back
        given().auth()
                .oauth2(rival.token())
                .when()
                .delete("/api/v1/seller/shop/staff/" + clerk.subject())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(ownerToken)
                .when()
                .delete("/api/v1/seller/shop/staff/" + clerk.subject())
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(ownerToken)
                .when()
                .get("/api/v1/seller/shop/staff")
                .then()
                .statusCode(200)
                .body("$", empty());
        events = CatalogOutbox.payloads(pool, shop, "ShopPolicyChanged");
        assertThat(events).hasSize(2);
        assertThat(events.get(1)).contains("\"staffSubjects\":[]");
        assertThat(KeycloakOnboarding.realmRoles(clerk.subject()))
                .contains("buyer")
                .doesNotContain("seller");
        given().auth()
                .oauth2(ownerToken)
                .when()
                .delete("/api/v1/seller/shop/staff/" + clerk.subject())
                .then()
                .statusCode(404);
    }

    @Test
    void aSellerWhoAlreadyHadTheRoleKeepsItAfterRemoval() {
        KeycloakOnboarding.User owner = owner("Keeps Role");
        KeycloakOnboarding.User seller = KeycloakOnboarding.freshUser("seller");
        given().auth()
                .oauth2(owner.token())
                .contentType("application/json")
                .body(Map.of("username", seller.username()))
                .when()
                .post("/api/v1/seller/shop/staff")
                .then()
                .statusCode(201)
                .body("grantedSeller", equalTo(false));
        given().auth()
                .oauth2(owner.token())
                .when()
                .delete("/api/v1/seller/shop/staff/" + seller.subject())
                .then()
                .statusCode(204);
        assertThat(KeycloakOnboarding.realmRoles(seller.subject())).contains("seller");
    }

    @Test
    void unknownUsersOwnersAndBadInputAreRefusedAndChangeNothing() {
        KeycloakOnboarding.User owner = owner("Careful Pots");
        String token = owner.token();
        KeycloakOnboarding.User other = owner("Other Pots");
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of("username", "nobody-" + owner.subject()))
                .when()
                .post("/api/v1/seller/shop/staff")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of("username", other.username()))
                .when()
                .post("/api/v1/seller/shop/staff")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://bazaar.dev/problems/staff-owns-a-shop"));
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of("username", owner.username()))
                .when()
                .post("/api/v1/seller/shop/staff")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://bazaar.dev/problems/staff-is-owner"));
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of("username", " "))
                .when()
                .post("/api/v1/seller/shop/staff")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body("{}")
                .when()
                .post("/api/v1/seller/shop/staff")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .when()
                .post("/api/v1/seller/shop/staff")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(token)
                .when()
                .get("/api/v1/seller/shop/staff")
                .then()
                .statusCode(200)
                .body("$", empty());
        assertThat(CatalogOutbox.payloads(pool, shopId(token), "ShopPolicyChanged"))
                .isEmpty();
        // wrong roles: a buyer, an admin, nobody
        given().auth()
                .oauth2(KeycloakOnboarding.freshUser("buyer").token())
                .contentType("application/json")
                .body(Map.of("username", other.username()))
                .when()
                .post("/api/v1/seller/shop/staff")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .get("/api/v1/seller/shop/staff")
                .then()
                .statusCode(403);
        given().when().get("/api/v1/seller/shop/staff").then().statusCode(401);
        // a seller without a shop has no staff to manage
        given().auth()
                .oauth2(KeycloakOnboarding.freshUser("seller").token())
                .when()
                .get("/api/v1/seller/shop/staff")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }
}
