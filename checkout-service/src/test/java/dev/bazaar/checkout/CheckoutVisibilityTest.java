package dev.bazaar.checkout;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import dev.bazaar.devstack.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CheckoutVisibilityTest {

    @Inject
    Pool pool;

    UUID alicesCheckout;

    @BeforeEach
    void givenAliceHasAQuotedCheckout() {
        alicesCheckout = UUID.randomUUID();
        String alice = KeycloakTokens.subject(KeycloakTokens.user("alice"));
        pool.preparedQuery("INSERT INTO checkout_session (id, buyer_subject, status) VALUES ($1, $2, 'QUOTED')")
                .execute(Tuple.of(alicesCheckout, alice))
                .await()
                .indefinitely();
    }

    @Test
    void anonymousCallerIsUnauthorized() {
        given().when().get("/api/v1/checkouts/" + alicesCheckout).then().statusCode(401);
    }

    @Test
    void sellerIsForbidden() {
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .when()
                .get("/api/v1/checkouts/" + alicesCheckout)
                .then()
                .statusCode(403);
    }

    @Test
    void buyerSeesTheirOwnCheckout() {
        given().auth()
                .oauth2(KeycloakTokens.user("alice"))
                .when()
                .get("/api/v1/checkouts/" + alicesCheckout)
                .then()
                .statusCode(200)
                .body("id", equalTo(alicesCheckout.toString()))
                .body("status", equalTo("QUOTED"));
    }

    @Test
    void anotherBuyersCheckoutIsNotFoundSoItsExistenceIsNotLeaked() {
        given().auth()
                .oauth2(KeycloakTokens.user("carol"))
                .when()
                .get("/api/v1/checkouts/" + alicesCheckout)
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://bazaar.dev/problems/not-found"));
    }

    @Test
    void aMalformedIdIsABadRequest() {
        given().auth()
                .oauth2(KeycloakTokens.user("alice"))
                .when()
                .get("/api/v1/checkouts/not-a-uuid")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("violations.field", hasItem("id"));
    }
}
