package dev.bazaar.review;

import static dev.bazaar.review.ReviewFlowTest.as;
import static dev.bazaar.review.ReviewFlowTest.productReview;
import static dev.bazaar.review.ReviewFlowTest.reviewWhenEligible;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import dev.bazaar.review.Purchases.Bought;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The first page of a product's reviews is kept in memory (persistence/FirstPages), and what this replica writes is
 * on it at once: a new review, an admin's rejection, a helpful vote that reorders the most-helpful list, and the
 * rating with each. Every step reads the page first, so a page kept from before the write would be answered.
 */
@QuarkusTest
class FirstPagesTest extends ReviewDevstack {

    @Test
    void aKeptFirstPageNeverHidesThisReplicasOwnWrites() {
        UUID shop = Purchases.shopOf("bob");
        UUID product = UUID.randomUUID();
        String path = "/api/v1/products/" + product + "/reviews";
        Bought first = Purchases.order("alice", shop, product, UUID.randomUUID(), true);
        Bought second = Purchases.order("carol", shop, product, UUID.randomUUID(), true);

        given().get(path).then().statusCode(200).body("items", empty()).body("rating.count", equalTo(0));
        String older = reviewWhenEligible("alice", productReview(first, 4, "Warm enough for early spring nights."));
        given().get(path)
                .then()
                .statusCode(200)
                .body("items.id", contains(older))
                .body("rating.averageTenths", equalTo(40));

        String newer = reviewWhenEligible("carol", productReview(second, 2, "The zip broke on the second evening."));
        given().get(path)
                .then()
                .statusCode(200)
                .body("items.id", contains(newer, older))
                .body("rating.averageTenths", equalTo(30));
        given().queryParam("sort", "helpful").get(path).then().statusCode(200).body("items.id", contains(newer, older));

        // a vote for the older one puts it first in the most-helpful list
        as("load021").post("/api/v1/reviews/" + older + "/helpful").then().statusCode(200);
        given().queryParam("sort", "helpful").get(path).then().statusCode(200).body("items.id", contains(older, newer));

        // an admin's rejection takes it off the page and out of the rating
        as("admin")
                .body(Map.of("reason", "not about the product"))
                .post("/api/v1/admin/reviews/" + newer + "/reject")
                .then()
                .statusCode(200);
        given().get(path)
                .then()
                .statusCode(200)
                .body("items.id", contains(older))
                .body("rating.averageTenths", equalTo(40))
                .body("rating.count", equalTo(1));
    }
}
