package dev.bazaar.payment;

import dev.bazaar.devstack.testing.KeycloakTokens;
import io.restassured.response.Response;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * Users made for one test on the running test Keycloak, through its admin API as the bootstrap admin (master realm,
 * admin/admin: a devstack credential): a shop's staff member as catalog leaves them after an invitation — a user of
 * their own with the {@code seller} realm role — so a staff right never leaks into another test.
 */
final class FreshSellers {

    private FreshSellers() {
    }

    /** A user made for one test; password = user name, like every dev user. */
    record User(String username, String subject) {
        /** A new password-grant token with the roles Keycloak maps now. */
        String token() {
            return given().formParam("grant_type", "password").formParam("client_id", "bazaar-web")
                    .formParam("username", username).formParam("password", username).formParam("scope", "openid")
                    .when().post(KeycloakTokens.tokenEndpoint()).then().statusCode(200).extract().path("access_token");
        }
    }

    /** A new user with the realm role {@code seller}. */
    static User seller() {
        String username = "pay-staff-" + UUID.randomUUID().toString().substring(0, 12);
        String admin = given().formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", "admin").formParam("password", "admin")
                .when().post(KeycloakTokens.url() + "/realms/master/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
        String realm = KeycloakTokens.url() + "/admin/realms/bazaar";
        Response created = given().auth().oauth2(admin).contentType("application/json")
                .body(Map.of("username", username, "enabled", true, "email", username + "@bazaar.test",
                        "emailVerified", true, "firstName", "Stan", "lastName", "Staff",
                        "credentials", List.of(Map.of("type", "password", "value", username, "temporary", false))))
                .when().post(realm + "/users");
        created.then().statusCode(201);
        String location = created.header("Location");
        String subject = location.substring(location.lastIndexOf('/') + 1);
        Map<?, ?> seller = given().auth().oauth2(admin).when().get(realm + "/roles/seller")
                .then().statusCode(200).extract().as(Map.class);
        given().auth().oauth2(admin).contentType("application/json").body(List.of(seller))
                .when().post(realm + "/users/" + subject + "/role-mappings/realm").then().statusCode(204);
        return new User(username, subject);
    }
}
