package dev.bazaar.review;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bazaar.review.Purchases.Bought;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A random sequence (seeded, printed) of create / edit / reject / approve / remove / report and replays — the same
 * request again, the order's events delivered again — over the reviews of one product by four buyers, against the real
 * store: after every step the stored rating equals the recomputation from the published reviews the public list shows.
 */
@QuarkusTest
class RatingConsistencyTest extends ReviewDevstack {

    static final List<String> BUYERS = List.of("alice", "carol", "load003", "load004");
    static final List<String> REPORTERS = List.of("load005", "load006", "load007");

    @Test
    void theStoredRatingAlwaysEqualsTheRecomputationFromThePublishedReviews() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        UUID shop = Purchases.shopOf("bob");
        UUID product = UUID.randomUUID();
        Map<String, Bought> bought = new HashMap<>();
        for (String b : BUYERS) {
            bought.put(b, Purchases.order(b, shop, product, UUID.randomUUID(), true));
        }
        Map<String, String> reviews = new HashMap<>();
        for (String b : BUYERS) { // every buyer's first review, once their order has arrived
            Map<String, Object> body = ReviewFlowTest.productReview(
                    bought.get(b), 1 + random.nextInt(5), "First impressions of the tent by " + b);
            reviews.put(b, ReviewFlowTest.reviewWhenEligible(b, body));
        }
        assertConsistent(product, seed, "after the first reviews");
        Runnable last = () -> {};
        for (int step = 0; step < 30; step++) {
            String buyer = BUYERS.get(random.nextInt(BUYERS.size()));
            String id = reviews.get(buyer);
            int stars = 1 + random.nextInt(5);
            Runnable action = switch (random.nextInt(7)) {
                case 0 ->
                    () -> ReviewFlowTest.as(buyer)
                            .body(Map.of(
                                    "rating",
                                    stars,
                                    "title",
                                    "Tent",
                                    "body",
                                    random.nextInt(4) == 0
                                            ? "now on www.cheap-tents.com"
                                            : "Edited after a week: " + stars))
                            .patch("/api/v1/reviews/" + id);
                case 1 ->
                    () -> ReviewFlowTest.as("admin")
                            .body(Map.of("reason", "off-topic"))
                            .post("/api/v1/admin/reviews/" + id + "/reject");
                case 2 -> () -> ReviewFlowTest.as("admin").post("/api/v1/admin/reviews/" + id + "/approve");
                case 3 ->
                    () -> ReviewFlowTest.as(REPORTERS.get(random.nextInt(REPORTERS.size())))
                            .post("/api/v1/reviews/" + id + "/report");
                case 4 -> () -> ReviewFlowTest.as(buyer).delete("/api/v1/reviews/" + id);
                case 5 ->
                    () -> { // the order's events again: a redelivery changes nothing
                        Bought b = bought.get(buyer);
                        Purchases.deliver(b.orderId(), b.shopId());
                    };
                default -> last; // the previous request once more
            };
            action.run();
            last = action;
            assertConsistent(product, seed, "after step " + step);
        }
    }

    private static void assertConsistent(UUID product, long seed, String when) {
        List<Integer> published = new ArrayList<>();
        String cursor = null;
        do {
            Response r = given().queryParam("size", 3)
                    .queryParams(cursor == null ? Map.of() : Map.of("cursor", cursor))
                    .get("/api/v1/products/" + product + "/reviews");
            List<Integer> stars = r.path("items.rating");
            published.addAll(stars);
            cursor = r.path("nextCursor");
        } while (cursor != null);
        long[] histogram = new long[5];
        long sum = 0;
        for (int s : published) {
            histogram[s - 1]++;
            sum += s;
        }
        int count = published.size();
        int tenths = count == 0 ? 0 : (int) ((20 * sum + count) / (2L * count));
        JsonNode rating = ReviewFlowTest.rating("products", product);
        assertThat(rating.path("count").asInt())
                .as("count %s (seed %d)", when, seed)
                .isEqualTo(count);
        assertThat(rating.path("averageTenths").asInt())
                .as("average %s (seed %d)", when, seed)
                .isEqualTo(tenths);
        List<Long> stored = new ArrayList<>();
        rating.path("histogram").forEach(n -> stored.add(n.asLong()));
        assertThat(stored)
                .as("histogram %s (seed %d)", when, seed)
                .containsExactly(histogram[0], histogram[1], histogram[2], histogram[3], histogram[4]);
    }
}
