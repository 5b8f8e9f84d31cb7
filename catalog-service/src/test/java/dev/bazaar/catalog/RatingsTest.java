package dev.bazaar.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.MessageCodec;
import dev.bazaar.contracts.messaging.ReviewEvent.RatingChanged;
import dev.bazaar.contracts.messaging.ReviewEvent.Subject;
import dev.bazaar.contracts.messaging.Topic;
import dev.bazaar.devstack.testing.KafkaTopics;
import dev.bazaar.devstack.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ratings from review-service (RatingChanged on the real review.events, as review-service publishes them) reach the
 * product page, the shop profile and search: the minRating filter, sort=rating with its cursor, the rating facet — and
 * survive a reindex. Only a newer sequence changes a rating: a late older one or a replay changes nothing.
 */
@QuarkusTest
class RatingsTest {

    /** Where the catalog's rating consumer commits what it has handled (application.properties). */
    private static final String GROUP = "catalog-ratings";

    @Inject
    Pool pool;

    @Inject
    RestClient openSearch;

    KafkaProducer<String, String> producer;
    /** The last record published (key, value): what a redelivery sends again. */
    ProducerRecord<String, String> lastSent;

    String shopId;
    String shopSlug;

    @BeforeEach
    void givenBobsApprovedShop() throws Exception {
        pool.query("TRUNCATE shop CASCADE").execute().await().indefinitely();
        Request wipe = new Request("POST", "/products/_delete_by_query");
        wipe.addParameter("refresh", "true");
        wipe.addParameter("conflicts", "proceed");
        wipe.setJsonEntity("{\"query\":{\"match_all\":{}}}");
        openSearch.performRequest(wipe);
        shopSlug = "bob-" + UUID.randomUUID().toString().substring(0, 8);
        shopId = given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .contentType("application/json")
                .body(Map.of("name", "Bob's lamps", "slug", shopSlug, "country", "US"))
                .when()
                .post("/api/v1/seller/shop")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .post("/api/v1/admin/shops/" + shopId + "/approve")
                .then()
                .statusCode(200);
        producer = new KafkaProducer<>(
                KafkaTopics.client(Map.of(ProducerConfig.ACKS_CONFIG, "all")),
                new StringSerializer(),
                new StringSerializer());
    }

    @AfterEach
    void closeProducer() {
        producer.close();
    }

    @Test
    void aProductsRatingShowsOnItsPageAndInSearchWithinSeconds() {
        String lamp = activeProduct("Amber Lamp");
        await().atMost(Duration.ofSeconds(15)).until(() -> search("").getInt("total") == 1);
        given().when()
                .get("/api/v1/products/" + lamp)
                .then()
                .statusCode(200)
                .body("rating.averageTenths", equalTo(0))
                .body("rating.count", equalTo(0));
        assertThat(search("&minRating=1").getInt("total"))
                .as("unrated is not 1★ & up")
                .isZero();

        publish(rating(lamp, 45, 0, 0, 0, 1, 1), 1);

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> given().when()
                        .get("/api/v1/products/" + lamp)
                        .then()
                        .statusCode(200)
                        .body("rating.averageTenths", equalTo(45))
                        .body("rating.count", equalTo(2)));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> search("&minRating=4").getInt("total") == 1);
        JsonPath found = search("&minRating=4");
        assertThat(found.getString("items[0].id")).isEqualTo(lamp);
        assertThat(found.getInt("items[0].rating.averageTenths")).isEqualTo(45);
        assertThat(found.getInt("items[0].rating.count")).isEqualTo(2);
        assertThat(search("&minRating=5").getInt("total")).as("4.5 is not 5★").isZero();
    }

    @Test
    void anOlderRatingArrivingAfterANewerOneChangesNothing() {
        String lamp = activeProduct("Amber Lamp");
        publish(rating(lamp, 45, 0, 0, 0, 1, 1), 5);
        RecordMetadata late = publish(rating(lamp, 20, 0, 1, 0, 0, 0), 3);
        awaitHandled(late);

        given().when()
                .get("/api/v1/products/" + lamp)
                .then()
                .statusCode(200)
                .body("rating.averageTenths", equalTo(45))
                .body("rating.count", equalTo(2));
        assertThat(stored(lamp).getLong("sequence")).isEqualTo(5);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> search("&minRating=4").getInt("total") == 1);
        assertThat(search("").getInt("items[0].rating.averageTenths")).isEqualTo(45);
    }

    @Test
    void aReplayedRatingChangesNothing() {
        String lamp = activeProduct("Amber Lamp");
        RecordMetadata first = publish(rating(lamp, 40, 0, 0, 0, 1, 0), 2);
        awaitHandled(first);
        OffsetDateTime keptAt = stored(lamp).getOffsetDateTime("updated_at");

        RecordMetadata replay = send(lastSent);
        awaitHandled(replay);

        Row row = stored(lamp);
        assertThat(row.getOffsetDateTime("updated_at"))
                .as("the kept rating was not written again")
                .isEqualTo(keptAt);
        assertThat(row.getInteger("average_tenths")).isEqualTo(40);
        given().when()
                .get("/api/v1/products/" + lamp)
                .then()
                .statusCode(200)
                .body("rating.averageTenths", equalTo(40))
                .body("rating.count", equalTo(1));
    }

    @Test
    void sortByRatingPutsTheBestRatedFirstTheBetterFoundedAheadAndPagesWithTheCursor() {
        String many = activeProduct("Amber Lamp");
        String few = activeProduct("Brass Lamp");
        String middling = activeProduct("Copper Lamp");
        String unrated = activeProduct("Dune Lamp");
        publish(rating(few, 45, 0, 0, 0, 1, 1), 1);
        publish(rating(many, 45, 0, 0, 1, 3, 6), 1);
        publish(rating(middling, 30, 1, 1, 1, 1, 1), 1);
        List<String> expected = List.of(many, few, middling, unrated);
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        search("&sort=rating").getList("items.id", String.class).equals(expected));
        // the order above also holds while the middling rating is still on its way (Copper sorts ahead of the unrated
        // Dune by title): wait until all three ratings are searchable
        await().atMost(Duration.ofSeconds(20))
                .until(() -> search("&minRating=1").getInt("total") == 3);

        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = given().queryParam("size", 1)
                    .queryParam("sort", "rating")
                    .queryParam("shop", shopSlug)
                    .queryParams(cursor == null ? Map.of() : Map.of("cursor", cursor))
                    .when()
                    .get("/api/v1/products")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            paged.addAll(page.getList("items.id", String.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertThat(paged).as("the cursor follows the rating order").isEqualTo(expected);

        JsonPath all = search("");
        Map<String, Integer> facet = new java.util.LinkedHashMap<>();
        List<Map<String, Object>> buckets = all.getList("facets.rating");
        buckets.forEach(b -> facet.put((String) b.get("value"), ((Number) b.get("count")).intValue()));
        assertThat(facet).containsExactly(Map.entry("4", 2), Map.entry("3", 3), Map.entry("2", 3), Map.entry("1", 3));
        facet.forEach((stars, count) -> assertThat(search("&minRating=" + stars).getInt("total"))
                .as(stars + "★ & up")
                .isEqualTo(count));
        assertThat(search("&minRating=4&sort=rating").getList("items.id", String.class))
                .containsExactly(many, few);

        // a rebuild reads the ratings from PostgreSQL with everything else
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .post("/api/v1/admin/search/reindex")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> search("&sort=rating").getInt("total") == 4);
        assertThat(search("&sort=rating").getList("items.id", String.class)).isEqualTo(expected);
        assertThat(search("&sort=rating").getList("items.rating.count", Integer.class))
                .containsExactly(10, 2, 5, 0);
    }

    @Test
    void aRatingThatComesBeforeTheProductIsVisibleIsShownOnceItIs() {
        String lamp = create("Amber Lamp");
        awaitHandled(publish(rating(lamp, 50, 0, 0, 0, 0, 3), 7));
        assertThat(stored(lamp).getInteger("average_tenths")).isEqualTo(50);

        activate(lamp);

        await().atMost(Duration.ofSeconds(15))
                .until(() -> search("&minRating=5").getInt("total") == 1);
        given().when()
                .get("/api/v1/products/" + lamp)
                .then()
                .statusCode(200)
                .body("rating.averageTenths", equalTo(50))
                .body("rating.count", equalTo(3));
    }

    @Test
    void aShopsRatingShowsOnItsProfile() {
        given().when()
                .get("/api/v1/shops/" + shopSlug)
                .then()
                .statusCode(200)
                .body("rating.averageTenths", equalTo(0))
                .body("rating.count", equalTo(0));

        publish(new RatingChanged(UUID.fromString(shopId), Subject.SHOP, 38, 4, List.of(0L, 1L, 0L, 2L, 1L)), 4);

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> given().when()
                        .get("/api/v1/shops/" + shopSlug)
                        .then()
                        .statusCode(200)
                        .body("rating.averageTenths", equalTo(38))
                        .body("rating.count", equalTo(4)));
    }

    @Test
    void aMinRatingThatIsNotOneToFiveStarsIsRefused() {
        for (String bad : List.of("0", "6", "abc", "4.5", "-1")) {
            given().queryParam("minRating", bad)
                    .when()
                    .get("/api/v1/products")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://bazaar.dev/problems/validation"))
                    .body("violations.field", hasItem("minRating"));
        }
        given().queryParam("sort", "stars")
                .when()
                .get("/api/v1/products")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("sort"));
    }

    // ---- helpers

    private static RatingChanged rating(String productId, int averageTenths, long... histogram) {
        long count = 0;
        List<Long> h = new ArrayList<>();
        for (long n : histogram) {
            h.add(n);
            count += n;
        }
        return new RatingChanged(UUID.fromString(productId), Subject.PRODUCT, averageTenths, count, h);
    }

    /** Publishes the rating on review.events as review-service does: keyed by subject, the sequence as version. */
    private RecordMetadata publish(RatingChanged changed, long sequence) {
        lastSent = new ProducerRecord<>(
                Topic.REVIEW_EVENTS.topicName(),
                changed.key(),
                MessageCodec.encodeToString(Envelope.of(changed, sequence, Instant.now(), null, null)));
        return send(lastSent);
    }

    private RecordMetadata send(ProducerRecord<String, String> record) {
        try {
            return producer.send(record).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish on review.events", e);
        }
    }

    /** Waits until the catalog's consumer has committed past {@code record}: it has been handled. */
    private static void awaitHandled(RecordMetadata record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try (Admin admin = Admin.create(KafkaTopics.client(Map.of()))) {
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        OffsetAndMetadata committed = admin.listConsumerGroupOffsets(GROUP)
                                .partitionsToOffsetAndMetadata()
                                .get(10, TimeUnit.SECONDS)
                                .get(partition);
                        return committed != null && committed.offset() > record.offset();
                    });
        }
    }

    private Row stored(String productId) {
        return pool.preparedQuery("SELECT * FROM rating WHERE subject = 'PRODUCT' AND subject_id = $1")
                .execute(Tuple.of(UUID.fromString(productId)))
                .map(rows -> rows.iterator().next())
                .await()
                .indefinitely();
    }

    private JsonPath search(String query) {
        return given().when()
                .get("/api/v1/products?size=20&shop=" + shopSlug + query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private String activeProduct(String title) {
        String id = create(title);
        activate(id);
        return id;
    }

    private String create(String title) {
        String category = pool.query("SELECT id FROM category WHERE slug = 'boots'")
                .execute()
                .map(r -> r.iterator().next().getUUID(0).toString())
                .await()
                .indefinitely();
        return given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .contentType("application/json")
                .body(Map.of(
                        "title",
                        title,
                        "categoryId",
                        category,
                        "variants",
                        List.of(Map.of(
                                "sku",
                                "L-" + UUID.randomUUID().toString().substring(0, 8),
                                "price",
                                Map.of("amount", 4900, "currency", "USD"),
                                "stock",
                                3,
                                "weightGrams",
                                800))))
                .when()
                .post("/api/v1/seller/products")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private void activate(String productId) {
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .when()
                .post("/api/v1/seller/products/" + productId + "/submit")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .post("/api/v1/admin/products/" + productId + "/approve")
                .then()
                .statusCode(200);
    }
}
