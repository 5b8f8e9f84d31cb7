package dev.bazaar.order;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import dev.bazaar.devstack.testing.KeycloakTokens;
import dev.bazaar.order.persistence.BuyerOrderViews;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BuyerOrderListTest {

    @Inject
    MongoClient mongo;

    @Inject
    dev.bazaar.order.service.Projector projector;

    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    UUID older = UUID.randomUUID();
    UUID newer = UUID.randomUUID();
    UUID carols = UUID.randomUUID();

    @BeforeEach
    void givenAliceHasTwoOrdersAndCarolOne() {
        String alice = KeycloakTokens.subject(KeycloakTokens.user("alice"));
        String carol = KeycloakTokens.subject(KeycloakTokens.user("carol"));
        // the live generation of the read model (a rebuild in another test may have switched it)
        String generation = projector.active().await().atMost(java.time.Duration.ofSeconds(5));
        MongoCollection<Document> views = mongo.getDatabase(database)
                .getCollection(
                        generation.isEmpty()
                                ? BuyerOrderViews.COLLECTION
                                : BuyerOrderViews.COLLECTION + "_" + generation);
        views.deleteMany(Filters.in("buyerSubject", List.of(alice, carol)));
        views.insertMany(List.of(
                order(older, alice, "2026-11-01T10:00:00Z", 1999),
                order(newer, alice, "2026-11-02T10:00:00Z", 4500),
                order(carols, carol, "2026-11-03T10:00:00Z", 100)));
    }

    @Test
    void anonymousCallerIsUnauthorized() {
        given().when().get("/api/v1/orders").then().statusCode(401);
    }

    @Test
    void sellerIsForbidden() {
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .when()
                .get("/api/v1/orders")
                .then()
                .statusCode(403);
    }

    @Test
    void buyerSeesOnlyTheirOwnOrdersNewestFirst() {
        given().auth()
                .oauth2(KeycloakTokens.user("alice"))
                .when()
                .get("/api/v1/orders")
                .then()
                .statusCode(200)
                .body("items.orderId", contains(newer.toString(), older.toString()))
                .body("items[0].total.amount", equalTo(4500))
                .body("items[0].total.currency", equalTo("USD"))
                .body("total", equalTo(2));
    }

    @Test
    void pagesAreCutByPageAndSize() {
        given().auth()
                .oauth2(KeycloakTokens.user("alice"))
                .when()
                .get("/api/v1/orders?page=1&size=1")
                .then()
                .statusCode(200)
                .body("items.orderId", contains(older.toString()))
                .body("page", equalTo(1))
                .body("size", equalTo(1))
                .body("total", equalTo(2));
    }

    @Test
    void aNegativePageIsABadRequest() {
        given().auth()
                .oauth2(KeycloakTokens.user("alice"))
                .when()
                .get("/api/v1/orders?page=-1")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("violations.field", hasItem("page"));
    }

    private static Document order(UUID id, String buyer, String placedAt, long amount) {
        return new Document("_id", id.toString())
                .append("buyerSubject", buyer)
                .append("status", "PAID")
                .append("placedAt", Date.from(Instant.parse(placedAt)))
                .append("total", new Document("amount", amount).append("currency", "USD"))
                .append("itemCount", 1);
    }
}
