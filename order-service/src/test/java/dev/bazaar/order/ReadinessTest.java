package dev.bazaar.order;

import static io.restassured.RestAssured.given;

import dev.bazaar.devstack.testing.Readiness;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReadinessTest {

    @Test
    void readyWithPostgresMongoAndKafkaConnected() {
        String health = given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Readiness.assertUpWith(health, "PostgreSQL", "MongoDB", "Kafka");
    }
}
