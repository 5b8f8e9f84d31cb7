package dev.bazaar.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.Lines.OrderGroup;
import dev.bazaar.contracts.messaging.OrderEvent;
import dev.bazaar.contracts.messaging.PaymentEvent;
import dev.bazaar.contracts.messaging.ProductEvent;
import dev.bazaar.contracts.messaging.ShopEvent;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.devstack.testing.KeycloakTokens;
import dev.bazaar.devstack.testing.Mailbox;
import dev.bazaar.devstack.testing.Mailbox.Mail;
import dev.bazaar.notification.domain.NotificationPlan;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Sellers' news from Kafka to the real mailbox: an admin's rejection of a product (with the reason), a shop's approval
 * and suspension (with the reason), a dispute on an order (each seller of it, with their own part). Each once, however
 * often the event is delivered. And the buyer's confirmation repeats the quote's display-currency estimate.
 */
@QuarkusTest
class SellerNewsFlowTest extends NotificationDevstack {

    private static final Duration WAIT = Duration.ofSeconds(45);

    @Inject
    Pool pool;

    private final Mailbox mailbox = Mailbox.test();

    @Test
    void aRejectedProductTellsItsShopsOwnerWhyOnceHoweverOftenItIsDelivered() {
        String bob = KeycloakViewUsers.subject("bob");
        String ref = UUID.randomUUID().toString().substring(0, 8);
        UUID shop = Events.approvedShop(bob, "Bob's Mugs " + ref);
        awaitShop(shop);
        UUID product = UUID.randomUUID();
        String title = "Lucky mug " + ref;
        Envelope<ProductEvent.ProductModerated> rejected = Events.envelope(
                new ProductEvent.ProductModerated(
                        product,
                        shop,
                        title,
                        ProductEvent.ProductModerated.REJECTED,
                        "The photos show another maker's stamp."),
                3);
        Events.send(rejected);

        assertThat(awaitMail("bob@bazaar.test", "Your product " + title + " was not approved", 1))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.subject()).isEqualTo("[Bazaar] Your product " + title + " was not approved");
                    assertThat(m.text())
                            .contains(
                                    "The reviewer's reason: \"The photos show another maker's stamp.\"",
                                    "http://localhost:8086/products/" + product);
                    // the HTML escapes what the admin wrote
                    assertThat(m.html()).contains("Hello Bob", "another maker&#39;s stamp");
                });
        // the owner also heard of the shop's approval (ShopApproved names them)
        assertThat(awaitMail("bob@bazaar.test", "Your shop Bob's Mugs " + ref + " is approved", 1))
                .hasSize(1);

        // a redelivery, then the seller's fixed product approved (the same product: its events keep their order)
        Events.send(rejected);
        Events.send(Events.envelope(
                new ProductEvent.ProductModerated(product, shop, title, ProductEvent.ProductModerated.APPROVED, null),
                5));
        assertThat(awaitMail("bob@bazaar.test", "Your product " + title + " is approved", 1))
                .singleElement()
                .satisfies(m -> assertThat(m.text())
                        .contains("http://localhost:8086/products/" + product)
                        .doesNotContain("reason"));
        assertThat(mails("bob@bazaar.test", "Your product " + title + " was not approved"))
                .hasSize(1);
        assertThat(rows(rejected.id())).singleElement().satisfies(r -> {
            assertThat(r.getString("type")).isEqualTo("SELLER_PRODUCT_REJECTED");
            assertThat(r.getString("recipient_subject")).isEqualTo(bob);
        });

        // live, it is taken down (with the reason) and its seller's later changes are not approved (with theirs)
        Events.send(Events.envelope(
                new ProductEvent.ProductModerated(
                        product,
                        shop,
                        title,
                        ProductEvent.ProductModerated.TAKEN_DOWN,
                        "A trademark complaint names it."),
                6));
        assertThat(awaitMail("bob@bazaar.test", "Your product " + title + " was taken down", 1))
                .singleElement()
                .satisfies(m ->
                        assertThat(m.text()).contains("The reason: \"A trademark complaint names it.\"", "off sale"));
        Events.send(Events.envelope(
                new ProductEvent.ProductModerated(
                        product,
                        shop,
                        title,
                        ProductEvent.ProductModerated.REVISION_REJECTED,
                        "Keep it under Kitchen."),
                7));
        assertThat(awaitMail("bob@bazaar.test", "Your changes to " + title + " were not approved", 1))
                .singleElement()
                .satisfies(m -> assertThat(m.text())
                        .contains("The reviewer's reason: \"Keep it under Kitchen.\"", "stays on sale as it was"));
    }

    @Test
    void aSuspendedShopTellsItsOwnerWhyWithTheShopsNameOnce() {
        String sam = KeycloakViewUsers.subject("sam");
        String ref = UUID.randomUUID().toString().substring(0, 8);
        String name = "Sam's Prints " + ref;
        UUID shop = Events.approvedShop(sam, name);
        awaitShop(shop);
        Envelope<ShopEvent.ShopSuspended> suspended =
                Events.envelope(new ShopEvent.ShopSuspended(shop, sam, "Too many orders shipped late."), 2);
        Events.send(suspended);

        assertThat(awaitMail("sam@bazaar.test", "Your shop " + name + " is suspended", 1))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.subject()).isEqualTo("[Bazaar] Your shop " + name + " is suspended");
                    assertThat(m.text())
                            .contains(
                                    "The reason: \"Too many orders shipped late.\"",
                                    "payouts are held",
                                    "http://localhost:8086/");
                    assertThat(m.html()).contains("Hello Sam", "Too many orders shipped late.");
                });
        Events.send(suspended);
        // the shop reinstated: its approval comes after the redelivery on the shop's partition
        Events.send(Events.envelope(new ShopEvent.ShopApproved(shop, sam, "shop-" + shop, name, "US"), 3));
        assertThat(awaitMail("sam@bazaar.test", "Your shop " + name + " is approved", 2))
                .hasSize(2);
        assertThat(mails("sam@bazaar.test", "Your shop " + name + " is suspended"))
                .hasSize(1);
        assertThat(rows(suspended.id()))
                .singleElement()
                .satisfies(r -> assertThat(r.getString("type")).isEqualTo("SELLER_SHOP_SUSPENDED"));
    }

    @Test
    void aDisputedOrderTellsEachOfItsSellersTheirOwnPartOnce() {
        String bob = KeycloakViewUsers.subject("bob");
        String sam = KeycloakViewUsers.subject("sam");
        String alice = KeycloakViewUsers.subject("alice");
        UUID mugs = Events.approvedShop(bob, "Bob's Mugs");
        UUID prints = Events.approvedShop(sam, "Sam's Prints");
        awaitShop(mugs);
        awaitShop(prints);
        UUID order = UUID.randomUUID();
        String ref = NotificationPlan.orderRef(order);
        String mug = "Mug " + ref;
        String print = "Print " + ref;
        List<OrderGroup> groups = List.of(Events.group(mugs, mug, 2, 1_800), Events.group(prints, print, 1, 4_500));
        OrderEvent.OrderPlaced placed = Events.placed(order, alice, groups);
        Events.send(Events.envelope(placed, 1));
        awaitFacts(order);
        Envelope<PaymentEvent.DisputeOpened> dispute = Events.envelope(
                new PaymentEvent.DisputeOpened(
                        order, placed.paymentId(), UUID.randomUUID(), placed.total(), "product_not_received"),
                1);
        Events.send(dispute);

        String subject = "Payment of order " + ref + " disputed by the buyer";
        assertThat(awaitMail("bob@bazaar.test", subject, 1)).singleElement().satisfies(m -> {
            assertThat(m.text())
                    .contains(
                            "disputed its payment of USD 93.00",
                            "(reason: product not received)",
                            "Your part of the order, USD 42.00",
                            mug,
                            "http://localhost:8086/orders/" + order)
                    .doesNotContain(print);
            assertThat(m.html()).contains("Hello Bob", mug).doesNotContain(print);
        });
        assertThat(awaitMail("sam@bazaar.test", subject, 1))
                .singleElement()
                .satisfies(
                        m -> assertThat(m.text()).contains(print, "USD 93.00").doesNotContain(mug));
        // a redelivery, then a second dispute of the same order (same key, so handled after it): one email more each
        Events.send(dispute);
        Events.send(Events.envelope(
                new PaymentEvent.DisputeOpened(
                        order, placed.paymentId(), UUID.randomUUID(), Money.usd(4_200), "fraudulent"),
                2));
        assertThat(awaitMail("bob@bazaar.test", subject, 2))
                .hasSize(2)
                .anySatisfy(m -> assertThat(m.text()).contains("payment of USD 42.00", "(reason: fraudulent)"));
        assertThat(awaitMail("sam@bazaar.test", subject, 2)).hasSize(2);
        assertThat(rows(dispute.id()))
                .extracting(r -> r.getString("recipient_subject"))
                .containsExactlyInAnyOrder(bob, sam);
        assertThat(mailbox.messages("alice@bazaar.test"))
                .noneMatch(m -> m.subject().contains(subject));
    }

    @Test
    void theBuyersConfirmationShowsTheDisplayEstimateTheQuoteShowed() {
        String bob = KeycloakViewUsers.subject("bob");
        String alice = KeycloakViewUsers.subject("alice");
        UUID mugs = Events.approvedShop(bob, "Bob's Mugs");
        awaitShop(mugs);
        UUID order = UUID.randomUUID();
        String ref = NotificationPlan.orderRef(order);
        OrderEvent.OrderPlaced placed = Events.placed(
                order, alice, List.of(Events.group(mugs, "Mug " + ref, 2, 1_800)), Money.of(3_864, "EUR"));
        Events.send(Events.envelope(placed, 1));
        Events.send(Events.envelope(new OrderEvent.OrderPaid(order, placed.paymentId(), placed.total()), 2));

        assertThat(awaitMail("alice@bazaar.test", "Your order " + ref + " is confirmed", 1))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.text())
                            .contains("Order total: USD 42.00", "≈ EUR 38.64 (estimate; you are charged USD 42.00)");
                    assertThat(m.html()).contains("≈ EUR 38.64 (estimate; you are charged USD 42.00)");
                });
        assertThat(count(
                        "SELECT count(*) FROM order_fact WHERE order_id = $1 AND display_estimate_minor = 3864 "
                                + "AND display_currency = 'EUR'",
                        order))
                .isEqualTo(1);
    }

    @Test
    void thePreviewRendersTheSellersNewsWithSampleData() {
        String admin = KeycloakTokens.user("admin");
        given().auth()
                .oauth2(admin)
                .get("/api/v1/admin/notifications/templates/seller-product-rejected/preview")
                .then()
                .statusCode(200)
                .header("X-Notification-Subject", containsString("was not approved"))
                .body(containsString("Stoneware mug, blue"), containsString("another maker&#39;s stamp"));
        given().auth()
                .oauth2(admin)
                .queryParam("format", "text")
                .get("/api/v1/admin/notifications/templates/SELLER_DISPUTE_OPENED/preview")
                .then()
                .statusCode(200)
                .body(containsString("USD 93.35"), containsString("product not received"));
        // the buyer's confirmation of an order quoted with euro shown
        given().auth()
                .oauth2(admin)
                .queryParam("format", "text")
                .get("/api/v1/admin/notifications/templates/buyer-order-confirmed/preview")
                .then()
                .statusCode(200)
                .body(containsString("≈ EUR 85.88 (estimate; you are charged USD 93.35)"));
        for (String type : List.of(
                "seller-product-approved", "seller-shop-approved", "seller-shop-rejected", "seller-shop-suspended")) {
            given().auth()
                    .oauth2(admin)
                    .get("/api/v1/admin/notifications/templates/" + type + "/preview")
                    .then()
                    .statusCode(200)
                    .body(containsString("Blue Door Pottery"));
        }
    }

    private void awaitShop(UUID shop) {
        await(() -> count("SELECT count(*) FROM shop WHERE id = $1", shop) == 1, "shop " + shop + " in the replica");
    }

    private void awaitFacts(UUID order) {
        await(() -> count("SELECT count(*) FROM order_fact WHERE order_id = $1", order) == 1, "facts of " + order);
    }

    private long count(String sql, UUID id) {
        return pool.preparedQuery(sql)
                .execute(Tuple.of(id))
                .await()
                .atMost(Duration.ofSeconds(5))
                .iterator()
                .next()
                .getLong(0);
    }

    private static void await(java.util.function.BooleanSupplier done, String what) {
        Instant deadline = Instant.now().plus(WAIT);
        while (!done.getAsBoolean()) {
            assertThat(Instant.now()).as("waiting for " + what).isBefore(deadline);
            sleep(Duration.ofMillis(250));
        }
    }

    private List<Mail> awaitMail(String address, String subject, int expected) {
        Instant deadline = Instant.now().plus(WAIT);
        List<Mail> found = mails(address, subject);
        while (found.size() < expected && Instant.now().isBefore(deadline)) {
            sleep(Duration.ofMillis(250));
            found = mails(address, subject);
        }
        return found;
    }

    private List<Mail> mails(String address, String subject) {
        return mailbox.messages(address).stream()
                .filter(m -> m.subject().contains(subject))
                .toList();
    }

    private List<Row> rows(UUID sourceEvent) {
        List<Row> out = new ArrayList<>();
        pool.preparedQuery("SELECT id, type, status, recipient_subject FROM notification WHERE source_event_id = $1")
                .execute(Tuple.of(sourceEvent))
                .await()
                .atMost(Duration.ofSeconds(5))
                .forEach(out::add);
        return out;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
