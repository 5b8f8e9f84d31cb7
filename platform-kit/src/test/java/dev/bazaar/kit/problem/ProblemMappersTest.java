package dev.bazaar.kit.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProblemMappersTest {

    @Test
    void fieldViolationsAreListedInAProblem() {
        given().header("Idempotency-Key", "k-" + System.nanoTime())
                .contentType("application/json")
                .body(Map.of("to", "", "amount", 0))
                .when()
                .post("/test/transfers")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://bazaar.dev/problems/validation"))
                .body("title", equalTo("Invalid request"))
                .body("status", equalTo(400))
                .body("violations.field", containsInAnyOrder("amount", "to"));
    }

    @Test
    void anUnexpectedErrorLeaksNothingButAnErrorId() {
        given().contentType("application/json")
                .body(Map.of("to", "x", "amount", 1))
                .when()
                .post("/test/transfers/explode")
                .then()
                .statusCode(500)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://bazaar.dev/problems/internal"))
                .body("errorId", notNullValue())
                .body(not(containsString("hunter2")))
                .body(not(containsString("IllegalStateException")))
                .body(not(containsString("at dev.bazaar")));
    }

    @Test
    void aFullStorePoolIsABusyRefusalWithRetryAfterNotAnInternalError() {
        given().contentType("application/json")
                .body(Map.of("to", "x", "amount", 1))
                .when()
                .post("/test/transfers/busy")
                .then()
                .statusCode(503)
                .contentType(startsWith("application/problem+json"))
                .header("Retry-After", equalTo("1"))
                .body("type", equalTo("https://bazaar.dev/problems/busy"))
                .body("errorId", org.hamcrest.Matchers.nullValue())
                .body(not(containsString("wait queue")));
    }

    @Test
    void aBodyOverTheCapIsRefused() {
        given().header("Idempotency-Key", "k-" + System.nanoTime())
                .contentType("application/json")
                .body(Map.of("to", "x".repeat(4096), "amount", 1))
                .when()
                .post("/test/transfers")
                .then()
                .statusCode(413)
                .contentType(org.hamcrest.Matchers.startsWith("application/problem+json"))
                .body("type", org.hamcrest.Matchers.equalTo("https://bazaar.dev/problems/payload-too-large"));
    }

    @Test
    void malformedJsonIsABadRequestProblem() {
        given().header("Idempotency-Key", "k-" + System.nanoTime())
                .contentType("application/json")
                .body("{\"to\": ")
                .when()
                .post("/test/transfers")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"));
    }
}
