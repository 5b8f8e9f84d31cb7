package dev.bazaar.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bazaar.contracts.messaging.Topic;
import dev.bazaar.devstack.testing.KafkaTopics;
import dev.bazaar.devstack.testing.KeycloakTokens;
import dev.bazaar.review.Purchases.Bought;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Verified reviews end to end against the real MongoDB-wire server, Kafka and Keycloak: eligibility from order.events,
 * the buyers', sellers' and admins' endpoints with their roles and tenancy, ratings that follow the published reviews
 * only, and what leaves on review.events.
 */
@QuarkusTest
class ReviewFlowTest extends ReviewDevstack {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final ObjectMapper JSON = new ObjectMapper();

    static RequestSpecification as(String user) {
        return given().auth().oauth2(KeycloakTokens.user(user)).contentType(ContentType.JSON);
    }

    static Map<String, Object> productReview(Bought b, Object stars, String body) {
        return Map.of("orderId", b.orderId(), "variantId", b.variantId(), "rating", stars, "title", "Solid tent",
                "body", body, "photoUrls", List.of("https://img.example/tent.jpg"));
    }

    static Map<String, Object> shopReview(Bought b, int stars) {
        return Map.of("orderId", b.orderId(), "shopId", b.shopId(), "rating", stars, "asDescribed", 5, "shipping", 3,
                "communication", 4, "body", "Quick answers, parcel took a week.");
    }

    /** Posts once the order's events have arrived (404 until then); the review's id. */
    static String reviewWhenEligible(String user, String path, Map<String, Object> body, int expected) {
        String[] id = new String[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            Response r = as(user).body(body).post("/api/v1/reviews/" + path);
            assertThat(r.statusCode()).as(r.asString()).isEqualTo(expected);
            id[0] = expected == 201 ? r.path("id") : null;
        });
        return id[0];
    }

    static JsonNode rating(String kind, UUID id) {
        return given().get("/api/v1/" + kind + "/" + id + "/rating").then().statusCode(200).extract()
                .as(JsonNode.class);
    }

    static List<JsonNode> events(UUID key, int expected) throws Exception {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (String v : KafkaTopics.await(Topic.REVIEW_EVENTS.topicName(), key.toString()::equals, expected)) {
            out.add(JSON.readTree(v));
        }
        return out;
    }

    @Test
    void aBuyerReviewsADeliveredLineAndItsSellerOnceAndTheRatingsFollowThePublishedReviewsOnly() throws Exception {
        UUID shop = Purchases.shopOf("bob");
        Bought tent = Purchases.order("alice", shop, true);

        // bad stars are refused before anything is looked at or stored
        for (int stars : new int[] { 0, 6 }) {
            as("alice").body(productReview(tent, stars, "Kept us dry for three nights of rain.")).post(
                    "/api/v1/reviews/products").then().statusCode(400).contentType("application/problem+json")
                    .body("violations.field", hasItem("rating"));
        }

        String review = reviewWhenEligible("alice", "products", productReview(tent, 5,
                "Kept us dry for three nights of rain."), 201);
        as("alice").get("/api/v1/reviews/" + review).then().statusCode(200).body("status", equalTo("PUBLISHED"))
                .body("verifiedPurchase", equalTo(true));
        // a second review of the same line: 409, and still one review
        as("alice").body(productReview(tent, 1, "Changed my mind, it leaks after all.")).post(
                "/api/v1/reviews/products").then().statusCode(409).contentType("application/problem+json");

        Response page = given().get("/api/v1/products/" + tent.productId() + "/reviews");
        page.then().statusCode(200).body("total", equalTo(1)).body("items[0].rating", equalTo(5))
                .body("items[0].title", equalTo("Solid tent")).body("rating.averageTenths", equalTo(50))
                .body("rating.count", equalTo(1)).body("rating.histogram", equalTo(List.of(0, 0, 0, 0, 1)))
                .header("Cache-Control", "public, max-age=30").header("ETag", notNullValue());
        assertThat(page.asString()).doesNotContain(Purchases.subject("alice")).doesNotContain(
                tent.orderId().toString());
        given().header("If-None-Match", page.header("ETag")).get("/api/v1/products/" + tent.productId() + "/reviews")
                .then().statusCode(304);

        reviewWhenEligible("alice", "shops", shopReview(tent, 4), 201);
        as("alice").body(shopReview(tent, 2)).post("/api/v1/reviews/shops").then().statusCode(409);
        JsonNode shopRating = rating("shops", shop);
        assertThat(shopRating.path("averageTenths").asInt()).isEqualTo(40);
        assertThat(shopRating.path("dimensions").path("shippingTenths").asInt()).isEqualTo(30);

        List<JsonNode> published = events(tent.productId(), 2);
        assertThat(published).extracting(e -> e.path("type").asText())
                .containsExactlyInAnyOrder("ReviewPublished", "RatingChanged");

        // an admin's rejection takes it out of sight and the rating back to where it was
        as("admin").body(Map.of("reason", "not about the product")).post("/api/v1/admin/reviews/" + review + "/reject")
                .then().statusCode(200).body("status", equalTo("REJECTED"));
        assertThat(rating("products", tent.productId()).path("count").asInt()).isZero();
        assertThat(rating("products", tent.productId()).path("averageTenths").asInt()).isZero();
        given().get("/api/v1/products/" + tent.productId() + "/reviews").then().body("total", equalTo(0));
        given().get("/api/v1/reviews/" + review).then().statusCode(404);
        List<JsonNode> all = events(tent.productId(), 4);
        assertThat(all).extracting(e -> e.path("type").asText()).contains("ReviewRemoved");
        JsonNode lastRating = all.stream().filter(e -> e.path("type").asText().equals("RatingChanged"))
                .max(java.util.Comparator.comparingLong(e -> e.path("aggregateVersion").asLong())).orElseThrow();
        assertThat(lastRating.path("payload").path("count").asInt()).isZero();
    }

    @Test
    void noReviewWithoutADeliveredPurchaseOfOnesOwn() {
        UUID shop = Purchases.shopOf("bob");
        Bought undelivered = Purchases.order("alice", shop, false);
        String body = "Looks fine in the pictures, waiting for it.";
        reviewWhenEligible("alice", "products", productReview(undelivered, 5, body), 403);
        as("alice").body(shopReview(undelivered, 5)).post("/api/v1/reviews/shops").then().statusCode(403)
                .contentType("application/problem+json");
        // someone else's order, or one that does not exist: 404 (not revealed)
        as("carol").body(productReview(undelivered, 5, body)).post("/api/v1/reviews/products").then().statusCode(404);
        as("carol").body(Map.of("orderId", UUID.randomUUID(), "shopId", shop, "rating", 5, "asDescribed", 5,
                "shipping", 5, "communication", 5, "body", body)).post("/api/v1/reviews/shops").then().statusCode(404);
        // wrong role, no token
        as("bob").body(productReview(undelivered, 5, body)).post("/api/v1/reviews/products").then().statusCode(403);
        given().contentType(ContentType.JSON).body(productReview(undelivered, 5, body)).post(
                "/api/v1/reviews/products").then().statusCode(401);

        Purchases.deliver(undelivered.orderId(), shop);
        reviewWhenEligible("alice", "products", productReview(undelivered, 5, "Arrived, pitched it, very happy."),
                201);
        as("carol").body(productReview(undelivered, 5, body)).post("/api/v1/reviews/products").then().statusCode(404);
    }

    @Test
    void sellersAnswerOnlyTheirOwnShopsReviewsAndEachUserVotesOnce() {
        UUID shop = Purchases.shopOf("bob");
        Bought tent = Purchases.order("alice", shop, true);
        String review = reviewWhenEligible("alice", "products", productReview(tent, 4,
                "Good tent, the zip is a bit stiff."), 201);

        await().atMost(WAIT).untilAsserted(() -> as("bob").body(Map.of("body", "Thanks! The zip loosens with use."))
                .put("/api/v1/seller/reviews/" + review + "/reply").then().statusCode(200)
                .body("reply.body", equalTo("Thanks! The zip loosens with use.")));
        as("sam").body(Map.of("body", "Buy mine instead")).put("/api/v1/seller/reviews/" + review + "/reply").then()
                .statusCode(404);
        as("alice").body(Map.of("body", "me too")).put("/api/v1/seller/reviews/" + review + "/reply").then()
                .statusCode(403);
        as("bob").body(Map.of("body", " ")).put("/api/v1/seller/reviews/" + review + "/reply").then().statusCode(400);
        given().get("/api/v1/reviews/" + review).then().body("reply.body", equalTo("Thanks! The zip loosens with use."));

        as("carol").post("/api/v1/reviews/" + review + "/helpful").then().statusCode(200)
                .body("helpfulCount", equalTo(1));
        as("carol").post("/api/v1/reviews/" + review + "/helpful").then().statusCode(409);
        as("alice").post("/api/v1/reviews/" + review + "/helpful").then().statusCode(409);
        as("bob").post("/api/v1/reviews/" + review + "/helpful").then().statusCode(200).body("helpfulCount", equalTo(2));
        given().post("/api/v1/reviews/" + review + "/helpful").then().statusCode(401);

        // only its author edits it; admins' endpoints are for admins
        as("carol").body(Map.of("rating", 1, "title", "Bad", "body", "Not my review but I edit it")).put(
                "/api/v1/reviews/" + review).then().statusCode(404);
        as("alice").body(Map.of("rating", 3, "title", "Good tent", "body", "The zip broke after a month of use."))
                .put("/api/v1/reviews/" + review).then().statusCode(200).body("rating", equalTo(3));
        assertThat(rating("products", tent.productId()).path("averageTenths").asInt()).isEqualTo(30);
        as("alice").get("/api/v1/admin/reviews").then().statusCode(403);
        as("bob").post("/api/v1/admin/reviews/" + review + "/approve").then().statusCode(403);
        given().get("/api/v1/products/" + tent.productId() + "/reviews?sort=best").then().statusCode(400);
        given().get("/api/v1/products/" + tent.productId() + "/reviews?stars=0").then().statusCode(400);
        given().get("/api/v1/products/" + tent.productId() + "/reviews?stars=3&sort=helpful").then().statusCode(200)
                .body("total", equalTo(1));
        given().get("/api/v1/products/" + tent.productId() + "/reviews?stars=4").then().body("total", equalTo(0));
    }

    @Test
    void aHeldReviewWaitsForAnAdminAndReportsSendAPublishedOneBackToTheQueue() {
        UUID shop = Purchases.shopOf("bob");
        Bought tent = Purchases.order("alice", shop, true);
        String held = reviewWhenEligible("alice", "products", productReview(tent, 2,
                "Much cheaper at www.tents-direct.com, do not buy here."), 201);
        as("alice").get("/api/v1/reviews/" + held).then().body("status", equalTo("PENDING"))
                .body("flags", equalTo(List.of("LINK")));
        given().get("/api/v1/reviews/" + held).then().statusCode(404);
        assertThat(rating("products", tent.productId()).path("count").asInt()).isZero();
        int total = as("admin").get("/api/v1/admin/reviews?status=PENDING&size=100").then().statusCode(200)
                .extract().path("total");
        as("admin").get("/api/v1/admin/reviews?status=PENDING&size=100&page=" + (total - 1) / 100).then()
                .body("items.id", hasItem(held));

        as("admin").post("/api/v1/admin/reviews/" + held + "/approve").then().statusCode(200)
                .body("status", equalTo("PUBLISHED"));
        as("admin").post("/api/v1/admin/reviews/" + held + "/approve").then().statusCode(409);
        assertThat(rating("products", tent.productId()).path("averageTenths").asInt()).isEqualTo(20);

        as("carol").post("/api/v1/reviews/" + held + "/report").then().statusCode(202);
        as("carol").post("/api/v1/reviews/" + held + "/report").then().statusCode(409);
        as("load001").post("/api/v1/reviews/" + held + "/report").then().statusCode(202);
        assertThat(rating("products", tent.productId()).path("count").asInt()).isEqualTo(1);
        as("bob").post("/api/v1/reviews/" + held + "/report").then().statusCode(202);
        as("alice").get("/api/v1/reviews/" + held).then().body("status", equalTo("PENDING"));
        assertThat(rating("products", tent.productId()).path("count").asInt()).isZero();
        as("admin").body(Map.of("reason", " ")).post("/api/v1/admin/reviews/" + held + "/reject").then().statusCode(400);
        as("alice").get("/api/v1/reviews/" + held).then().body("status", equalTo("PENDING"));
    }
}
