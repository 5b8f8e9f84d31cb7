package dev.bazaar.cart;

import static dev.bazaar.cart.CartTestSupport.add;
import static dev.bazaar.cart.CartTestSupport.as;
import static dev.bazaar.cart.CartTestSupport.awaitCached;
import static dev.bazaar.cart.CartTestSupport.cart;
import static dev.bazaar.cart.CartTestSupport.guest;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.bazaar.cart.Catalog.Product;
import dev.bazaar.cart.messaging.CartEventConsumers;
import dev.bazaar.contracts.messaging.CheckoutEvent;
import dev.bazaar.contracts.messaging.Lines.StockLine;
import dev.bazaar.contracts.messaging.Lines.VariantSummary;
import dev.bazaar.contracts.messaging.ShopEvent;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.devstack.testing.KeycloakTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Guest and buyer carts end to end against real Redis, Kafka (product and checkout events) and Keycloak tokens. */
@QuarkusTest
class CartFlowTest {

    @Inject
    RedisDataSource redis;

    @Inject
    CartEventConsumers shopEvents;

    Product mug;
    Product lamp;

    @BeforeAll
    static void catalog() throws Exception {
        CatalogStub.start();
    }

    @BeforeEach
    void givenTwoPublishedProducts() {
        redis.key().del("cart:rl:ip:127.0.0.1");
        mug = Product.random("Stoneware Mug", 1250);
        lamp = Product.random("Brass Desk Lamp", 8900);
        Catalog.publish(mug, 40, 1);
        Catalog.publish(lamp, 3, 1);
        awaitCached(redis, mug.variantId(), v -> true);
        awaitCached(redis, lamp.variantId(), v -> true);
    }

    @Test
    void aGuestGetsATokenOnTheFirstWriteAndKeepsUsingIt() {
        String token = add(guest(null), mug.variantId(), 2)
                .statusCode(200)
                .header("X-Cart-Token", matchesPattern("[0-9a-f]{32}"))
                .body("item.quantity", equalTo(2))
                .body("item.unitPrice.amount", equalTo(1250))
                .body("item.lineTotal.amount", equalTo(2500))
                .body("lineCount", equalTo(1))
                .extract()
                .header("X-Cart-Token");

        add(guest(token), lamp.variantId(), 1)
                .statusCode(200)
                .header("X-Cart-Token", equalTo(token))
                .body("lineCount", equalTo(2));
        add(guest(token), mug.variantId(), 1).statusCode(200).body("item.quantity", equalTo(3));

        cart(guest(token))
                .statusCode(200)
                .header("X-Cart-Token", equalTo(token))
                .body("id", equalTo(token))
                .body("items", hasSize(2))
                .body("items[0].variantId", equalTo(mug.variantId().toString()))
                .body("items[0].title", equalTo("Stoneware Mug"))
                .body("items[0].quantity", equalTo(3))
                .body("items[0].lineTotal.amount", equalTo(3750))
                .body("items[0].available", equalTo(true))
                .body("subtotal.amount", equalTo(3750 + 8900))
                .body("subtotal.currency", equalTo("USD"))
                .body("itemCount", equalTo(4))
                .body("bySeller", hasSize(2))
                .body("bySeller.find { it.shopId == '" + lamp.shopId() + "' }.subtotal.amount", equalTo(8900))
                .body("warnings", hasSize(0))
                .body("stale", equalTo(false));
        assertThat(redis.key().ttl("cart:guest:" + token)).isBetween(6L * 24 * 3600, 7L * 24 * 3600);
    }

    @Test
    void aGuestWithoutATokenHasAnEmptyCartAndNoToken() {
        cart(guest(null))
                .statusCode(200)
                .header("X-Cart-Token", nullValue())
                .body("items", hasSize(0))
                .body("itemCount", equalTo(0))
                .body("subtotal.amount", equalTo(0));
    }

    @Test
    void aTokenWeNeverIssuedNamesNoCartAndAWriteGetsAFreshOne() {
        String invented = "0123456789abcdef0123456789abcdef";
        cart(guest(invented)).statusCode(200).body("items", hasSize(0));
        String issued = add(guest(invented), mug.variantId(), 1)
                .statusCode(200)
                .extract()
                .header("X-Cart-Token");
        assertThat(issued).isNotEqualTo(invented).matches("[0-9a-f]{32}");
        assertThat(redis.key().exists("cart:guest:" + invented)).isFalse();
        cart(guest(issued)).body("items", hasSize(1));
    }

    @Test
    void aMalformedGuestTokenIsRefused() {
        for (String bad : List.of("not-a-token", "../cart:buyer:alice", "0123456789ABCDEF0123456789ABCDEF")) {
            cart(guest(bad))
                    .statusCode(400)
                    .contentType(startsWith("application/problem+json"))
                    .body("violations.field", hasItem("X-Cart-Token"));
            add(guest(bad), mug.variantId(), 1).statusCode(400);
        }
    }

    @Test
    void aBuyersCartIsKeyedByTheirSubjectAndLives30Days() {
        String alice = KeycloakTokens.subject(KeycloakTokens.user("alice"));
        redis.key().del("cart:buyer:" + alice);
        add(as("alice"), lamp.variantId(), 2).statusCode(200).header("X-Cart-Token", nullValue());
        cart(as("alice")).statusCode(200).body("id", equalTo(alice)).body("items[0].quantity", equalTo(2));
        assertThat(redis.key().ttl("cart:buyer:" + alice)).isGreaterThan(29L * 24 * 3600);
        // another buyer sees their own cart, never alice's
        String carol = KeycloakTokens.subject(KeycloakTokens.user("carol"));
        redis.key().del("cart:buyer:" + carol);
        cart(as("carol")).statusCode(200).body("id", equalTo(carol)).body("items", hasSize(0));
    }

    @Test
    void quantitiesCanBeChangedAndLinesRemoved() {
        String token = add(guest(null), mug.variantId(), 2).extract().header("X-Cart-Token");
        add(guest(token), lamp.variantId(), 1).statusCode(200);
        guest(token)
                .contentType("application/json")
                .body(Map.of("quantity", 5))
                .when()
                .patch("/api/v1/cart/items/" + mug.variantId())
                .then()
                .statusCode(200)
                .body("item.quantity", equalTo(5));
        guest(token)
                .contentType("application/json")
                .body(Map.of("quantity", 0))
                .when()
                .patch("/api/v1/cart/items/" + lamp.variantId())
                .then()
                .statusCode(200)
                .body("item", nullValue())
                .body("lineCount", equalTo(1));
        guest(token)
                .contentType("application/json")
                .body(Map.of("quantity", 1))
                .when()
                .patch("/api/v1/cart/items/" + lamp.variantId())
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));
        guest(token)
                .when()
                .delete("/api/v1/cart/items/" + mug.variantId())
                .then()
                .statusCode(204);
        cart(guest(token)).body("items", hasSize(0));
        add(guest(token), mug.variantId(), 1).statusCode(200);
        guest(token).when().delete("/api/v1/cart").then().statusCode(204);
        assertThat(redis.key().exists("cart:guest:" + token)).isFalse();
    }

    @Test
    void aPriceChangeIsShownWithAWarningUntilTheLineIsTouched() {
        String token = add(guest(null), mug.variantId(), 2).extract().header("X-Cart-Token");
        Catalog.priceChanged(mug, 1400, 2);
        awaitCached(redis, mug.variantId(), v -> v.contains("\"price\":1400"));

        cart(guest(token))
                .statusCode(200)
                .body("items[0].unitPrice.amount", equalTo(1400))
                .body("items[0].lineTotal.amount", equalTo(2800))
                .body("subtotal.amount", equalTo(2800))
                .body("warnings", hasSize(1))
                .body("warnings[0].variantId", equalTo(mug.variantId().toString()))
                .body("warnings[0].code", equalTo("PRICE_CHANGED"));

        // an older event arriving late changes nothing
        Catalog.priceChanged(mug, 999, 1);
        Catalog.stockChanged(mug, 40, 2);
        awaitCached(redis, mug.variantId(), v -> v.contains("\"available\":40") && v.contains("\"v\":2"));
        cart(guest(token)).body("items[0].unitPrice.amount", equalTo(1400));

        // changing the quantity means the buyer saw the new price: the warning goes
        guest(token)
                .contentType("application/json")
                .body(Map.of("quantity", 3))
                .when()
                .patch("/api/v1/cart/items/" + mug.variantId())
                .then()
                .statusCode(200);
        cart(guest(token)).body("warnings", hasSize(0)).body("subtotal.amount", equalTo(4200));
    }

    @Test
    void aSuspendedShopsLinesAreUnavailableAndAnOlderShopEventNeverUndoesANewerOne() {
        String token = add(guest(null), mug.variantId(), 2).extract().header("X-Cart-Token");
        Catalog.shop(new ShopEvent.ShopSuspended(mug.shopId(), "owner-" + mug.shopId(), "counterfeit goods"), 3);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> cart(guest(token))
                        .body("warnings.code", hasItem("UNAVAILABLE"))
                        .body("subtotal.amount", equalTo(0)));

        // the approval before the suspension arrives late (a dead letter replayed through the same handler)
        ShopEvent.ShopApproved earlier =
                new ShopEvent.ShopApproved(mug.shopId(), "owner-" + mug.shopId(), "mugs", "Mugs", "US");
        shopEvents.shop(Catalog.json(earlier, 2)).await().atMost(Duration.ofSeconds(10));
        cart(guest(token)).body("warnings.code", hasItem("UNAVAILABLE")).body("subtotal.amount", equalTo(0));
        assertThat(redis.hash(String.class)
                        .hget("cart:shops:versions", mug.shopId().toString()))
                .isEqualTo("3");

        // a newer approval lifts the suspension
        shopEvents.shop(Catalog.json(earlier, 4)).await().atMost(Duration.ofSeconds(10));
        cart(guest(token)).body("warnings", hasSize(0)).body("subtotal.amount", equalTo(2500));
    }

    @Test
    void stockAndDelistingAreWarnedAboutAndLeaveTheTotals() {
        String token = add(guest(null), lamp.variantId(), 3).extract().header("X-Cart-Token");
        add(guest(token), mug.variantId(), 1).statusCode(200);
        Catalog.stockChanged(lamp, 1, 2);
        awaitCached(redis, lamp.variantId(), v -> v.contains("\"available\":1"));
        cart(guest(token))
                .body("warnings.code", hasItem("OUT_OF_STOCK"))
                .body("items.find { it.variantId == '" + lamp.variantId() + "' }.available", equalTo(false))
                .body("subtotal.amount", equalTo(1250));

        Catalog.delisted(mug, 2);
        awaitCached(redis, mug.variantId(), v -> v.contains("\"sellable\":false"));
        cart(guest(token)).body("warnings.code", hasItem("UNAVAILABLE")).body("subtotal.amount", equalTo(0));
        add(guest(token), mug.variantId(), 1)
                .statusCode(409)
                .body("type", equalTo("https://bazaar.dev/problems/variant-unavailable"));
    }

    @Test
    void aVariantItsSellerDeactivatedIsUnavailableUntilTheProductListsItAgain() {
        String token = add(guest(null), mug.variantId(), 2).extract().header("X-Cart-Token");
        VariantSummary other = new VariantSummary(UUID.randomUUID(), "SKU-2", Map.of(), Money.usd(1300), null, 5, 500);

        // the mug's seller deactivated this variant: the product now lists only another one
        Catalog.updated(mug, 2, other);
        awaitCached(redis, mug.variantId(), v -> v.contains("\"sellable\":false"));
        cart(guest(token)).body("warnings.code", hasItem("UNAVAILABLE")).body("subtotal.amount", equalTo(0));
        add(guest(token), mug.variantId(), 1)
                .statusCode(409)
                .body("type", equalTo("https://bazaar.dev/problems/variant-unavailable"));

        // reactivated: listed again, sold again
        Catalog.updated(mug, 3, other, Catalog.variant(mug, 40));
        awaitCached(redis, mug.variantId(), v -> v.contains("\"sellable\":true") && v.contains("\"v\":3"));
        cart(guest(token)).body("warnings", hasSize(0)).body("subtotal.amount", equalTo(2500));
    }

    @Test
    void aCompletedCheckoutRemovesWhatItBoughtOnceAndKeepsLaterAdditions() {
        String bob = "checkout-buyer-" + UUID.randomUUID();
        String cartKey = "cart:buyer:" + bob;
        // the buyer had 3 mugs and 1 lamp when quoted, then added 2 more mugs
        redis.hash(String.class)
                .hset(
                        cartKey,
                        Map.of(
                                mug.variantId().toString(), line(5, 1250, mug),
                                lamp.variantId().toString(), line(1, 8900, lamp)));
        UUID checkout = UUID.randomUUID();
        CheckoutEvent.CheckoutCompleted done = new CheckoutEvent.CheckoutCompleted(
                checkout,
                UUID.randomUUID(),
                bob,
                List.of(new StockLine(mug.variantId(), 3), new StockLine(lamp.variantId(), 1)));
        Catalog.checkoutCompleted(done);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> redis.hash(String.class).hlen(cartKey) == 1);
        assertThat(redis.hash(String.class).hget(cartKey, mug.variantId().toString()))
                .contains("\"quantity\":2");

        Catalog.checkoutCompleted(done); // redelivered
        UUID later = UUID.randomUUID();
        Catalog.checkoutCompleted(new CheckoutEvent.CheckoutCompleted(
                later, UUID.randomUUID(), bob, List.of(new StockLine(lamp.variantId(), 1))));
        await().atMost(Duration.ofSeconds(20)).until(() -> redis.key().exists("cart:checkout-done:" + later));
        assertThat(redis.hash(String.class).hget(cartKey, mug.variantId().toString()))
                .contains("\"quantity\":2");
    }

    @Test
    void whenTheCatalogIsDownTheCartIsServedFromItsSnapshotAndFlagged() {
        String token = add(guest(null), mug.variantId(), 2).extract().header("X-Cart-Token");
        redis.key().del("cart:variant:" + mug.variantId()); // evicted from the cache
        CatalogStub.down(true);
        try {
            cart(guest(token))
                    .statusCode(200)
                    .body("stale", equalTo(true))
                    .body("items[0].stale", equalTo(true))
                    .body("items[0].title", equalTo("Stoneware Mug"))
                    .body("items[0].unitPrice.amount", equalTo(1250))
                    .body("subtotal.amount", equalTo(2500));
            // a product we know nothing about cannot be added while the catalog is down: 503, nothing written
            UUID unknown = UUID.randomUUID();
            add(guest(token), unknown, 1)
                    .statusCode(503)
                    .header("Retry-After", not(nullValue()))
                    .body("type", equalTo("https://bazaar.dev/problems/catalog-unavailable"));
            assertThat(redis.hash(String.class).hexists("cart:guest:" + token, unknown.toString()))
                    .isFalse();
        } finally {
            CatalogStub.down(false);
        }
    }

    @Test
    void aCacheMissIsFilledFromTheCatalogWithAServiceToken() {
        Product rug = Product.random("Wool Rug", 15900);
        CatalogStub.knows(rug.variantId(), rug.productId(), rug.shopId(), "Wool Rug", 15900, 7, true, 3);
        int before = CatalogStub.calls();
        String token = add(guest(null), rug.variantId(), 1)
                .statusCode(200)
                .body("item.title", equalTo("Wool Rug"))
                .extract()
                .header("X-Cart-Token");
        assertThat(CatalogStub.calls()).isGreaterThan(before);
        assertThat(redis.value(String.class).get("cart:variant:" + rug.variantId()))
                .contains("\"v\":3");
        cart(guest(token)).body("items[0].unitPrice.amount", equalTo(15900));
    }

    @Test
    void anUnknownVariantIsBadInputAndChangesNothing() {
        String token = add(guest(null), mug.variantId(), 1).extract().header("X-Cart-Token");
        UUID unknown = UUID.randomUUID();
        add(guest(token), unknown, 1)
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("violations.field", hasItem("variantId"));
        cart(guest(token)).body("items", hasSize(1));
    }

    static String line(int quantity, long price, Product p) {
        return "{\"quantity\":" + quantity + ",\"addedAt\":\"2026-01-01T00:00:00Z\",\"price\":" + price
                + ",\"currency\":\"USD\",\"productId\":\"" + p.productId() + "\",\"shopId\":\"" + p.shopId()
                + "\",\"title\":\"" + p.title() + "\"}";
    }

    static io.restassured.specification.RequestSpecification anonymous() {
        return given();
    }
}
