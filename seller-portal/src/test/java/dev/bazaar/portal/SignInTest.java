package dev.bazaar.portal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Every page needs a signed-in user: an anonymous visit is sent to Keycloak's login with the portal's client. */
@QuarkusTest
class SignInTest {

    @Test
    void anAnonymousVisitIsSentToTheKeycloakLogin() {
        for (String page : new String[] {"/", "/products", "/orders", "/payouts", "/admin", "/onboarding"}) {
            given().redirects()
                    .follow(false)
                    .when()
                    .get(page)
                    .then()
                    .statusCode(302)
                    .header(
                            "Location",
                            allOf(
                                    containsString("/realms/bazaar/protocol/openid-connect/auth"),
                                    containsString("client_id=seller-portal"),
                                    containsString("response_type=code")));
        }
    }

    @Test
    void aFormPostedWithoutASessionChangesNothingAndIsSentToSignIn() {
        given().redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("name", "x")
                .when()
                .post("/onboarding")
                .then()
                .statusCode(302);
    }

    @Test
    void healthAndTheSignedOutPageArePublic() {
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/signed-out").then().statusCode(200).body(containsString("You are signed out"));
    }
}
