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
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ShopOnboardingTest {

    @Inject
    Pool pool;

    String slug = "bobs-tees-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void givenNoShopsYet() {
        pool.query("TRUNCATE shop CASCADE").execute().await().indefinitely();
    }

    @Test
    void aSellerOpensAShopThatWaitsForApprovalAndIsNotPublicYet() {
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .contentType("application/json")
                .body(Map.of("name", "Bob's Tees", "slug", slug, "description", "Soft cotton tees", "country", "US"))
                .when()
                .post("/api/v1/seller/shop")
                .then()
                .statusCode(201)
                .body("status", equalTo("PENDING_APPROVAL"))
                .body("ownerSubject", equalTo(KeycloakTokens.subject(KeycloakTokens.user("bob"))));

        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .when()
                .get("/api/v1/seller/shop")
                .then()
                .statusCode(200)
                .body("slug", equalTo(slug));
        given().when().get("/api/v1/shops/" + slug).then().statusCode(404);
    }

    @Test
    void aSellerHasOneShopAndSlugsAreUnique() {
        openBobsShop();
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .contentType("application/json")
                .body(Map.of("name", "Bob again", "slug", slug + "-2", "country", "US"))
                .when()
                .post("/api/v1/seller/shop")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://bazaar.dev/problems/shop-exists"));
        given().auth()
                .oauth2(KeycloakTokens.user("sam"))
                .contentType("application/json")
                .body(Map.of("name", "Sam's", "slug", slug, "country", "GB"))
                .when()
                .post("/api/v1/seller/shop")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://bazaar.dev/problems/slug-taken"));
    }

    @Test
    void aShopOpenedWithoutASlugGetsOneMadeFromItsNameThatNoOtherShopHas() {
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .contentType("application/json")
                .body(Map.of("name", "Crème & Tees", "country", "US"))
                .when()
                .post("/api/v1/seller/shop")
                .then()
                .statusCode(201)
                .body("slug", equalTo("creme-tees"));
        // another seller, the same name: the next free address
        given().auth()
                .oauth2(KeycloakTokens.user("sam"))
                .contentType("application/json")
                .body(Map.of("name", "Crème & Tees!", "country", "GB"))
                .when()
                .post("/api/v1/seller/shop")
                .then()
                .statusCode(201)
                .body("slug", equalTo("creme-tees-2"));
        // a seller with a shop still has one shop, slug or not
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .contentType("application/json")
                .body(Map.of("name", "Second", "country", "US"))
                .when()
                .post("/api/v1/seller/shop")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://bazaar.dev/problems/shop-exists"));
        assertThat(shopCount()).isEqualTo(2);
    }

    @Test
    void anEmptySlugIsAnErrorNotARequestToMakeOne() {
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .contentType("application/json")
                .body(Map.of("name", "Bob's Tees", "slug", "", "country", "US"))
                .when()
                .post("/api/v1/seller/shop")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("violations.field", hasItems("slug"));
        assertThat(shopCount()).isZero();
    }

    @Test
    void theOpenApiDocumentSaysTheSlugIsOptionalAndHowItIsMade() {
        var doc = given().queryParam("format", "json")
                .when()
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<String> required = doc.getList("components.schemas.OpenShop.required");
        assertThat(required).contains("name", "country").doesNotContain("slug");
        assertThat(doc.getString("components.schemas.OpenShop.properties.slug.description"))
                .contains("Optional")
                .contains("made from the name")
                .contains("409 slug-taken");
    }

    @Test
    void badInputIsRefusedWithFieldErrorsAndNothingIsWritten() {
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .contentType("application/json")
                .body(Map.of("name", "", "slug", "Not A Slug!", "country", "usa"))
                .when()
                .post("/api/v1/seller/shop")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("violations.field", hasItems("name", "slug", "country"));
        assertThat(shopCount()).isZero();
    }

    @Test
    void onlySellersOpenShopsAndASellerWithoutOneGets404() {
        given().contentType("application/json")
                .body(Map.of("name", "x", "slug", slug, "country", "US"))
                .when()
                .post("/api/v1/seller/shop")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(KeycloakTokens.user("alice"))
                .contentType("application/json")
                .body(Map.of("name", "x", "slug", slug, "country", "US"))
                .when()
                .post("/api/v1/seller/shop")
                .then()
                .statusCode(403);
        openBobsShop();
        // sam has no shop: he never sees bob's through the seller endpoints
        given().auth()
                .oauth2(KeycloakTokens.user("sam"))
                .when()
                .get("/api/v1/seller/shop")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(KeycloakTokens.user("sam"))
                .contentType("application/json")
                .body(Map.of("name", "Taken over"))
                .when()
                .patch("/api/v1/seller/shop")
                .then()
                .statusCode(404);
    }

    @Test
    void aSellerEditsTheirShopButNotItsSlug() {
        openBobsShop();
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .contentType("application/json")
                .body(Map.of("name", "Bob's Fine Tees", "slug", "ignored"))
                .when()
                .patch("/api/v1/seller/shop")
                .then()
                .statusCode(200)
                .body("name", equalTo("Bob's Fine Tees"))
                .body("slug", equalTo(slug))
                .body("version", equalTo(1));
    }

    @Test
    void anAdminApprovesAShopWhichBecomesPublicAndIsAnnouncedOnKafka() {
        String id = openBobsShop();
        Instant before = Instant.now();

        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .post("/api/v1/admin/shops/" + id + "/approve")
                .then()
                .statusCode(200)
                .body("status", equalTo("APPROVED"));

        given().when()
                .get("/api/v1/shops/" + slug)
                .then()
                .statusCode(200)
                .body("name", equalTo("Bob's Tees"))
                .body("ownerSubject", equalTo(null));
        Envelope<?> event = awaitShopEvent(UUID.fromString(id), "ShopApproved", before);
        ShopEvent.ShopApproved approved = (ShopEvent.ShopApproved) event.payload();
        assertThat(approved.slug()).isEqualTo(slug);
        assertThat(approved.ownerSubject()).isEqualTo(KeycloakTokens.subject(KeycloakTokens.user("bob")));
        assertThat(event.aggregateVersion()).isEqualTo(1);

        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .post("/api/v1/admin/shops/" + id + "/approve")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://bazaar.dev/problems/illegal-transition"));
    }

    @Test
    void aSuspendedShopLeavesThePublicAndTheReasonTravels() {
        String id = openBobsShop();
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .post("/api/v1/admin/shops/" + id + "/approve")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .contentType("application/json")
                .body(Map.of())
                .when()
                .post("/api/v1/admin/shops/" + id + "/suspend")
                .then()
                .statusCode(400)
                .body("violations.field", hasItems("reason"));
        Instant before = Instant.now();
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .contentType("application/json")
                .body(Map.of("reason", "counterfeit goods"))
                .when()
                .post("/api/v1/admin/shops/" + id + "/suspend")
                .then()
                .statusCode(200)
                .body("status", equalTo("SUSPENDED"));

        given().when().get("/api/v1/shops/" + slug).then().statusCode(404);
        ShopEvent.ShopSuspended suspended = (ShopEvent.ShopSuspended)
                awaitShopEvent(UUID.fromString(id), "ShopSuspended", before).payload();
        assertThat(suspended.reason()).isEqualTo("counterfeit goods");
    }

    @Test
    void sellersCannotReviewShops() {
        String id = openBobsShop();
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .when()
                .post("/api/v1/admin/shops/" + id + "/approve")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .post("/api/v1/admin/shops/" + UUID.randomUUID() + "/approve")
                .then()
                .statusCode(404);
    }

    private String openBobsShop() {
        return given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .contentType("application/json")
                .body(Map.of("name", "Bob's Tees", "slug", slug, "country", "US"))
                .when()
                .post("/api/v1/seller/shop")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private long shopCount() {
        return pool.query("SELECT count(*) FROM shop")
                .execute()
                .map(r -> r.iterator().next().getLong(0))
                .await()
                .indefinitely();
    }

    /** Reads catalog.shop-events (from the start, a fresh group) until the shop's event of that type appears. */
    private Envelope<?> awaitShopEvent(UUID shopId, String type, Instant notBefore) {
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
                    if (!record.key().equals(shopId.toString())) {
                        continue;
                    }
                    var decoded = MessageCodec.decode(Topic.SHOP_EVENTS, record.value());
                    if (decoded instanceof MessageCodec.Decoded.Ok ok
                            && ok.envelope().type().equals(type)
                            && !ok.envelope().occurredAt().isBefore(notBefore.minusSeconds(1))) {
                        return ok.envelope();
                    }
                }
            }
        }
        throw new AssertionError("no " + type + " for shop " + shopId + " on " + Topic.SHOP_EVENTS.topicName());
    }
}
