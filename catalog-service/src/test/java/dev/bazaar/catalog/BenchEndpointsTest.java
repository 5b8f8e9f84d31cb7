package dev.bazaar.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The yardsticks of bench/run (load profile only): the bare search hands OpenSearch's answer back as it came, and the
 * bare reservation update holds and releases one unit — stock is unchanged afterwards, however many run at once, and
 * a variant without stock is never released below zero.
 */
@QuarkusTest
@TestProfile(BenchEndpointsTest.LoadProfile.class)
class BenchEndpointsTest {

    public static class LoadProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bazaar.catalog.bench-endpoints", "true");
        }
    }

    @Inject
    Pool pool;

    @Test
    void theBareReservationUpdateLeavesStockAsItFoundIt() {
        List<String> variants = CatalogFixtures.freshShopWithProduct(
                pool, "sneakers", "Runner", 5000, 500, CatalogFixtures.stock("B-3", 3, "B-0", 0));

        List<CompletableFuture<Integer>> racers = IntStream.range(0, 24)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> given().queryParam("variant", variants.get(0))
                        .when()
                        .post("/bench/bare/reserve")
                        .then()
                        .statusCode(200)
                        .extract()
                        .<Integer>path("held")))
                .toList();
        int held = racers.stream().mapToInt(CompletableFuture::join).sum();
        assertThat(held).isBetween(1, 24);
        assertThat(stock(variants.get(0))).containsExactly(3, 0);

        given().queryParam("variant", variants.get(1))
                .when()
                .post("/bench/bare/reserve")
                .then()
                .statusCode(200)
                .body("held", equalTo(0));
        assertThat(stock(variants.get(1))).containsExactly(0, 0);

        given().queryParam("variant", "not-a-uuid")
                .when()
                .post("/bench/bare/reserve")
                .then()
                .statusCode(400);
    }

    @Test
    void theBareSearchReturnsOpenSearchsAnswer() {
        given().queryParam("source", "{\"size\":0,\"track_total_hits\":true,\"query\":{\"match_all\":{}}}")
                .when()
                .get("/bench/bare/search")
                .then()
                .statusCode(200)
                .body("hits.total.value", greaterThanOrEqualTo(0));
        given().queryParam("source", "not json")
                .when()
                .get("/bench/bare/search")
                .then()
                .statusCode(400);
    }

    private List<Integer> stock(String variant) {
        Row r = pool.preparedQuery("SELECT on_hand, reserved FROM inventory WHERE variant_id = $1")
                .execute(Tuple.of(UUID.fromString(variant)))
                .await()
                .indefinitely()
                .iterator()
                .next();
        return List.of(r.getInteger("on_hand"), r.getInteger("reserved"));
    }
}
