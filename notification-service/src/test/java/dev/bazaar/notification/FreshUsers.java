package dev.bazaar.notification;

import static io.restassured.RestAssured.given;

import dev.bazaar.devstack.testing.KeycloakTokens;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * New users in the test realm, made through Keycloak's admin API (the test Keycloak's bootstrap admin, admin/admin: a
 * devstack credential), so a test that mutes emails never changes what bob or alice receive in other tests. Each has
 * its own mailbox ({@code <username>@bazaar.test}), one realm role, and password = user name like every dev user
 * ({@link KeycloakTokens#user(String)} signs in as them).
 */
final class FreshUsers {

    /** A user made for one test. */
    record User(String username, String subject, String email) {}

    private FreshUsers() {}

    /** A new user with realm role {@code role} (seller or buyer). */
    static User create(String role) {
        String username = "nt-" + role + "-" + UUID.randomUUID().toString().substring(0, 12);
        String keycloak = KeycloakTokens.url();
        String admin = given().formParam("grant_type", "password")
                .formParam("client_id", "admin-cli")
                .formParam("username", "admin")
                .formParam("password", "admin")
                .when()
                .post(keycloak + "/realms/master/protocol/openid-connect/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        Response created = given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(Map.of(
                        "username",
                        username,
                        "enabled",
                        true,
                        "email",
                        username + "@bazaar.test",
                        "emailVerified",
                        true,
                        "firstName",
                        "Nora",
                        "lastName",
                        "Test " + role,
                        "credentials",
                        List.of(Map.of("type", "password", "value", username, "temporary", false))))
                .when()
                .post(keycloak + "/admin/realms/bazaar/users");
        created.then().statusCode(201);
        String location = created.header("Location");
        String subject = location.substring(location.lastIndexOf('/') + 1);
        Map<?, ?> realmRole = given().auth()
                .oauth2(admin)
                .when()
                .get(keycloak + "/admin/realms/bazaar/roles/" + role)
                .then()
                .statusCode(200)
                .extract()
                .as(Map.class);
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(List.of(realmRole))
                .when()
                .post(keycloak + "/admin/realms/bazaar/users/" + subject + "/role-mappings/realm")
                .then()
                .statusCode(204);
        return new User(username, subject, username + "@bazaar.test");
    }
}
