package dev.bazaar.system;

import static io.restassured.RestAssured.given;

import dev.bazaar.devstack.testing.KeycloakTokens;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;

/**
 * A new buyer in the dev realm for each {@code bin/bazaar demo} run, made through Keycloak's admin API (the dev
 * Keycloak's bootstrap admin, admin/admin). Payment's fraud rules count attempts per buyer (5 in 10 minutes): a buyer
 * of the demo's own pays once, so any number of runs in a row never trips them, whatever alice did by hand before.
 * Password = user name, like every dev user.
 */
final class DemoBuyer {

    private DemoBuyer() {}

    /** Creates the user with the realm role {@code buyer}; answers its user name. */
    static String create(String username) {
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
                        "Demo",
                        "lastName",
                        "Buyer " + username,
                        "credentials",
                        List.of(Map.of("type", "password", "value", username, "temporary", false))))
                .when()
                .post(keycloak + "/admin/realms/bazaar/users");
        created.then().statusCode(201);
        String location = created.header("Location");
        String userId = location.substring(location.lastIndexOf('/') + 1);
        Map<String, Object> buyerRole = given().auth()
                .oauth2(admin)
                .when()
                .get(keycloak + "/admin/realms/bazaar/roles/buyer")
                .then()
                .statusCode(200)
                .extract()
                .as(Map.class);
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(List.of(buyerRole))
                .when()
                .post(keycloak + "/admin/realms/bazaar/users/" + userId + "/role-mappings/realm")
                .then()
                .statusCode(204);
        return username;
    }
}
