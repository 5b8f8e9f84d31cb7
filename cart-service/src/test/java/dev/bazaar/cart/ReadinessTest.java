package dev.bazaar.cart;

import static io.restassured.RestAssured.given;

import dev.bazaar.devstack.testing.Readiness;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReadinessTest {

    @Test
    void readyWithRedisAndKafkaConnected() {
        String health = given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Readiness.assertUpWith(health, "Redis", "Kafka");
    }
}
