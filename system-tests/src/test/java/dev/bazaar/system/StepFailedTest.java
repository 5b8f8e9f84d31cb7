package dev.bazaar.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.bazaar.system.Platform.Service;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a failed demo step tells the user, against a real HTTP server answering as the services do: the step, the call
 * (method, URL), its status, the problem+json type and detail, the failed check and what to do next.
 */
class StepFailedTest {

    static HttpServer server;
    static String base;

    @BeforeAll
    static void aServerAnsweringLikeCheckout() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/checkouts/c1/confirm", x -> answer(x, 402, "application/problem+json", """
                {"type":"https://bazaar.dev/problems/payment-blocked","title":"Payment blocked","status":402,\
                "detail":"The payment was blocked by fraud checks; nothing was charged.",\
                "instance":"/api/v1/checkouts/c1"}"""));
        server.createContext(
                "/api/v1/checkouts", x -> answer(x, 503, "application/problem+json", """
                {"type":"https://bazaar.dev/problems/checkout-busy","title":"Busy","status":503,\
                "detail":"50 checkouts are running: try again shortly."}""", "Retry-After", "2"));
        server.createContext("/api/v1/orders/o1", x -> answer(x, 200, "application/json", "{\"status\":\"PAID\"}"));
        server.start();
        base = "http://localhost:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static void answer(
            com.sun.net.httpserver.HttpExchange x, int status, String type, String body, String... headers)
            throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", type);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            x.getResponseHeaders().add(headers[i], headers[i + 1]);
        }
        x.sendResponseHeaders(status, b.length);
        try (OutputStream o = x.getResponseBody()) {
            o.write(b);
        }
    }

    private Journey journey(String url) {
        return new Journey(
                s -> url,
                new java.io.PrintStream(OutputStream.nullOutputStream()),
                "buyer-test",
                service -> "bin/bazaar logs " + service);
    }

    @Test
    void aRefusedPaymentNamesTheStepTheCallTheStatusTheDetailAndWhatToDoNext() {
        Journey journey = journey(base);
        StepFailed failed = catchThrowableOfType(
                StepFailed.class,
                () -> journey.step(
                        "2b. buyer-test confirms",
                        () -> given().contentType("application/json")
                                .body("{}")
                                .when()
                                .post(journey.url(Service.CHECKOUT, "/api/v1/checkouts/c1/confirm"))
                                .then()
                                .statusCode(200)));
        String report = failed.report();
        assertThat(report)
                .contains("step     2b. buyer-test confirms")
                .contains("call     POST " + base + "/api/v1/checkouts/c1/confirm")
                .contains("status   402 (application/problem+json")
                .contains("problem  https://bazaar.dev/problems/payment-blocked — Payment blocked")
                .contains("detail   The payment was blocked by fraud checks; nothing was charged.")
                .contains("Expected status code <200> but was <402>")
                .contains("next     payment's fraud rules blocked the payment")
                .contains("bin/bazaar logs payment");
        assertThat(failed.getMessage()).isEqualTo(report);
    }

    @Test
    void aBusyServiceSaysHowLongToWait() {
        Journey journey = journey(base);
        StepFailed failed = catchThrowableOfType(
                StepFailed.class,
                () -> journey.step(
                        "2b. quote",
                        () -> given().when()
                                .post(journey.url(Service.CHECKOUT, "/api/v1/checkouts"))
                                .then()
                                .statusCode(201)));
        assertThat(failed.report())
                .contains("status   503")
                .contains("detail   50 checkouts are running")
                .contains("(Retry-After: 2 s)");
    }

    @Test
    void aServiceThatIsNotRunningIsNamedWithTheCommandsThatStartItAndShowItsLog() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Journey journey = journey("http://localhost:" + closed);
        StepFailed failed = catchThrowableOfType(
                StepFailed.class,
                () -> journey.step(
                        "1a. bob opens a shop",
                        () -> given().when()
                                .get(journey.url(Service.CATALOG, "/api/v1/seller/shop"))
                                .then()
                                .statusCode(200)));
        assertThat(failed.report())
                .contains("call     GET http://localhost:" + closed + "/api/v1/seller/shop")
                .contains("status   no answer (")
                .contains("does not answer on port " + closed)
                .contains("bin/bazaar up");
    }

    @Test
    void aWaitThatRunsOutShowsTheLastPollAndPointsAtTheEventsBetweenServices() {
        Journey journey = journey(base);
        StepFailed failed = catchThrowableOfType(
                StepFailed.class,
                () -> journey.step("2c. the order is DELIVERED", () -> {
                    await().atMost(Duration.ofMillis(600))
                            .pollInterval(Duration.ofMillis(100))
                            .until(() -> "DELIVERED"
                                    .equals(given().when()
                                            .get(journey.url(Service.ORDER, "/api/v1/orders/o1"))
                                            .then()
                                            .statusCode(200)
                                            .extract()
                                            .path("status")));
                    return null;
                }));
        assertThat(failed.report())
                .contains("last call GET " + base + "/api/v1/orders/o1")
                .contains("status   200")
                .contains("was not fulfilled within")
                .contains("travels between services over Kafka");
    }

    @Test
    void aCheckThatFailsBeforeAnyCallSaysSo() {
        Journey journey = journey(base);
        StepFailed failed = catchThrowableOfType(
                StepFailed.class,
                () -> journey.step("3c. payouts", () -> {
                    throw new AssertionError("[bob's payout, to the cent] expected: 1200 but was: 1100");
                }));
        assertThat(failed.report())
                .contains("step     3c. payouts")
                .contains("check    [bob's payout, to the cent] expected: 1200 but was: 1100")
                .doesNotContain("call ");
    }
}
