package dev.bazaar.catalog;

import static io.restassured.RestAssured.given;

import dev.bazaar.devstack.testing.KeycloakTokens;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Test fixtures on the running test Keycloak, through its admin API as the bootstrap admin (master realm,
 * admin/admin: a devstack credential). {@link #ensureClient()} makes catalog's {@code bazaar-onboarding} client as the
 * realm file declares it (secret, audience mapper, manage-users; a Keycloak that imported the realm before #27 lacks
 * it until it re-imports on a restart), idempotently; {@link #freshUser(String)} makes a user of its own for one
 * test, so an application or a granted role never leaks into another test.
 */
public final class KeycloakOnboarding {

    private KeycloakOnboarding() {}

    /** The {@code bazaar-onboarding} client with its secret, and its service account with manage-users only. */
    public static synchronized void ensureClient() {
        String admin = adminToken();
        String realm = realm();
        List<Map<String, Object>> found = given().auth()
                .oauth2(admin)
                .queryParam("clientId", "bazaar-onboarding")
                .when()
                .get(realm + "/clients")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        if (found.isEmpty()) {
            given().auth()
                    .oauth2(admin)
                    .contentType("application/json")
                    .body(Map.of(
                            "clientId",
                            "bazaar-onboarding",
                            "enabled",
                            true,
                            "publicClient",
                            false,
                            "clientAuthenticatorType",
                            "client-secret",
                            "secret",
                            "bazaar-onboarding-secret",
                            "standardFlowEnabled",
                            false,
                            "directAccessGrantsEnabled",
                            false,
                            "serviceAccountsEnabled",
                            true))
                    .when()
                    .post(realm + "/clients")
                    .then()
                    .statusCode(201);
            found = given().auth()
                    .oauth2(admin)
                    .queryParam("clientId", "bazaar-onboarding")
                    .when()
                    .get(realm + "/clients")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("$");
        }
        String client = (String) found.getFirst().get("id");
        // like every client of the realm, its tokens name the bazaar-api audience (the realm file's mapper)
        List<String> mappers = given().auth()
                .oauth2(admin)
                .when()
                .get(realm + "/clients/" + client + "/protocol-mappers/models")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("name");
        if (!mappers.contains("bazaar-api-audience")) {
            given().auth()
                    .oauth2(admin)
                    .contentType("application/json")
                    .body(Map.of(
                            "name",
                            "bazaar-api-audience",
                            "protocol",
                            "openid-connect",
                            "protocolMapper",
                            "oidc-audience-mapper",
                            "config",
                            Map.of(
                                    "included.custom.audience",
                                    "bazaar-api",
                                    "access.token.claim",
                                    "true",
                                    "id.token.claim",
                                    "false",
                                    "introspection.token.claim",
                                    "true")))
                    .when()
                    .post(realm + "/clients/" + client + "/protocol-mappers/models")
                    .then()
                    .statusCode(201);
        }
        String account = given().auth()
                .oauth2(admin)
                .when()
                .get(realm + "/clients/" + client + "/service-account-user")
                .then()
                .statusCode(200)
                .extract()
                .path("id");
        String mgmt = given().auth()
                .oauth2(admin)
                .queryParam("clientId", "realm-management")
                .when()
                .get(realm + "/clients")
                .then()
                .statusCode(200)
                .extract()
                .path("[0].id");
        Map<?, ?> manageUsers = given().auth()
                .oauth2(admin)
                .when()
                .get(realm + "/clients/" + mgmt + "/roles/manage-users")
                .then()
                .statusCode(200)
                .extract()
                .as(Map.class);
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(List.of(manageUsers))
                .when()
                .post(realm + "/users/" + account + "/role-mappings/clients/" + mgmt)
                .then()
                .statusCode(204);
    }

    /** A user made for one test. */
    public record User(String username, String subject) {
        /** A new password-grant token (never cached: the test wants the roles as Keycloak has them now). */
        public String token() {
            return given().formParam("grant_type", "password")
                    .formParam("client_id", "bazaar-web")
                    .formParam("username", username)
                    .formParam("password", username)
                    .formParam("scope", "openid")
                    .when()
                    .post(KeycloakTokens.tokenEndpoint())
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("access_token");
        }
    }

    /** A new user with realm role {@code role}; password = user name, like every dev user. */
    public static User freshUser(String role) {
        String username = "cat-" + role + "-" + UUID.randomUUID().toString().substring(0, 12);
        String admin = adminToken();
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
                        "Ona",
                        "lastName",
                        "Applicant",
                        "credentials",
                        List.of(Map.of("type", "password", "value", username, "temporary", false))))
                .when()
                .post(realm() + "/users");
        created.then().statusCode(201);
        String location = created.header("Location");
        String subject = location.substring(location.lastIndexOf('/') + 1);
        Map<?, ?> realmRole = given().auth()
                .oauth2(admin)
                .when()
                .get(realm() + "/roles/" + role)
                .then()
                .statusCode(200)
                .extract()
                .as(Map.class);
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(List.of(realmRole))
                .when()
                .post(realm() + "/users/" + subject + "/role-mappings/realm")
                .then()
                .statusCode(204);
        return new User(username, subject);
    }

    /** The realm roles Keycloak maps to the user directly (not through composites). */
    public static List<String> realmRoles(String subject) {
        return given().auth()
                .oauth2(adminToken())
                .when()
                .get(realm() + "/users/" + subject + "/role-mappings/realm")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("name");
    }

    private static String realm() {
        return KeycloakTokens.url() + "/admin/realms/bazaar";
    }

    private static String adminToken() {
        return given().formParam("grant_type", "password")
                .formParam("client_id", "admin-cli")
                .formParam("username", "admin")
                .formParam("password", "admin")
                .when()
                .post(KeycloakTokens.url() + "/realms/master/protocol/openid-connect/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }
}
