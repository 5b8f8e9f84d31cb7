package dev.bazaar.review;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.bazaar.review.Purchases.Bought;
import dev.bazaar.review.persistence.Reviews;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The public list of a product's or shop's published reviews, page by page along {@code nextCursor}, in both orders:
 * every review exactly once, in the documented order (newest: publishedAt, id; helpful: helpfulCount, publishedAt, id;
 * all descending), ties included; a cursor the API did not hand out is a 400; the subject's rating comes with every
 * page, cached like the rest.
 */
@QuarkusTest
class ReviewListTest extends ReviewDevstack {

    static final List<String> VOTERS = List.of("load011", "load012", "load013");

    @Inject
    Reviews reviews;

    /** A review as the list shows it: what its place in each order depends on. */
    record Shown(String id, int rating, int helpfulCount, Instant publishedAt) {
        static Shown of(Map<String, Object> item) {
            return new Shown(
                    (String) item.get("id"),
                    (Integer) item.get("rating"),
                    (Integer) item.get("helpfulCount"),
                    Instant.parse((String) item.get("publishedAt")));
        }
    }

    static final Comparator<Shown> NEWEST =
            Comparator.comparing(Shown::publishedAt).thenComparing(Shown::id).reversed();
    static final Comparator<Shown> HELPFUL =
            Comparator.comparingInt(Shown::helpfulCount).reversed().thenComparing(NEWEST);

    /** Every page of {@code path}'s list in {@code sort}, {@code size} at a time: the pages' reviews in order. */
    static List<Shown> allPages(String path, String sort, Integer stars, int size) {
        List<Shown> out = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, Object> params = new HashMap<>(Map.of("sort", sort, "size", size));
            if (stars != null) {
                params.put("stars", stars);
            }
            if (cursor != null) {
                params.put("cursor", cursor);
            }
            Response r = given().queryParams(params).get(path);
            r.then().statusCode(200).body("size", equalTo(size)).body("rating.count", notNullValue());
            List<Map<String, Object>> items = r.path("items");
            cursor = r.path("nextCursor");
            assertThat(items.size()).as("page %d of %s %s", pages, sort, path).isLessThanOrEqualTo(size);
            if (cursor != null) {
                assertThat(items).as("a page with a next one is full").hasSize(size);
            }
            items.forEach(i -> out.add(Shown.of(i)));
            pages++;
            assertThat(pages).as("the cursor moves on").isLessThan(50);
        } while (cursor != null);
        return out;
    }

    static void vote(String review, int votes) {
        for (int i = 0; i < votes; i++) {
            ReviewFlowTest.as(VOTERS.get(i))
                    .post("/api/v1/reviews/" + review + "/helpful")
                    .then()
                    .statusCode(200);
        }
    }

    @Test
    void bothOrdersPageByCursorWithoutRepeatsOrGapsTiesIncludedWithTheRatingOnEveryPage() {
        UUID shop = Purchases.shopOf("bob");
        UUID product = UUID.randomUUID();
        UUID variant = UUID.randomUUID();
        // seven orders of the same product (each line is reviewed once), by two buyers
        int[] stars = {5, 4, 4, 2, 5, 3, 4};
        int[] votes = {0, 2, 0, 2, 1, 0, 3};
        List<String> ids = new ArrayList<>();
        List<Bought> orders = new ArrayList<>();
        for (int i = 0; i < stars.length; i++) {
            orders.add(Purchases.order(i % 2 == 0 ? "alice" : "carol", shop, product, variant, true));
        }
        for (int i = 0; i < stars.length; i++) {
            Bought b = orders.get(i);
            ids.add(ReviewFlowTest.reviewWhenEligible(
                    b.buyer(), ReviewFlowTest.productReview(b, stars[i], "Review number " + i + " of the tent")));
            vote(ids.get(i), votes[i]);
        }
        // four of them shown at the same millisecond, two of those with as many votes: only the id orders them
        Instant same = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        reviews.mongoCollection()
                .updateMany(
                        Filters.in("_id", ids.get(0), ids.get(2), ids.get(3), ids.get(5)),
                        Updates.combine(Updates.set("publishedAt", same), Updates.inc("rev", 1L)))
                .await()
                .atMost(Duration.ofSeconds(5));

        String path = "/api/v1/products/" + product + "/reviews";
        List<Shown> all = allPages(path, "newest", null, 100);
        assertThat(all).extracting(Shown::id).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(all).filteredOn(s -> s.publishedAt().equals(same)).hasSize(4);
        for (int size : new int[] {1, 2, 3}) {
            assertThat(allPages(path, "newest", null, size))
                    .as("newest, %d a page", size)
                    .containsExactlyElementsOf(all.stream().sorted(NEWEST).toList());
            assertThat(allPages(path, "helpful", null, size))
                    .as("helpful, %d a page", size)
                    .containsExactlyElementsOf(all.stream().sorted(HELPFUL).toList());
        }
        for (int s = 1; s <= 5; s++) {
            int star = s;
            List<Shown> withStars = all.stream().filter(r -> r.rating() == star).toList();
            assertThat(allPages(path, "newest", star, 2))
                    .as("%d stars, newest", star)
                    .containsExactlyElementsOf(withStars.stream().sorted(NEWEST).toList());
            assertThat(allPages(path, "helpful", star, 2))
                    .as("%d stars, helpful", star)
                    .containsExactlyElementsOf(
                            withStars.stream().sorted(HELPFUL).toList());
        }
        assertThat(all.stream().sorted(HELPFUL).map(Shown::helpfulCount)).containsExactly(3, 2, 2, 1, 0, 0, 0);

        // the subject's rating with every page: 27 stars over 7 reviews = 3.857… → 39 tenths
        Response first = given().queryParam("size", 2).get(path);
        first.then()
                .statusCode(200)
                .body("total", equalTo(7))
                .body("rating.subject", equalTo("PRODUCT"))
                .body("rating.subjectId", equalTo(product.toString()))
                .body("rating.averageTenths", equalTo(39))
                .body("rating.count", equalTo(7))
                .body("rating.histogram", equalTo(List.of(0, 1, 1, 3, 2)))
                .header("Cache-Control", "public, max-age=30")
                .header("ETag", notNullValue());
        String cursor = first.path("nextCursor");
        Response second =
                given().queryParam("size", 2).queryParam("cursor", cursor).get(path);
        second.then()
                .statusCode(200)
                .body("total", equalTo(7))
                .body("rating.averageTenths", equalTo(39))
                .body("rating.histogram", equalTo(List.of(0, 1, 1, 3, 2)));
        assertThat(second.header("ETag")).isNotEqualTo(first.header("ETag"));
        given().queryParam("size", 2)
                .queryParam("cursor", cursor)
                .header("If-None-Match", second.header("ETag"))
                .get(path)
                .then()
                .statusCode(304);
        given().queryParam("stars", 4)
                .queryParam("size", 2)
                .get(path)
                .then()
                .body("total", equalTo(3))
                .body("rating.count", equalTo(7));
    }

    @Test
    void aShopsListCarriesItsScoresAndPagesTheSameWay() {
        UUID shop = Purchases.shopOf("sam");
        List<String> ids = new ArrayList<>();
        int[] stars = {4, 2, 5};
        for (int i = 0; i < stars.length; i++) {
            Bought b = Purchases.order(i == 1 ? "carol" : "alice", shop, true);
            ids.add(ReviewFlowTest.reviewWhenEligible(b.buyer(), ReviewFlowTest.shopReview(b, stars[i])));
        }
        vote(ids.get(0), 1);
        String path = "/api/v1/shops/" + shop + "/reviews";
        List<Shown> newest = allPages(path, "newest", null, 2);
        assertThat(newest)
                .extracting(Shown::id)
                .containsExactlyInAnyOrderElementsOf(ids)
                .containsExactlyElementsOf(
                        newest.stream().sorted(NEWEST).map(Shown::id).toList());
        assertThat(allPages(path, "helpful", null, 1))
                .extracting(Shown::id)
                .first()
                .isEqualTo(ids.get(0));
        given().get(path)
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("nextCursor", nullValue())
                .body("items[0].scores.shipping", equalTo(3))
                .body("rating.subject", equalTo("SHOP"))
                .body("rating.averageTenths", equalTo(37))
                .body("rating.count", equalTo(3))
                .body("rating.histogram", equalTo(List.of(0, 1, 0, 1, 1)))
                .body("rating.dimensions.asDescribedTenths", equalTo(50))
                .body("rating.dimensions.shippingTenths", equalTo(30));
        given().get("/api/v1/shops/" + shop + "/rating").then().statusCode(200).body("averageTenths", equalTo(37));
    }

    @Test
    void aCursorTheApiDidNotHandOutIsA400AndChangesNothing() {
        UUID shop = Purchases.shopOf("bob");
        UUID product = UUID.randomUUID();
        UUID variant = UUID.randomUUID();
        for (String buyer : List.of("alice", "carol")) {
            Bought b = Purchases.order(buyer, shop, product, variant, true);
            ReviewFlowTest.reviewWhenEligible(buyer, ReviewFlowTest.productReview(b, 4, "Fine tent for " + buyer));
        }
        String path = "/api/v1/products/" + product + "/reviews";
        String newest = given().queryParam("size", 1).get(path).path("nextCursor");
        String helpful = given().queryParam("size", 1)
                .queryParam("sort", "helpful")
                .get(path)
                .path("nextCursor");
        assertThat(newest).isNotNull();
        assertThat(helpful).isNotNull().isNotEqualTo(newest);
        List<Map<String, Object>> damaged = List.of(
                Map.of("cursor", "!!!"),
                Map.of("cursor", newest.substring(0, newest.length() - 5)),
                Map.of("cursor", newest.substring(0, newest.length() - 4)),
                Map.of("cursor", "x".repeat(201)),
                Map.of("cursor", newest, "sort", "helpful"),
                Map.of("cursor", helpful, "sort", "newest"),
                Map.of("cursor", helpful));
        for (Map<String, Object> params : damaged) {
            Response r = given().queryParams(params).get(path);
            assertThat(r.statusCode()).as("%s: %s", params, r.asString()).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.<List<String>>path("violations.field"))
                    .as(params.toString())
                    .containsExactly("cursor");
        }
        // page numbers are gone; sizes stay within 1..100
        given().queryParam("page", 1).get(path).then().statusCode(400).body("violations.field", hasItem("page"));
        for (int size : new int[] {0, 101}) {
            given().queryParam("size", size).get(path).then().statusCode(400).contentType("application/problem+json");
        }
        given().queryParam("size", 1)
                .queryParam("cursor", newest)
                .get(path)
                .then()
                .statusCode(200)
                .body("items", org.hamcrest.Matchers.hasSize(1))
                .body("nextCursor", nullValue());
    }
}
