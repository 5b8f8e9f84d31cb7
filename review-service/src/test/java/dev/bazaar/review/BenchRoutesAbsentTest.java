package dev.bazaar.review;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Without the load profile's flag (the default, and production's) the benchmark's seed and yardstick do not exist:
 * nobody can write reviews without a purchase or read the store around the public API.
 */
@QuarkusTest
class BenchRoutesAbsentTest extends ReviewDevstack {

    @Test
    void theBenchRoutesAreNotThereByDefault() {
        given().queryParam("product", UUID.randomUUID())
                .queryParam("shop", UUID.randomUUID())
                .queryParam("n", 1)
                .when()
                .post("/bench/seed/reviews")
                .then()
                .statusCode(404);
        given().queryParam("product", UUID.randomUUID())
                .when()
                .get("/bench/bare/reviews")
                .then()
                .statusCode(404);
    }
}
