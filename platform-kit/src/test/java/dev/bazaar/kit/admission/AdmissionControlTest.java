package dev.bazaar.kit.admission;

import static io.restassured.RestAssured.given;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The in-flight limit as every service has it: installed by the kit on the application's router, in front of the
 * REST layer (a limit of 2 here).
 */
@QuarkusTest
@TestProfile(AdmissionControlTest.TwoInFlight.class)
class AdmissionControlTest {

    public static class TwoInFlight implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bazaar.kit.admission.max-in-flight", "2");
        }
    }

    static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    AdmissionControl admission;

    @TestHTTPResource("/")
    URL base;

    static final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void releaseEverything() {
        HeldTestResource.releaseAll();
        await().atMost(WAIT).until(() -> admission.inFlight() == 0);
    }

    @Test
    void pastTheLimitARequestIsRefusedBeforeTheRestLayerReadsIt() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> held = hold(2);
        assertThat(admission.inFlight()).isEqualTo(2);

        given().header("Origin", "http://localhost:3000")
                .when()
                .get("/test/admission/held")
                .then()
                .statusCode(503)
                .header("Retry-After", "1")
                // after the CORS filter: a browser may read the refusal
                .header("Access-Control-Allow-Origin", "http://localhost:3000")
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://bazaar.dev/problems/busy"))
                .body("title", equalTo("Service unavailable"))
                .body("status", equalTo(503))
                .body("detail", equalTo("The service is busy; try again in a moment."));
        // a body the REST layer would refuse (400) is not read at all
        given().contentType("application/json")
                .body("{not json")
                .when()
                .post("/test/transfers")
                .then()
                .statusCode(503);
        assertThat(HeldTestResource.HELD)
                .as("refused requests never reached the resource")
                .hasSize(2);
        // Quarkus' own endpoints (health, metrics) answer whatever the load
        given().when().get("/q/metrics").then().statusCode(200);

        HeldTestResource.releaseAll();
        for (CompletableFuture<HttpResponse<String>> answer : held) {
            HttpResponse<String> response = answer.get(WAIT.toSeconds(), SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("released");
        }
        await().atMost(WAIT).until(() -> admission.inFlight() == 0);
        // admitted again: now the REST layer reads the body
        given().contentType("application/json")
                .body("{not json")
                .when()
                .post("/test/transfers")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void refusalsAreCountedAndRecordedUnderOneUri() throws Exception {
        double before = metric(metrics(), "bazaar_http_shed_total");
        hold(2);
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String path = "/test/transfers/" + UUID.randomUUID();
            paths.add(path);
            given().when().get(path).then().statusCode(503);
        }

        String metrics = metrics();
        assertThat(metric(metrics, "bazaar_http_shed_total")).isEqualTo(before + 3);
        assertThat(metric(metrics, "bazaar_http_in_flight")).isEqualTo(2);
        assertThat(metric(metrics, "bazaar_http_in_flight_max")).isEqualTo(2);
        assertThat(metrics)
                .containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"503\"[^}]*uri=\"/shed\"");
        for (String path : paths) {
            assertThat(metrics).as("one uri value per refused path").doesNotContain(path);
        }
    }

    @Test
    void aClientThatLeavesARestRequestGivesItsPlaceBack() throws Exception {
        // Quarkus cancels the request's Uni when its connection closes (and takes the response's close handler for
        // that): more clients leave than there are places, so a leak would fill the limit
        for (int i = 0; i < 3; i++) {
            int before = HeldTestResource.HELD.size();
            try (Socket socket = new Socket(base.getHost(), base.getPort())) {
                socket.getOutputStream()
                        .write("GET /test/admission/held HTTP/1.1\r\nHost: localhost\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                await().atMost(WAIT).until(() -> HeldTestResource.HELD.size() == before + 1);
                assertThat(admission.inFlight()).isEqualTo(1);
            }
            await().atMost(WAIT).until(() -> admission.inFlight() == 0);
        }
        HeldTestResource.HELD.clear(); // cancelled with their connections

        List<CompletableFuture<HttpResponse<String>>> held = hold(2);
        HeldTestResource.releaseAll();
        for (CompletableFuture<HttpResponse<String>> answer : held) {
            assertThat(answer.get(WAIT.toSeconds(), SECONDS).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void openEventStreamsTakeNoPlace() throws Exception {
        List<InputStream> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                HttpResponse<InputStream> stream = http.send(
                        HttpRequest.newBuilder(uri("/test/admission/stream"))
                                .header("Accept", "text/event-stream")
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                assertThat(stream.statusCode()).isEqualTo(200);
                open.add(stream.body());
            }
            assertThat(admission.inFlight()).isZero();

            List<CompletableFuture<HttpResponse<String>>> held = hold(2);
            assertThat(admission.inFlight()).isEqualTo(2);
            HeldTestResource.releaseAll();
            for (CompletableFuture<HttpResponse<String>> answer : held) {
                assertThat(answer.get(WAIT.toSeconds(), SECONDS).statusCode()).isEqualTo(200);
            }
        } finally {
            for (InputStream stream : open) {
                stream.close();
            }
        }
    }

    /** Sends {@code n} requests the resource holds and waits until it holds them all. */
    private List<CompletableFuture<HttpResponse<String>>> hold(int n) {
        int before = HeldTestResource.HELD.size();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            answers.add(http.sendAsync(
                    HttpRequest.newBuilder(uri("/test/admission/held")).build(), HttpResponse.BodyHandlers.ofString()));
        }
        await().atMost(WAIT).until(() -> HeldTestResource.HELD.size() == before + n);
        return answers;
    }

    private URI uri(String path) {
        return URI.create(base.toString()).resolve(path);
    }

    private static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** A metric's value (the first series of that name, its exemplar aside; 0 when there is none). */
    private static double metric(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([0-9.eE+-]+)( #.*)?$")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(2)) : 0;
    }
}
