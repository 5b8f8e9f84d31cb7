package dev.bazaar.order;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.bazaar.devstack.testing.KeycloakTokens;
import dev.bazaar.order.persistence.BuyerOrderViews;
import dev.bazaar.order.persistence.SellerOrderViews;
import dev.bazaar.order.service.Projector;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admins' order search over the read models: by id, buyer, shop and placed date, paged by cursor; sellers and
 * buyers refused, malformed parameters a 400 problem.
 */
@QuarkusTest
class AdminOrderSearchTest {

    @Inject
    MongoClient mongo;

    @Inject
    Projector projector;

    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    // buyers and shops of this test only (random), so other tests' orders never match
    final String buyerA = "search-buyer-" + UUID.randomUUID();
    final String buyerB = "search-buyer-" + UUID.randomUUID();
    final UUID shop1 = UUID.randomUUID();
    final UUID shop2 = UUID.randomUUID();
    final UUID first = UUID.randomUUID();
    final UUID second = UUID.randomUUID();
    final UUID third = UUID.randomUUID();

    @BeforeEach
    void givenThreeOrdersOfTwoBuyersFromTwoShops() {
        String generation = projector.active().await().atMost(Duration.ofSeconds(5));
        MongoDatabase db = mongo.getDatabase(database);
        String suffix = generation.isEmpty() ? "" : "_" + generation;
        var buyers = db.getCollection(BuyerOrderViews.COLLECTION + suffix);
        var sellers = db.getCollection(SellerOrderViews.COLLECTION + suffix);
        buyers.insertMany(List.of(
                order(first, buyerA, "2031-03-01T10:00:00Z"),
                order(second, buyerA, "2031-03-02T23:59:59Z"),
                order(third, buyerB, "2031-03-03T00:00:00Z")));
        sellers.deleteMany(Filters.in("shopId", List.of(shop1.toString(), shop2.toString())));
        sellers.insertMany(List.of(
                group(first, shop1, "2031-03-01T10:00:00Z"),
                group(second, shop1, "2031-03-02T23:59:59Z"),
                group(second, shop2, "2031-03-02T23:59:59Z"),
                group(third, shop2, "2031-03-03T00:00:00Z")));
    }

    @Test
    void adminFindsAnOrderByIdWithItsShops() {
        admin().queryParam("orderId", second.toString())
                .when()
                .get("/api/v1/admin/orders")
                .then()
                .statusCode(200)
                .body("items.orderId", contains(second.toString()))
                .body("items[0].buyerSubject", equalTo(buyerA))
                .body("items[0].total.amount", equalTo(2500))
                .body("items[0].shops.shopId", containsInAnyOrder(shop1.toString(), shop2.toString()))
                .body("nextCursor", nullValue());
    }

    @Test
    void adminFindsABuyersOrdersNewestFirst() {
        admin().queryParam("buyer", buyerA)
                .when()
                .get("/api/v1/admin/orders")
                .then()
                .statusCode(200)
                .body("items.orderId", contains(second.toString(), first.toString()));
    }

    @Test
    void adminFindsAShopsOrdersAndMayNarrowThemToABuyer() {
        admin().queryParam("shopId", shop2.toString())
                .when()
                .get("/api/v1/admin/orders")
                .then()
                .statusCode(200)
                .body("items.orderId", contains(third.toString(), second.toString()));
        admin().queryParam("shopId", shop2.toString())
                .queryParam("buyer", buyerB)
                .when()
                .get("/api/v1/admin/orders")
                .then()
                .statusCode(200)
                .body("items.orderId", contains(third.toString()));
    }

    @Test
    void adminFindsOrdersByPlacedDateBothDaysIncluded() {
        admin().queryParam("buyer", buyerA)
                .queryParam("from", "2031-03-02")
                .queryParam("to", "2031-03-02")
                .when()
                .get("/api/v1/admin/orders")
                .then()
                .statusCode(200)
                .body("items.orderId", contains(second.toString()));
        admin().queryParam("shopId", shop2.toString())
                .queryParam("from", "2031-03-03")
                .when()
                .get("/api/v1/admin/orders")
                .then()
                .statusCode(200)
                .body("items.orderId", contains(third.toString()));
    }

    @Test
    void pagesFollowTheCursorWithoutRepeatsOrGaps() {
        String cursor = admin().queryParam("shopId", shop1.toString())
                .queryParam("limit", "1")
                .when()
                .get("/api/v1/admin/orders")
                .then()
                .statusCode(200)
                .body("items.orderId", contains(second.toString()))
                .body("nextCursor", notNullValue())
                .extract()
                .path("nextCursor");
        admin().queryParam("shopId", shop1.toString())
                .queryParam("limit", "1")
                .queryParam("cursor", cursor)
                .when()
                .get("/api/v1/admin/orders")
                .then()
                .statusCode(200)
                .body("items.orderId", contains(first.toString()))
                .body("nextCursor", nullValue());
        String byBuyer = admin().queryParam("buyer", buyerA)
                .queryParam("limit", "1")
                .when()
                .get("/api/v1/admin/orders")
                .then()
                .statusCode(200)
                .body("items.orderId", contains(second.toString()))
                .extract()
                .path("nextCursor");
        admin().queryParam("buyer", buyerA)
                .queryParam("limit", "1")
                .queryParam("cursor", byBuyer)
                .when()
                .get("/api/v1/admin/orders")
                .then()
                .statusCode(200)
                .body("items.orderId", contains(first.toString()))
                .body("nextCursor", nullValue());
    }

    @Test
    void sellerAndBuyerAreForbiddenAndAnonymousUnauthorized() {
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .when()
                .get("/api/v1/admin/orders")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(KeycloakTokens.user("alice"))
                .when()
                .get("/api/v1/admin/orders")
                .then()
                .statusCode(403);
        given().when().get("/api/v1/admin/orders").then().statusCode(401);
    }

    @Test
    void malformedParametersAreBadRequestsNamingThem() {
        bad("orderId", "not-an-id");
        bad("shopId", "42");
        bad("from", "03/01/2031");
        bad("to", "2031-13-01");
        bad("limit", "0");
        bad("limit", "101");
        bad("limit", "ten");
        bad("cursor", "bm90IGEgY3Vyc29y");
        admin().queryParam("from", "2031-03-02")
                .queryParam("to", "2031-03-01")
                .when()
                .get("/api/v1/admin/orders")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("violations.field", hasItem("from"));
    }

    private void bad(String param, String value) {
        admin().queryParam(param, value)
                .when()
                .get("/api/v1/admin/orders")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("violations.field", hasItem(param));
    }

    private static RequestSpecification admin() {
        return given().auth().oauth2(KeycloakTokens.user("admin"));
    }

    private static Document order(UUID id, String buyer, String placedAt) {
        return new Document("_id", id.toString())
                .append("buyerSubject", buyer)
                .append("status", "PAID")
                .append("placedAt", Date.from(Instant.parse(placedAt)))
                .append("total", new Document("amount", 2500L).append("currency", "USD"))
                .append("itemCount", 2);
    }

    private static Document group(UUID order, UUID shop, String placedAt) {
        return new Document("_id", order + ":" + shop)
                .append("orderId", order.toString())
                .append("shopId", shop.toString())
                .append("status", "PAID")
                .append("placedAt", Date.from(Instant.parse(placedAt)))
                .append("total", new Document("amount", 1250L).append("currency", "USD"))
                .append("itemCount", 1);
    }
}
