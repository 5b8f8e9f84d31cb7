package dev.bazaar.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.Lines.OrderGroup;
import dev.bazaar.contracts.messaging.OrderEvent;
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
 * A two-seller order from Kafka to the real mailbox: each seller is told once with only their lines, the buyer once;
 * a redelivered event sends nothing new. Admins' endpoints refuse everyone else.
 */
@QuarkusTest
class NotificationFlowTest extends NotificationDevstack {

    private static final Duration WAIT = Duration.ofSeconds(45);

    @Inject
    Pool pool;

    private final Mailbox mailbox = Mailbox.test();

    @Test
    void aPaidTwoSellerOrderMailsEachSellerTheirOwnLinesAndTheBuyerOneConfirmationAndARedeliveryNothingMore() {
        String bob = KeycloakViewUsers.subject("bob");
        String sam = KeycloakViewUsers.subject("sam");
        String alice = KeycloakViewUsers.subject("alice");
        UUID mugs = Events.approvedShop(bob, "Bob's Mugs");
        UUID prints = Events.approvedShop(sam, "Sam's Prints");
        UUID order = UUID.randomUUID();
        String ref = NotificationPlan.orderRef(order);
        String mug = "Mug " + ref;
        String print = "Print " + ref;
        List<OrderGroup> groups = List.of(Events.group(mugs, mug, 2, 1_800), Events.group(prints, print, 1, 4_500));
        OrderEvent.OrderPlaced placed = Events.placed(order, alice, groups);
        Events.send(Events.envelope(placed, 1));
        Envelope<OrderEvent.OrderPaid> paid =
                Events.envelope(new OrderEvent.OrderPaid(order, placed.paymentId(), placed.total()), 2);
        Events.send(paid);

        List<Mail> bobs = awaitMail("bob@bazaar.test", "New order " + ref, 1);
        List<Mail> sams = awaitMail("sam@bazaar.test", "New order " + ref, 1);
        List<Mail> alices = awaitMail("alice@bazaar.test", "Your order " + ref + " is confirmed", 1);
        assertThat(bobs).singleElement().satisfies(m -> {
            assertThat(m.subject()).isEqualTo("[Bazaar] New order " + ref + " to ship");
            assertThat(m.text())
                    .contains(mug, "USD 36.00", "http://localhost:8086/orders/" + order)
                    .doesNotContain(print);
            assertThat(m.html()).contains(mug, "Hello Bob").doesNotContain(print);
            assertThat(m.from()).contains("no-reply@bazaar.test");
        });
        assertThat(sams)
                .singleElement()
                .satisfies(m -> assertThat(m.text()).contains(print).doesNotContain(mug));
        assertThat(alices).singleElement().satisfies(m -> {
            assertThat(m.text())
                    .contains(
                            mug,
                            print,
                            "Bob's Mugs",
                            "Sam's Prints",
                            "Order total: USD 93.00",
                            "http://localhost:3000/orders/" + order);
            assertThat(m.html()).contains("Hello Alice");
        });

        // the same OrderPaid again (a redelivery), then a later event of the order on the same partition: once the
        // later one's email is there, the redelivery was handled before it — and added nothing
        Events.send(paid);
        Events.send(Events.envelope(new OrderEvent.GroupDelivered(order, mugs, Instant.now()), 3));
        assertThat(awaitMail("alice@bazaar.test", "Your order " + ref + " was delivered", 1))
                .hasSize(1);
        assertThat(mails("bob@bazaar.test", "New order " + ref)).hasSize(1);
        assertThat(mails("sam@bazaar.test", "New order " + ref)).hasSize(1);
        assertThat(mails("alice@bazaar.test", "Your order " + ref + " is confirmed"))
                .hasSize(1);
        List<Row> rows = rows(paid.id());
        assertThat(rows)
                .hasSize(3)
                .allSatisfy(r -> assertThat(r.getString("status")).isEqualTo("SENT"));
        assertThat(rows).extracting(r -> r.getString("recipient_subject")).containsExactlyInAnyOrder(bob, sam, alice);
        // the queue holds subjects, never addresses
        assertThat(rows).allSatisfy(r -> assertThat(r.getString("data")).doesNotContain("@bazaar.test"));

        // a sent notification is not retried: 409, and it stays SENT
        String admin = KeycloakTokens.user("admin");
        UUID sentId = rows.getFirst().getUUID("id");
        given().auth()
                .oauth2(admin)
                .post("/api/v1/admin/notifications/" + sentId + "/retry")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        assertThat(rows(paid.id()))
                .allSatisfy(r -> assertThat(r.getString("status")).isEqualTo("SENT"));
    }

    @Test
    void anEventStampedDaysAheadForAShopNeverApprovedHereWaitsOnlyTheOwnerWaitAndTheTopicGoesOn() {
        // a producer whose clock runs ahead (a test clock moved on, a fast host): its events name a shop this service
        // never saw approved; the wait for its owner counts from when it was first handled here, not from the stamp
        String alice = KeycloakViewUsers.subject("alice");
        UUID nobodys = UUID.randomUUID();
        UUID order = UUID.randomUUID();
        String ref = NotificationPlan.orderRef(order);
        Instant ahead = Instant.now().plus(Duration.ofDays(31));
        OrderEvent.OrderPlaced placed =
                Events.placed(order, alice, List.of(Events.group(nobodys, "Lamp " + ref, 1, 2_000)));
        Events.send(Envelope.of(placed, 1, ahead, UUID.randomUUID(), null));
        Events.send(Envelope.of(
                new OrderEvent.OrderPaid(order, placed.paymentId(), placed.total()),
                2,
                ahead,
                UUID.randomUUID(),
                null));

        // the buyer still hears of it (the unknown seller is not told), and a later order on the topic goes through
        assertThat(awaitMail("alice@bazaar.test", "Your order " + ref + " is confirmed", 1))
                .hasSize(1);
        UUID next = UUID.randomUUID();
        String nextRef = NotificationPlan.orderRef(next);
        UUID mugs = Events.approvedShop(KeycloakViewUsers.subject("bob"), "Bob's Mugs");
        OrderEvent.OrderPlaced later =
                Events.placed(next, alice, List.of(Events.group(mugs, "Mug " + nextRef, 1, 1_800)));
        Events.send(Events.envelope(later, 1));
        Events.send(Events.envelope(new OrderEvent.OrderPaid(next, later.paymentId(), later.total()), 2));
        assertThat(awaitMail("bob@bazaar.test", "New order " + nextRef, 1)).hasSize(1);
    }

    @Test
    void thePreviewRendersEveryTemplateWithSampleDataForAdmins() {
        String admin = KeycloakTokens.user("admin");
        given().auth()
                .oauth2(admin)
                .get("/api/v1/admin/notifications/templates/seller-new-order/preview")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .header("X-Notification-Subject", containsString("[Bazaar] New order"))
                .body(
                        containsString("Stoneware mug, blue"),
                        containsString("USD 36.00"),
                        containsString("http://localhost:8086/orders/"));
        given().auth()
                .oauth2(admin)
                .queryParam("format", "text")
                .get("/api/v1/admin/notifications/templates/BUYER_SHIPMENT_DISPATCHED/preview")
                .then()
                .statusCode(200)
                .body(containsString("https://www.ups.com/track?tracknum=1Z999AA10123456784"));
        for (String type : List.of(
                "seller-return-requested",
                "seller-return-escalated",
                "seller-payout-paid",
                "seller-payout-failed",
                "buyer-order-confirmed",
                "buyer-group-delivered",
                "buyer-order-cancelled",
                "buyer-refund-issued",
                "buyer-return-decision")) {
            given().auth()
                    .oauth2(admin)
                    .get("/api/v1/admin/notifications/templates/" + type + "/preview")
                    .then()
                    .statusCode(200)
                    .body(containsString("Bazaar"));
        }
        given().auth()
                .oauth2(admin)
                .get("/api/v1/admin/notifications/templates/no-such-type/preview")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(admin)
                .queryParam("format", "pdf")
                .get("/api/v1/admin/notifications/templates/seller-new-order/preview")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void onlyAdminsSeeDeadSendsRetryThemOrPreview() {
        UUID any = UUID.randomUUID();
        for (String user : List.of("alice", "bob")) {
            String token = KeycloakTokens.user(user);
            given().auth()
                    .oauth2(token)
                    .get("/api/v1/admin/notifications/failed")
                    .then()
                    .statusCode(403);
            given().auth()
                    .oauth2(token)
                    .post("/api/v1/admin/notifications/" + any + "/retry")
                    .then()
                    .statusCode(403);
            given().auth()
                    .oauth2(token)
                    .get("/api/v1/admin/notifications/templates/seller-new-order/preview")
                    .then()
                    .statusCode(403);
        }
        given().auth()
                .oauth2(KeycloakTokens.service())
                .get("/api/v1/admin/notifications/failed")
                .then()
                .statusCode(403);
        given().get("/api/v1/admin/notifications/failed").then().statusCode(401);
        given().post("/api/v1/admin/notifications/" + any + "/retry").then().statusCode(401);
        String admin = KeycloakTokens.user("admin");
        given().auth()
                .oauth2(admin)
                .get("/api/v1/admin/notifications/failed")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(admin)
                .queryParam("limit", 0)
                .get("/api/v1/admin/notifications/failed")
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(admin)
                .post("/api/v1/admin/notifications/" + any + "/retry")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    private List<Mail> awaitMail(String address, String subject, int expected) {
        Instant deadline = Instant.now().plus(WAIT);
        List<Mail> found = mails(address, subject);
        while (found.size() < expected && Instant.now().isBefore(deadline)) {
            sleep();
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
        pool.preparedQuery("SELECT id, status, recipient_subject, data::text AS data FROM notification "
                        + "WHERE source_event_id = $1")
                .execute(Tuple.of(sourceEvent))
                .await()
                .atMost(Duration.ofSeconds(5))
                .forEach(out::add);
        return out;
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
