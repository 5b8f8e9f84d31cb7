package dev.bazaar.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.MessageCodec;
import dev.bazaar.contracts.messaging.ShopEvent;
import dev.bazaar.contracts.messaging.Topic;
import dev.bazaar.devstack.testing.KafkaTopics;
import dev.bazaar.devstack.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A shop's return policy (#23): 30 days until the seller sets 0 to 90 with {@code PUT /api/v1/seller/shop/policy},
 * announced on catalog.shop-events as ShopPolicyChanged and shown on the public profile; bad input, another seller and
 * another role change nothing.
 */
@QuarkusTest
class ShopReturnPolicyTest {

    @Inject
    Pool pool;

    String slug = "bobs-mugs-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void givenNoShopsYet() {
        pool.query("TRUNCATE shop CASCADE").execute().await().indefinitely();
    }

    @Test
    void aSellerSetsTheirReturnWindowWhichIsAnnouncedAndShownToThePublic() {
        String id = open("bob", slug);
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .when()
                .get("/api/v1/seller/shop")
                .then()
                .statusCode(200)
                .body("returnWindowDays", equalTo(30));

        Instant before = Instant.now();
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .contentType("application/json")
                .body(Map.of("returnWindowDays", 7))
                .when()
                .put("/api/v1/seller/shop/policy")
                .then()
                .statusCode(200)
                .body("returnWindowDays", equalTo(7))
                .body("version", equalTo(1))
                .body("status", equalTo("PENDING_APPROVAL"));
        Envelope<?> event = awaitPolicy(UUID.fromString(id), 7, before);
        ShopEvent.ShopPolicyChanged changed = (ShopEvent.ShopPolicyChanged) event.payload();
        assertThat(changed.ownerSubject()).isEqualTo(KeycloakTokens.subject(KeycloakTokens.user("bob")));
        assertThat(event.aggregateVersion()).isEqualTo(1);

        // the same window again changes nothing; 0 (no returns) is a policy too
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .contentType("application/json")
                .body(Map.of("returnWindowDays", 7))
                .when()
                .put("/api/v1/seller/shop/policy")
                .then()
                .statusCode(200)
                .body("version", equalTo(1));
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .contentType("application/json")
                .body(Map.of("returnWindowDays", 0))
                .when()
                .put("/api/v1/seller/shop/policy")
                .then()
                .statusCode(200)
                .body("returnWindowDays", equalTo(0))
                .body("version", equalTo(2));
        assertThat(awaitPolicy(UUID.fromString(id), 0, before).aggregateVersion())
                .isEqualTo(2);

        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .post("/api/v1/admin/shops/" + id + "/approve")
                .then()
                .statusCode(200)
                .body("returnWindowDays", equalTo(0));
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .contentType("application/json")
                .body(Map.of("returnWindowDays", 90))
                .when()
                .put("/api/v1/seller/shop/policy")
                .then()
                .statusCode(200)
                .body("returnWindowDays", equalTo(90))
                .body("status", equalTo("APPROVED"));
        given().when().get("/api/v1/shops/" + slug).then().statusCode(200).body("returnWindowDays", equalTo(90));
    }

    @Test
    void aWindowOutsideZeroToNinetyDaysIsRefusedAndNothingChanges() {
        String id = open("bob", slug);
        Map<String, Object> missing = new HashMap<>();
        missing.put("returnWindowDays", null);
        for (Object body : List.of(Map.of("returnWindowDays", 91), Map.of("returnWindowDays", -1), missing, Map.of())) {
            given().auth()
                    .oauth2(KeycloakTokens.user("bob"))
                    .contentType("application/json")
                    .body(body)
                    .when()
                    .put("/api/v1/seller/shop/policy")
                    .then()
                    .statusCode(400)
                    .contentType(startsWith("application/problem+json"))
                    .body("violations.field", hasItems("returnWindowDays"));
        }
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .contentType("application/json")
                .body("{\"returnWindowDays\": \"two weeks\"}")
                .when()
                .put("/api/v1/seller/shop/policy")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"));
        Row shop = row(id);
        assertThat(shop.getInteger("return_window_days")).isEqualTo(30);
        assertThat(shop.getLong("version")).isZero();
        assertThat(outboxRows(id)).as("nothing announced").isZero();
    }

    @Test
    void onlyTheSellerChangesTheirOwnShopsPolicy() {
        String bobs = open("bob", slug);
        // a seller without a shop has nothing to set, and never reaches bob's
        given().auth()
                .oauth2(KeycloakTokens.user("sam"))
                .contentType("application/json")
                .body(Map.of("returnWindowDays", 0))
                .when()
                .put("/api/v1/seller/shop/policy")
                .then()
                .statusCode(404);
        // with a shop of his own, sam sets his
        String sams = open("sam", slug + "-sam");
        given().auth()
                .oauth2(KeycloakTokens.user("sam"))
                .contentType("application/json")
                .body(Map.of("returnWindowDays", 14))
                .when()
                .put("/api/v1/seller/shop/policy")
                .then()
                .statusCode(200)
                .body("id", equalTo(sams))
                .body("returnWindowDays", equalTo(14));
        // buyers, admins and strangers may not
        given().auth()
                .oauth2(KeycloakTokens.user("alice"))
                .contentType("application/json")
                .body(Map.of("returnWindowDays", 0))
                .when()
                .put("/api/v1/seller/shop/policy")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .contentType("application/json")
                .body(Map.of("returnWindowDays", 0))
                .when()
                .put("/api/v1/seller/shop/policy")
                .then()
                .statusCode(403);
        given().contentType("application/json")
                .body(Map.of("returnWindowDays", 0))
                .when()
                .put("/api/v1/seller/shop/policy")
                .then()
                .statusCode(401);

        assertThat(row(bobs).getInteger("return_window_days")).isEqualTo(30);
        assertThat(row(bobs).getLong("version")).isZero();
        assertThat(outboxRows(bobs)).isZero();
    }

    private String open(String seller, String shopSlug) {
        return given().auth()
                .oauth2(KeycloakTokens.user(seller))
                .contentType("application/json")
                .body(Map.of("name", seller + "'s Mugs", "slug", shopSlug, "country", "US"))
                .when()
                .post("/api/v1/seller/shop")
                .then()
                .statusCode(201)
                .body("returnWindowDays", equalTo(30))
                .extract()
                .path("id");
    }

    private Row row(String id) {
        return pool.preparedQuery("SELECT return_window_days, version FROM shop WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(id)))
                .await()
                .indefinitely()
                .iterator()
                .next();
    }

    /** Messages about the shop written to the outbox (kept there after they are sent). */
    private long outboxRows(String id) {
        return pool.preparedQuery("SELECT count(*) FROM kit_outbox WHERE message_key = $1")
                .execute(Tuple.of(id))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getLong(0);
    }

    /** Reads catalog.shop-events (from the start, a fresh group) until the shop's policy of {@code days} appears. */
    private static Envelope<?> awaitPolicy(UUID shopId, int days, Instant notBefore) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(KafkaTopics.client(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG,
                "catalog-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName())))) {
            consumer.subscribe(List.of(Topic.SHOP_EVENTS.topicName()));
            Instant deadline = Instant.now().plusSeconds(20);
            while (Instant.now().isBefore(deadline)) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key().equals(shopId.toString())
                            && MessageCodec.decode(Topic.SHOP_EVENTS, record.value())
                                    instanceof MessageCodec.Decoded.Ok ok
                            && ok.envelope().payload() instanceof ShopEvent.ShopPolicyChanged p
                            && p.returnWindowDays() == days
                            && !ok.envelope().occurredAt().isBefore(notBefore.minusSeconds(1))) {
                        return ok.envelope();
                    }
                }
            }
        }
        throw new AssertionError(
                "no ShopPolicyChanged(" + days + ") for shop " + shopId + " on " + Topic.SHOP_EVENTS.topicName());
    }
}
