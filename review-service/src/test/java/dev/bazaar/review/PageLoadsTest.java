package dev.bazaar.review;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.bazaar.contracts.messaging.ReviewEvent.Subject;
import dev.bazaar.review.domain.ReviewSort;
import dev.bazaar.review.service.PageLoads;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.junit.jupiter.api.Test;

/**
 * Overload is refused, not queued without end: with room for one page loading and one waiting, a burst of loads gets
 * the first two pages and a BulkheadException for the rest at once (the public read answers that as 503 problem+json
 * with Retry-After), and the next read after the burst is served again.
 */
@QuarkusTest
@TestProfile(PageLoadsTest.TinyBulkhead.class)
class PageLoadsTest extends ReviewDevstack {

    public static class TinyBulkhead implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "dev.bazaar.review.service.PageLoads/load/Bulkhead/value",
                    "1",
                    "dev.bazaar.review.service.PageLoads/load/Bulkhead/waitingTaskQueue",
                    "1");
        }
    }

    @Inject
    PageLoads loads;

    @Test
    void aBurstBeyondTheBoundIsRefusedAtOnceAndTheNextReadIsServed() {
        List<Uni<String>> burst = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            // all subscribed before the store answers the first: one loads, one waits, eight are refused
            burst.add(loads.load(Subject.PRODUCT, UUID.randomUUID(), null, ReviewSort.NEWEST, null, 20)
                    .map(page -> "served")
                    .onFailure(BulkheadException.class)
                    .recoverWithItem("refused"));
        }
        List<String> outcomes =
                Uni.join().all(burst).andCollectFailures().await().atMost(Duration.ofSeconds(10));
        assertThat(outcomes).containsOnly("served", "refused");
        assertThat(outcomes.stream().filter("served"::equals).count()).isEqualTo(2);

        // the public read answers a refusal as 503 problem+json with Retry-After; here, quiet again, it is served
        given().when()
                .get("/api/v1/products/" + UUID.randomUUID() + "/reviews")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
    }

    @Test
    void theRefusalReachesTheCallerAsA503WithRetryAfter() throws Exception {
        // 20 first pages of new products (each a cache miss) asked at once, without waiting for one another
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            burst.add(http.sendAsync(
                    HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/v1/products/"
                                    + UUID.randomUUID() + "/reviews"))
                            .build(),
                    BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> f : burst) {
            answers.add(f.get(10, TimeUnit.SECONDS));
        }
        assertThat(answers)
                .extracting(HttpResponse::statusCode)
                .containsOnly(200, 503)
                .contains(503);
        for (HttpResponse<String> refused :
                answers.stream().filter(a -> a.statusCode() == 503).toList()) {
            assertThat(refused.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(refused.body()).contains("https://bazaar.dev/problems/busy");
        }
    }
}
