package dev.bazaar.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Public search and suggestions are limited per client address (real Redis counters, shared by replicas); a flood is
 * refused with 429 problem+json and Retry-After, a claimed X-Forwarded-For does not help (no proxy is trusted in
 * tests), and long or many-filter queries are bounded.
 */
@QuarkusTest
class SearchLimitsTest {

    @Inject
    RedisDataSource redis;

    @AfterEach
    void reset() {
        redis.key().del("limit:search:127.0.0.1", "limit:suggest:127.0.0.1");
    }

    @Test
    void aFloodFromOneAddressGets429WithRetryAfter() {
        reset();
        int limit = 1000; // %test.bazaar.catalog.search-limit.per-ip, per 10 s
        // as if this address had searched limit - 5 times in this window already
        redis.value(String.class).setex("limit:search:127.0.0.1", 10, Integer.toString(limit - 5));
        for (int i = 0; i < 5; i++) {
            given().queryParam("q", "sneaker")
                    .when()
                    .get("/api/v1/products")
                    .then()
                    .statusCode(200);
        }
        given().queryParam("q", "sneaker")
                .when()
                .get("/api/v1/products")
                .then()
                .statusCode(429)
                .contentType(startsWith("application/problem+json"))
                .header("Retry-After", matchesPattern("[1-9][0-9]?"))
                .body("detail", containsString("searches from one address"));
        // claiming another address changes nothing: the peer is the client unless it is a trusted proxy
        given().header("X-Forwarded-For", "203.0.113.77")
                .queryParam("q", "sneaker")
                .when()
                .get("/api/v1/products")
                .then()
                .statusCode(429);
        // suggestions have their own allowance, and product pages are not limited
        given().queryParam("q", "snea")
                .when()
                .get("/api/v1/products/suggest")
                .then()
                .statusCode(200);
    }

    @Test
    void suggestionsAreLimitedToo() {
        redis.value(String.class).setex("limit:suggest:127.0.0.1", 10, "100000");
        given().queryParam("q", "snea")
                .when()
                .get("/api/v1/products/suggest")
                .then()
                .statusCode(429)
                .header("Retry-After", matchesPattern("[1-9][0-9]*"));
    }

    @Test
    void tooManyAttributeFiltersAreBadInput() {
        var request = given();
        for (int i = 0; i < 11; i++) {
            request = request.queryParam("attr.a" + i, "x");
        }
        request.when()
                .get("/api/v1/products")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"));
        given().queryParam("q", "an extremely long query with many words that is not fuzzy any more at all")
                .when()
                .get("/api/v1/products")
                .then()
                .statusCode(200);
    }
}
