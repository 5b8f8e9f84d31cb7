package dev.bazaar.review;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.mongodb.client.model.Filters;
import dev.bazaar.review.persistence.Reviews;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * bench/run-reviews' seed and yardstick, on as in the load profile: the seed's reviews are real published reviews
 * (counted in the rating, their events relayed, votes ordering "most helpful"), and the bare read finds the same first
 * page, total and rating as the public list it is the floor of. Bad input is a 400 that writes nothing.
 */
@QuarkusTest
@TestProfile(BenchRoutesTest.LoadProfile.class)
class BenchRoutesTest extends ReviewDevstack {

    /** What the {@code load} profile turns on for review-service (the profile itself is not active in tests). */
    public static class LoadProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bazaar.reviews.bench-endpoints", "true");
        }
    }

    @Inject
    Reviews reviews;

    @Test
    void theSeedWritesPublishedReviewsThroughTheWritePathAndTheBareReadFindsThePublicListsFirstPage() {
        UUID product = UUID.randomUUID();
        UUID shop = UUID.randomUUID();
        // 23: more than a page, so the bare read's page is cut at 20 like the public one
        given().queryParam("product", product)
                .queryParam("shop", shop)
                .queryParam("n", 23)
                .when()
                .post("/bench/seed/reviews")
                .then()
                .statusCode(200)
                .body("reviews", equalTo(23))
                .body("published", equalTo(23))
                // every third review (0, 3, …, 21): 1, 2, 3, 4, 5, 1, 2, 3 votes
                .body("votes", equalTo(21));

        String path = "/api/v1/products/" + product + "/reviews";
        for (String sort : List.of("newest", "helpful")) {
            Response service = given().queryParam("sort", sort).get(path);
            service.then().statusCode(200).body("total", equalTo(23)).body("rating.count", equalTo(23));
            Response bare = given().queryParam("product", product)
                    .queryParam("sort", sort)
                    .get("/bench/bare/reviews");
            bare.then()
                    .statusCode(200)
                    .body("total", equalTo(23))
                    .body("rating.count", equalTo(23))
                    .body("rating.averageTenths", equalTo(service.<Integer>path("rating.averageTenths")))
                    .body("rating.histogram", equalTo(service.path("rating.histogram")));
            List<String> shown = service.path("items.id");
            assertThat(shown).hasSize(20);
            assertThat(bare.<List<String>>path("items.id")).as(sort).containsExactlyElementsOf(shown);
        }
        List<Integer> helpful = given().queryParam("sort", "helpful").get(path).path("items.helpfulCount");
        assertThat(helpful.subList(0, 3)).as("most helpful first").containsExactly(5, 4, 3);
        assertThat(given().queryParam("product", product)
                        .get("/bench/bare/reviews")
                        .<List<Object>>path("items"))
                .as("newest is the default order")
                .hasSize(20);

        // the events written with each review and its votes are published by the relay like any other
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(reviews.mongoCollection()
                                .countDocuments(Filters.and(
                                        Filters.eq("subjectId", product.toString()), Filters.eq("pending", true)))
                                .await()
                                .atMost(Duration.ofSeconds(5)))
                        .isZero());

        // a second seed of the same product adds reviews by new buyers
        given().queryParam("product", product)
                .queryParam("shop", shop)
                .queryParam("n", 2)
                .when()
                .post("/bench/seed/reviews")
                .then()
                .statusCode(200)
                .body("published", equalTo(2));
        given().queryParam("product", product)
                .get("/bench/bare/reviews")
                .then()
                .statusCode(200)
                .body("total", equalTo(25))
                .body("rating.count", equalTo(25));
    }

    @Test
    void badInputIsA400AndWritesNothing() {
        UUID product = UUID.randomUUID();
        UUID shop = UUID.randomUUID();
        given().queryParam("product", "not-a-uuid")
                .queryParam("shop", shop)
                .queryParam("n", 3)
                .when()
                .post("/bench/seed/reviews")
                .then()
                .statusCode(400);
        given().queryParam("product", product)
                .queryParam("n", 3)
                .when()
                .post("/bench/seed/reviews")
                .then()
                .statusCode(400);
        given().queryParam("product", product)
                .queryParam("shop", shop)
                .queryParam("n", 0)
                .when()
                .post("/bench/seed/reviews")
                .then()
                .statusCode(400);
        given().queryParam("product", product)
                .queryParam("shop", shop)
                .queryParam("n", 10_001)
                .when()
                .post("/bench/seed/reviews")
                .then()
                .statusCode(400);
        given().queryParam("product", product)
                .queryParam("shop", shop)
                .queryParam("n", "many")
                .when()
                .post("/bench/seed/reviews")
                .then()
                .statusCode(400);
        given().queryParam("product", product)
                .get("/bench/bare/reviews")
                .then()
                .statusCode(200)
                .body("total", equalTo(0))
                .body("items.size()", equalTo(0))
                .body("rating.count", equalTo(0));
        assertThat(reviews.mongoCollection()
                        .countDocuments(Filters.eq("subjectId", product.toString()))
                        .await()
                        .atMost(Duration.ofSeconds(5)))
                .isZero();

        given().get("/bench/bare/reviews").then().statusCode(400);
        given().queryParam("product", "nope").get("/bench/bare/reviews").then().statusCode(400);
        given().queryParam("product", product)
                .queryParam("sort", "worst")
                .get("/bench/bare/reviews")
                .then()
                .statusCode(400);
    }
}
