package dev.bazaar.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.devstack.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The checkout's quotes and the carts' cache misses ask the variant lookup in bursts. It reads the variants in a
 * Hibernate session and resolves the commission rates on the pool; while both ran inside one session, every session
 * held a connection and waited for a second one, so a burst larger than the pool stalled the lookup for good (#28: at
 * 50 quotes/s, 444 of 500 quotes timed out with the catalog idle); the seller's commission page read the same way. With a pool of four connections (the leader's lease and the relay hold some) and 24 lookups at
 * once, each must still be answered.
 */
@QuarkusTest
@TestProfile(VariantLookupUnderBurstTest.FourConnections.class)
class VariantLookupUnderBurstTest {

    public static class FourConnections implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.max-size", "4");
        }
    }

    @Inject
    Pool pool;

    @Test
    void aBurstLargerThanThePoolIsAnsweredInFull() throws Exception {
        List<String> variants = CatalogFixtures.freshShopWithProduct(
                pool, "headphones", "Studio headphones", 12900, 350, CatalogFixtures.stock("HP-1", 8, "HP-2", 3));
        String token = KeycloakTokens.service();
        // a thread per request: the common pool has one thread on a 2-core machine, which would send them one by one
        ExecutorService clients = Executors.newFixedThreadPool(24);
        for (int round = 0; round < 3; round++) {
            List<CompletableFuture<Integer>> burst = IntStream.range(0, 24)
                    .mapToObj(i -> CompletableFuture.supplyAsync(
                            () -> given().auth()
                                    .oauth2(token)
                                    .contentType("application/json")
                                    .body(Map.of("variantIds", variants))
                                    .when()
                                    .post("/api/v1/internal/variants/lookup")
                                    .then()
                                    .statusCode(200)
                                    .extract()
                                    .<List<Object>>path("items")
                                    .size(),
                            clients))
                    .toList();
            for (CompletableFuture<Integer> answer : burst) {
                assertThat(answer.get(20, TimeUnit.SECONDS))
                        .as("both variants answered")
                        .isEqualTo(2);
            }
        }
        clients.shutdown();
    }

    @Test
    void aBurstOfSellersReadingTheirCommissionIsAnsweredInFull() throws Exception {
        CatalogFixtures.freshShopWithProduct(
                pool, "headphones", "Studio headphones", 12900, 350, CatalogFixtures.stock("HP-1", 8));
        String bob = KeycloakTokens.user("bob");
        ExecutorService clients = Executors.newFixedThreadPool(24);
        List<CompletableFuture<Integer>> burst = IntStream.range(0, 24)
                .mapToObj(i -> CompletableFuture.supplyAsync(
                        () -> given().auth()
                                .oauth2(bob)
                                .when()
                                .get("/api/v1/seller/commission")
                                .then()
                                .statusCode(200)
                                .extract()
                                .<List<Object>>path("categories")
                                .size(),
                        clients))
                .toList();
        for (CompletableFuture<Integer> answer : burst) {
            assertThat(answer.get(20, TimeUnit.SECONDS))
                    .as("every category's rate")
                    .isPositive();
        }
        clients.shutdown();
    }
}
