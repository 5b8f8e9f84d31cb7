package dev.bazaar.review;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

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
        return Map.of(
                "orderId",
                b.orderId(),
                "variantId",
                b.variantId(),
                "rating",
                stars,
                "title",
                "Solid tent",
                "body",
                body,
                "photoUrls",
                List.of("https://img.example/tent.jpg"));
    }

    static Map<String, Object> shopReview(Bought b, int stars) {
        return Map.of(
                "orderId",
                b.orderId(),
                "shopId",
                b.shopId(),
                "rating",
                stars,
                "asDescribed",
                5,
                "shipping",
                3,
                "communication",
                4,
                "body",
                "Quick answers, parcel took a week.");
    }

    /** Posts once the order's events have arrived (403, nothing of the caller's to review, until then); the id. */
    static String reviewWhenEligible(String user, Map<String, Object> body) {
        String[] id = new String[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            Response r = as(user).body(body).post("/api/v1/reviews");
            assertThat(r.statusCode()).as(r.asString()).isEqualTo(201);
            id[0] = r.path("id");
            assertThat(r.header("Location")).endsWith("/api/v1/reviews/" + id[0]);
        });
        return id[0];
    }

    /** Waits until the caller's own order has arrived, undelivered: the 403 then says why. */
    static void refusedAsUndelivered(String user, Map<String, Object> body) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            Response r = as(user).body(body).post("/api/v1/reviews");
            assertThat(r.statusCode()).as(r.asString()).isEqualTo(403);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.<String>path("detail")).contains("not been delivered");
        });
    }

    static Map<String, Object> with(Map<String, Object> body, Object... changes) {
        Map<String, Object> m = new java.util.HashMap<>(body);
        for (int i = 0; i < changes.length; i += 2) {
            if (changes[i + 1] == null) {
                m.remove((String) changes[i]);
            } else {
                m.put((String) changes[i], changes[i + 1]);
            }
        }
        return m;
    }

    static JsonNode rating(String kind, UUID id) {
        return given().get("/api/v1/" + kind + "/" + id + "/rating")
                .then()
                .statusCode(200)
                .extract()
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
        for (int stars : new int[] {0, 6}) {
            as("alice")
                    .body(productReview(tent, stars, "Kept us dry for three nights of rain."))
                    .post("/api/v1/reviews")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations.field", hasItem("rating"));
        }

        String review = reviewWhenEligible("alice", productReview(tent, 5, "Kept us dry for three nights of rain."));
        as("alice")
                .get("/api/v1/reviews/" + review)
                .then()
                .statusCode(200)
                .body("status", equalTo("PUBLISHED"))
                .body("verifiedPurchase", equalTo(true));
        // a second review of the same line: 409, and still one review
        as("alice")
                .body(productReview(tent, 1, "Changed my mind, it leaks after all."))
                .post("/api/v1/reviews")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");

        Response page = given().get("/api/v1/products/" + tent.productId() + "/reviews");
        page.then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].rating", equalTo(5))
                .body("nextCursor", nullValue())
                .body("items[0].publishedAt", notNullValue())
                .body("items[0].title", equalTo("Solid tent"))
                .body("rating.averageTenths", equalTo(50))
                .body("rating.count", equalTo(1))
                .body("rating.histogram", equalTo(List.of(0, 0, 0, 0, 1)))
                .header("Cache-Control", "public, max-age=30")
                .header("ETag", notNullValue());
        assertThat(page.asString())
                .doesNotContain(Purchases.subject("alice"))
                .doesNotContain(tent.orderId().toString());
        given().header("If-None-Match", page.header("ETag"))
                .get("/api/v1/products/" + tent.productId() + "/reviews")
                .then()
                .statusCode(304);

        reviewWhenEligible("alice", shopReview(tent, 4));
        as("alice").body(shopReview(tent, 2)).post("/api/v1/reviews").then().statusCode(409);
        JsonNode shopRating = rating("shops", shop);
        assertThat(shopRating.path("averageTenths").asInt()).isEqualTo(40);
        assertThat(shopRating.path("dimensions").path("shippingTenths").asInt()).isEqualTo(30);

        List<JsonNode> published = events(tent.productId(), 2);
        assertThat(published)
                .extracting(e -> e.path("type").asText())
                .containsExactlyInAnyOrder("ReviewPublished", "RatingChanged");

        // an admin's rejection takes it out of sight and the rating back to where it was
        as("admin")
                .body(Map.of("reason", "not about the product"))
                .post("/api/v1/admin/reviews/" + review + "/reject")
                .then()
                .statusCode(200)
                .body("status", equalTo("REJECTED"));
        assertThat(rating("products", tent.productId()).path("count").asInt()).isZero();
        assertThat(rating("products", tent.productId()).path("averageTenths").asInt())
                .isZero();
        given().get("/api/v1/products/" + tent.productId() + "/reviews").then().body("total", equalTo(0));
        given().get("/api/v1/reviews/" + review).then().statusCode(404);
        List<JsonNode> all = events(tent.productId(), 4);
        assertThat(all).extracting(e -> e.path("type").asText()).contains("ReviewRemoved");
        JsonNode lastRating = all.stream()
                .filter(e -> e.path("type").asText().equals("RatingChanged"))
                .max(java.util.Comparator.comparingLong(
                        e -> e.path("aggregateVersion").asLong()))
                .orElseThrow();
        assertThat(lastRating.path("payload").path("count").asInt()).isZero();
    }

    @Test
    void noReviewWithoutADeliveredPurchaseOfOnesOwnAndCarolWithoutAnOrderGets403() {
        UUID shop = Purchases.shopOf("bob");
        Bought undelivered = Purchases.order("alice", shop, false);
        String body = "Looks fine in the pictures, waiting for it.";
        refusedAsUndelivered("alice", productReview(undelivered, 5, body));
        as("alice")
                .body(shopReview(undelivered, 5))
                .post("/api/v1/reviews")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("not been delivered"));
        // carol has no order of it: 403 like an order nobody has, never saying that alice's exists
        Response others = as("carol").body(productReview(undelivered, 5, body)).post("/api/v1/reviews");
        others.then().statusCode(403).contentType("application/problem+json");
        UUID unknown = UUID.randomUUID();
        Response nobodys = as("carol")
                .body(with(productReview(undelivered, 5, body), "orderId", unknown))
                .post("/api/v1/reviews");
        nobodys.then().statusCode(403).contentType("application/problem+json");
        assertThat(others.<String>path("type")).isEqualTo(nobodys.path("type"));
        assertThat(others.<String>path("detail").replace(undelivered.orderId().toString(), "?"))
                .isEqualTo(nobodys.<String>path("detail").replace(unknown.toString(), "?"));
        as("carol")
                .body(with(shopReview(undelivered, 5), "orderId", unknown))
                .post("/api/v1/reviews")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        // wrong role, no token
        as("bob")
                .body(productReview(undelivered, 5, body))
                .post("/api/v1/reviews")
                .then()
                .statusCode(403);
        given().contentType(ContentType.JSON)
                .body(productReview(undelivered, 5, body))
                .post("/api/v1/reviews")
                .then()
                .statusCode(401);

        Purchases.deliver(undelivered.orderId(), shop);
        reviewWhenEligible("alice", productReview(undelivered, 5, "Arrived, pitched it, very happy."));
        as("carol")
                .body(with(productReview(undelivered, 5, body), "variantId", UUID.randomUUID()))
                .post("/api/v1/reviews")
                .then()
                .statusCode(403);
        as("carol")
                .body(productReview(undelivered, 5, body))
                .post("/api/v1/reviews")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        // a line alice did not buy in her own order: nothing to review either
        as("alice")
                .body(with(productReview(undelivered, 5, body), "variantId", UUID.randomUUID()))
                .post("/api/v1/reviews")
                .then()
                .statusCode(403);
    }

    @Test
    void oneBodyForBothKindsWithExactlyOneOfVariantIdAndShopIdAndOnlyThatKindsFields() {
        UUID shop = Purchases.shopOf("bob");
        Bought tent = Purchases.order("alice", shop, true);
        String body = "Kept us dry for three nights of rain.";
        Map<String, Object> product = productReview(tent, 5, body);
        Map<String, Object> seller = shopReview(tent, 4);
        record Bad(Map<String, Object> body, List<String> fields) {}
        for (Bad bad : List.of(
                new Bad(with(product, "variantId", null), List.of("shopId", "variantId")),
                new Bad(with(product, "shopId", shop), List.of("shopId", "variantId")),
                new Bad(with(product, "title", null), List.of("title")),
                new Bad(with(product, "title", "  "), List.of("title")),
                new Bad(with(product, "asDescribed", 4), List.of("asDescribed")),
                new Bad(with(product, "photoUrls", List.of("http://img.example/tent.jpg")), List.of("photoUrls[0]")),
                new Bad(with(seller, "shipping", null, "communication", null), List.of("communication", "shipping")),
                new Bad(with(seller, "asDescribed", 6), List.of("asDescribed")),
                new Bad(with(seller, "title", "Great shop"), List.of("title")),
                new Bad(with(seller, "photoUrls", List.of("https://img.example/box.jpg")), List.of("photoUrls")),
                new Bad(with(seller, "orderId", null, "rating", null), List.of("orderId", "rating")))) {
            Response r = as("alice").body(bad.body()).post("/api/v1/reviews");
            assertThat(r.statusCode()).as("%s: %s", bad.body(), r.asString()).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.<List<String>>path("violations.field"))
                    .as(bad.body().toString())
                    .containsExactlyElementsOf(bad.fields());
        }
        // nothing was stored: both reviews can still be written, once each
        String productReview = reviewWhenEligible("alice", product);
        String sellerReview = reviewWhenEligible("alice", seller);
        as("alice")
                .get("/api/v1/reviews/" + productReview)
                .then()
                .statusCode(200)
                .body("subject", equalTo("PRODUCT"))
                .body("productId", equalTo(tent.productId().toString()))
                .body("title", equalTo("Solid tent"))
                .body("photoUrls", equalTo(List.of("https://img.example/tent.jpg")))
                .body("scores", nullValue());
        as("alice")
                .get("/api/v1/reviews/" + sellerReview)
                .then()
                .statusCode(200)
                .body("subject", equalTo("SHOP"))
                .body("shopId", equalTo(shop.toString()))
                .body("productId", nullValue())
                .body("title", nullValue())
                .body("scores.asDescribed", equalTo(5))
                .body("scores.shipping", equalTo(3))
                .body("scores.communication", equalTo(4));
        given().get("/api/v1/products/" + tent.productId() + "/reviews").then().body("total", equalTo(1));
        given().get("/api/v1/shops/" + shop + "/reviews")
                .then()
                .body("total", equalTo(1))
                .body("items[0].scores.shipping", equalTo(3))
                .body("rating.dimensions.shippingTenths", equalTo(30));
        // the old paths are gone
        as("alice").body(product).post("/api/v1/reviews/products").then().statusCode(anyOf(equalTo(404), equalTo(405)));
    }

    @Test
    void overLongTextIsRefusedNamingTheFieldAndChangesNothing() {
        UUID shop = Purchases.shopOf("bob");
        Bought tent = Purchases.order("alice", shop, true);
        String body = "Kept us dry for three nights of rain.";

        // refused before anything is looked at: the order's events need not have arrived
        as("alice")
                .body(with(productReview(tent, 5, body), "title", "T".repeat(151)))
                .post("/api/v1/reviews")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://bazaar.dev/problems/validation"))
                .body("violations.field", contains("title"))
                .body("violations.message", contains("is at most 150 characters"));
        as("alice")
                .body(productReview(tent, 5, "b".repeat(4001)))
                .post("/api/v1/reviews")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("body"))
                .body("violations.message", contains("is at most 4000 characters"));
        as("alice")
                .body(with(
                        productReview(tent, 5, body), "photoUrls", List.of("https://img.example/" + "p".repeat(500))))
                .post("/api/v1/reviews")
                .then()
                .statusCode(400)
                .body("violations.field", contains("photoUrls[0]"))
                .body("violations.message", contains("each photo address is at most 500 characters"));

        // nothing was stored: the review is written once, then an over-long edit or reply changes nothing
        String review = reviewWhenEligible("alice", productReview(tent, 4, body));
        as("alice")
                .body(Map.of("title", "T".repeat(151)))
                .patch("/api/v1/reviews/" + review)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("title"))
                .body("violations.message", contains("is at most 150 characters"));
        as("bob")
                .body(Map.of("body", "r".repeat(2001)))
                .put("/api/v1/seller/reviews/" + review + "/reply")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("body"))
                .body("violations.message", contains("is at most 2000 characters"));
        as("alice")
                .get("/api/v1/reviews/" + review)
                .then()
                .statusCode(200)
                .body("title", equalTo("Solid tent"))
                .body("body", equalTo(body))
                .body("reply", nullValue());
        given().get("/api/v1/products/" + tent.productId() + "/reviews").then().body("total", equalTo(1));

        // the limit itself is allowed
        as("alice")
                .body(Map.of("title", "T".repeat(150)))
                .patch("/api/v1/reviews/" + review)
                .then()
                .statusCode(200)
                .body("title", equalTo("T".repeat(150)));
    }

    @Test
    void anEditChangesOnlyTheFieldsItGivesAndIsCheckedLikeAReview() {
        UUID shop = Purchases.shopOf("bob");
        Bought tent = Purchases.order("alice", shop, true);
        String review = reviewWhenEligible("alice", productReview(tent, 4, "Good tent, the zip is a bit stiff."));
        String seller = reviewWhenEligible("alice", shopReview(tent, 4));

        as("alice")
                .body(Map.of("rating", 2))
                .patch("/api/v1/reviews/" + review)
                .then()
                .statusCode(200)
                .body("rating", equalTo(2))
                .body("title", equalTo("Solid tent"))
                .body("body", equalTo("Good tent, the zip is a bit stiff."))
                .body("photoUrls", equalTo(List.of("https://img.example/tent.jpg")))
                .body("status", equalTo("PUBLISHED"));
        assertThat(rating("products", tent.productId()).path("averageTenths").asInt())
                .isEqualTo(20);
        as("alice")
                .body(Map.of("title", "Stiff zip", "photoUrls", List.of()))
                .patch("/api/v1/reviews/" + review)
                .then()
                .statusCode(200)
                .body("rating", equalTo(2))
                .body("title", equalTo("Stiff zip"))
                .body("photoUrls", equalTo(List.of()));

        // bad input changes nothing
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of(),
                Map.of("rating", 9),
                Map.of("title", " "),
                Map.of("body", ""),
                Map.of("photoUrls", List.of("ftp://x")))) {
            as("alice")
                    .body(bad)
                    .patch("/api/v1/reviews/" + review)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
        }
        as("alice")
                .body(Map.of("asDescribed", 3))
                .patch("/api/v1/reviews/" + review)
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        as("alice")
                .get("/api/v1/reviews/" + review)
                .then()
                .body("rating", equalTo(2))
                .body("title", equalTo("Stiff zip"))
                .body("body", equalTo("Good tent, the zip is a bit stiff."));

        // a seller review's scores one at a time; no title on it
        as("alice")
                .body(Map.of("shipping", 5))
                .patch("/api/v1/reviews/" + seller)
                .then()
                .statusCode(200)
                .body("scores.asDescribed", equalTo(5))
                .body("scores.shipping", equalTo(5))
                .body("scores.communication", equalTo(4))
                .body("rating", equalTo(4));
        as("alice")
                .body(Map.of("title", "Great shop"))
                .patch("/api/v1/reviews/" + seller)
                .then()
                .statusCode(409);

        // the edited text goes through the checks again
        as("alice")
                .body(Map.of("body", "Much cheaper at www.tents-direct.com"))
                .patch("/api/v1/reviews/" + review)
                .then()
                .statusCode(200)
                .body("status", equalTo("PENDING"))
                .body("flags", equalTo(List.of("LINK")));
        assertThat(rating("products", tent.productId()).path("count").asInt()).isZero();

        // only its author; buyers only
        as("carol")
                .body(Map.of("rating", 1))
                .patch("/api/v1/reviews/" + review)
                .then()
                .statusCode(404);
        as("bob")
                .body(Map.of("rating", 1))
                .patch("/api/v1/reviews/" + review)
                .then()
                .statusCode(403);
        given().contentType(ContentType.JSON)
                .body(Map.of("rating", 1))
                .patch("/api/v1/reviews/" + review)
                .then()
                .statusCode(401);
        as("alice")
                .body(Map.of("rating", 1))
                .put("/api/v1/reviews/" + review)
                .then()
                .statusCode(405);
        as("alice").get("/api/v1/reviews/" + review).then().body("rating", equalTo(2));
    }

    @Test
    void sellersAnswerOnlyTheirOwnShopsReviewsAndEachUserVotesOnce() {
        UUID shop = Purchases.shopOf("bob");
        Bought tent = Purchases.order("alice", shop, true);
        String review = reviewWhenEligible("alice", productReview(tent, 4, "Good tent, the zip is a bit stiff."));

        await().atMost(WAIT)
                .untilAsserted(() -> as("bob")
                        .body(Map.of("body", "Thanks! The zip loosens with use."))
                        .put("/api/v1/seller/reviews/" + review + "/reply")
                        .then()
                        .statusCode(200)
                        .body("reply.body", equalTo("Thanks! The zip loosens with use.")));
        as("sam")
                .body(Map.of("body", "Buy mine instead"))
                .put("/api/v1/seller/reviews/" + review + "/reply")
                .then()
                .statusCode(404);
        as("alice")
                .body(Map.of("body", "me too"))
                .put("/api/v1/seller/reviews/" + review + "/reply")
                .then()
                .statusCode(403);
        as("bob")
                .body(Map.of("body", " "))
                .put("/api/v1/seller/reviews/" + review + "/reply")
                .then()
                .statusCode(400);
        given().get("/api/v1/reviews/" + review)
                .then()
                .body("reply.body", equalTo("Thanks! The zip loosens with use."));

        as("carol")
                .post("/api/v1/reviews/" + review + "/helpful")
                .then()
                .statusCode(200)
                .body("helpfulCount", equalTo(1));
        as("carol").post("/api/v1/reviews/" + review + "/helpful").then().statusCode(409);
        as("alice").post("/api/v1/reviews/" + review + "/helpful").then().statusCode(409);
        as("bob")
                .post("/api/v1/reviews/" + review + "/helpful")
                .then()
                .statusCode(200)
                .body("helpfulCount", equalTo(2));
        given().post("/api/v1/reviews/" + review + "/helpful").then().statusCode(401);

        // only its author edits it; admins' endpoints are for admins
        as("carol")
                .body(Map.of("rating", 1, "title", "Bad", "body", "Not my review but I edit it"))
                .patch("/api/v1/reviews/" + review)
                .then()
                .statusCode(404);
        as("alice")
                .body(Map.of("rating", 3, "title", "Good tent", "body", "The zip broke after a month of use."))
                .patch("/api/v1/reviews/" + review)
                .then()
                .statusCode(200)
                .body("rating", equalTo(3));
        assertThat(rating("products", tent.productId()).path("averageTenths").asInt())
                .isEqualTo(30);
        as("alice").get("/api/v1/admin/reviews").then().statusCode(403);
        as("bob").post("/api/v1/admin/reviews/" + review + "/approve").then().statusCode(403);
        given().get("/api/v1/products/" + tent.productId() + "/reviews?sort=best")
                .then()
                .statusCode(400);
        given().get("/api/v1/products/" + tent.productId() + "/reviews?stars=0")
                .then()
                .statusCode(400);
        given().get("/api/v1/products/" + tent.productId() + "/reviews?stars=3&sort=helpful")
                .then()
                .statusCode(200)
                .body("total", equalTo(1));
        given().get("/api/v1/products/" + tent.productId() + "/reviews?stars=4")
                .then()
                .body("total", equalTo(0));
    }

    @Test
    void aHeldReviewWaitsForAnAdminAndReportsSendAPublishedOneBackToTheQueue() {
        UUID shop = Purchases.shopOf("bob");
        Bought tent = Purchases.order("alice", shop, true);
        String held = reviewWhenEligible(
                "alice", productReview(tent, 2, "Much cheaper at www.tents-direct.com, do not buy here."));
        as("alice")
                .get("/api/v1/reviews/" + held)
                .then()
                .body("status", equalTo("PENDING"))
                .body("flags", equalTo(List.of("LINK")));
        given().get("/api/v1/reviews/" + held).then().statusCode(404);
        assertThat(rating("products", tent.productId()).path("count").asInt()).isZero();
        int total = as("admin")
                .get("/api/v1/admin/reviews?status=PENDING&size=100")
                .then()
                .statusCode(200)
                .extract()
                .path("total");
        as("admin")
                .get("/api/v1/admin/reviews?status=PENDING&size=100&page=" + (total - 1) / 100)
                .then()
                .body("items.id", hasItem(held));

        as("admin")
                .post("/api/v1/admin/reviews/" + held + "/approve")
                .then()
                .statusCode(200)
                .body("status", equalTo("PUBLISHED"));
        as("admin").post("/api/v1/admin/reviews/" + held + "/approve").then().statusCode(409);
        assertThat(rating("products", tent.productId()).path("averageTenths").asInt())
                .isEqualTo(20);

        as("carol").post("/api/v1/reviews/" + held + "/report").then().statusCode(202);
        as("carol").post("/api/v1/reviews/" + held + "/report").then().statusCode(409);
        as("load001").post("/api/v1/reviews/" + held + "/report").then().statusCode(202);
        assertThat(rating("products", tent.productId()).path("count").asInt()).isEqualTo(1);
        as("bob").post("/api/v1/reviews/" + held + "/report").then().statusCode(202);
        as("alice").get("/api/v1/reviews/" + held).then().body("status", equalTo("PENDING"));
        assertThat(rating("products", tent.productId()).path("count").asInt()).isZero();
        as("admin")
                .body(Map.of("reason", " "))
                .post("/api/v1/admin/reviews/" + held + "/reject")
                .then()
                .statusCode(400);
        as("alice").get("/api/v1/reviews/" + held).then().body("status", equalTo("PENDING"));
    }
}
