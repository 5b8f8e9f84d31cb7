package dev.bazaar.review;

import static dev.bazaar.review.ReviewFlowTest.WAIT;
import static dev.bazaar.review.ReviewFlowTest.as;
import static dev.bazaar.review.ReviewFlowTest.productReview;
import static dev.bazaar.review.ReviewFlowTest.reviewWhenEligible;
import static dev.bazaar.review.ReviewFlowTest.shopReview;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import dev.bazaar.review.Purchases.Bought;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A seller's list of their own shops' reviews ({@code GET /api/v1/seller/reviews}) against the real devstack: newest
 * first page by page, by status, with the seller's answer; another seller's reviews never in it; sellers only.
 */
@QuarkusTest
class SellerReviewListTest extends ReviewDevstack {

    static final String LIST = "/api/v1/seller/reviews";

    /** {@code user}'s list (query {@code query}), once it answers 200. */
    static JsonPath list(String user, String query) {
        return as(user).get(LIST + query).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void bobSeesHisShopsReviewsNewestFirstPageByPageAndByStatusWithHisAnswer() {
        UUID shop = Purchases.shopOf("bob");
        Bought tent = Purchases.order("alice", shop, true);
        Bought lamp = Purchases.order("carol", shop, true);
        String product = reviewWhenEligible("alice", productReview(tent, 5, "Kept us dry for three nights of rain."));
        String seller = reviewWhenEligible("alice", shopReview(tent, 4));
        // a link holds it for the moderators: PENDING
        String held = reviewWhenEligible(
                "carol", productReview(lamp, 2, "Much cheaper at www.lamps-direct.com, do not buy here."));

        // newest first, two a page: the cursor goes on where the first page ended, without repeating it
        // (once catalog's approval of the shop has reached review-service: until then bob owns no such shop here)
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(list("bob", "?size=2").getList("items.id", String.class))
                        .containsExactly(held, seller));
        JsonPath first = list("bob", "?size=2");
        assertThat(first.getInt("size")).isEqualTo(2);
        assertThat(first.getLong("total")).isGreaterThanOrEqualTo(3);
        String next = first.getString("nextCursor");
        assertThat(next).isNotBlank();
        JsonPath second = list("bob", "?size=2&cursor=" + next);
        assertThat(second.getList("items.id", String.class)).first().isEqualTo(product);
        assertThat(second.getLong("total")).isEqualTo(first.getLong("total"));

        // what the seller sees of each: stars, words, status and the order, not the moderators' notes
        Map<String, Object> pending = first.getMap("items[0]");
        assertThat(pending)
                .containsEntry("status", "PENDING")
                .containsEntry("rating", 2)
                .containsEntry("shopId", shop.toString())
                .containsEntry("productId", lamp.productId().toString())
                .containsEntry("orderId", lamp.orderId().toString())
                .doesNotContainKeys("flags", "rejectReason");
        assertThat(first.getMap("items[1]"))
                .containsEntry("subject", "SHOP")
                .containsEntry("status", "PUBLISHED")
                .doesNotContainKey("productId");

        // by status: the held one only under PENDING, the published ones only under PUBLISHED
        JsonPath published = list("bob", "?status=PUBLISHED&size=2");
        assertThat(published.getList("items.id", String.class)).containsExactly(seller, product);
        assertThat(published.getList("items.status", String.class)).containsOnly("PUBLISHED");
        JsonPath waiting = list("bob", "?status=PENDING&size=100");
        assertThat(waiting.getList("items.id", String.class)).contains(held).doesNotContain(product, seller);
        assertThat(waiting.getList("items.status", String.class)).containsOnly("PENDING");

        // his answer is in his list
        as("bob")
                .body(Map.of("body", "Thank you, enjoy the tent!"))
                .put(LIST + "/" + product + "/reply")
                .then()
                .statusCode(200);
        JsonPath answered = list("bob", "?status=PUBLISHED&size=2");
        assertThat(answered.getString("items[1].reply.body")).isEqualTo("Thank you, enjoy the tent!");

        // every page of the list goes newest to oldest
        List<Instant> dates = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 3; page++) {
            JsonPath p = list("bob", "?size=5" + (cursor == null ? "" : "&cursor=" + cursor));
            p.getList("items.createdAt", String.class).forEach(d -> dates.add(Instant.parse(d)));
            cursor = p.getString("nextCursor");
            if (cursor == null) {
                break;
            }
        }
        assertThat(dates).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void samNeverSeesBobsReviewsNorBobSams() {
        UUID bobs = Purchases.shopOf("bob");
        UUID sams = Purchases.shopOf("sam");
        String forBob = reviewWhenEligible(
                "alice",
                productReview(Purchases.order("alice", bobs, true), 4, "Bob's tent, good value for the price."));
        String forSam = reviewWhenEligible(
                "alice",
                productReview(Purchases.order("alice", sams, true), 3, "Sam's tent, the pegs bent on day one."));

        // the newest reviews of all: if either saw the other's, it would be on this page
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(list("sam", "?size=100").getList("items.id", String.class))
                        .contains(forSam));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(list("bob", "?size=100").getList("items.id", String.class))
                        .contains(forBob));
        JsonPath sam = list("sam", "?size=100");
        assertThat(sam.getList("items.id", String.class)).doesNotContain(forBob);
        assertThat(sam.getList("items.shopId", String.class)).doesNotContain(bobs.toString());
        JsonPath bob = list("bob", "?size=100");
        assertThat(bob.getList("items.id", String.class)).doesNotContain(forSam);
        assertThat(bob.getList("items.shopId", String.class)).doesNotContain(sams.toString());
        // nor may sam answer bob's
        as("sam")
                .body(Map.of("body", "Mine are better"))
                .put(LIST + "/" + forBob + "/reply")
                .then()
                .statusCode(404);
    }

    @Test
    void sellersOnlyAndBadParametersAreProblems() {
        as("alice").get(LIST).then().statusCode(403);
        as("admin").get(LIST).then().statusCode(403);
        given().get(LIST).then().statusCode(401);

        for (String query : new String[] {
            "?status=REMOVED",
            "?status=published",
            "?size=0",
            "?size=101",
            "?cursor=not-a-cursor",
            "?cursor="
                    + java.util.Base64.getUrlEncoder()
                            .encodeToString("yesterday|42".getBytes(java.nio.charset.StandardCharsets.UTF_8))
        }) {
            String field = query.substring(1, query.indexOf('='));
            as("bob")
                    .get(LIST + query)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations.field", hasItem(field));
        }
    }
}
