package dev.bazaar.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.Lines.OrderGroup;
import dev.bazaar.contracts.messaging.Lines.StockLine;
import dev.bazaar.contracts.messaging.OrderEvent;
import dev.bazaar.devstack.testing.KeycloakTokens;
import dev.bazaar.devstack.testing.Mailbox;
import dev.bazaar.devstack.testing.Mailbox.Mail;
import dev.bazaar.notification.domain.NotificationPlan;
import dev.bazaar.notification.domain.NotificationType;
import dev.bazaar.notification.service.UnsubscribeTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Preferences and one-click unsubscribe against the real devstack and mailbox, with users made for the test (so bob's
 * and alice's mail elsewhere is never muted): a mutable email carries the RFC 8058 headers and a link whose POST mutes
 * its type; a GET or a forged link changes nothing; a muted type is SUPPRESSED while essential mail still goes; the
 * preferences API shows and replaces only the caller's own muted types, all or nothing.
 */
@QuarkusTest
class PreferencesFlowTest extends NotificationDevstack {

    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final String PREFERENCES = "/api/v1/notifications/preferences";
    private static final Pattern LINK =
            Pattern.compile("<(http://localhost:8088/api/v1/unsubscribe\\?token=([A-Za-z0-9_.-]+))>");

    @Inject
    Pool pool;

    @Inject
    UnsubscribeTokens tokens;

    private final Mailbox mailbox = Mailbox.test();

    @Test
    void aReturnRequestCarriesAOneClickLinkWhosePostMutesItAndTheNextOneIsSuppressedWhileNewOrdersStillGo() {
        FreshUsers.User seller = FreshUsers.create("seller");
        String alice = KeycloakViewUsers.subject("alice");
        UUID shop = Events.approvedShop(seller.subject(), "Quiet Mugs");

        // an order paid, then a return asked: the essential "new order" has no link, the return request has one
        String ref = paidOrderWithReturn(shop, alice).ref();
        Mail newOrder = single(seller.email(), "New order " + ref);
        assertThat(newOrder.header("List-Unsubscribe")).isNull();
        assertThat(newOrder.text()).doesNotContain("/unsubscribe");
        Mail asked = single(seller.email(), "Return requested on order " + ref);
        Matcher link = LINK.matcher(String.valueOf(asked.header("List-Unsubscribe")));
        assertThat(link.matches())
                .as("List-Unsubscribe: %s", asked.header("List-Unsubscribe"))
                .isTrue();
        assertThat(asked.header("List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(asked.text()).contains("To stop these emails: " + link.group(1));
        assertThat(asked.html()).contains("href=\"" + link.group(1) + "\"", "Unsubscribe");
        String token = link.group(2);

        // opening the link (a person, or a mail scanner prefetching it) only asks
        given().queryParam("token", token)
                .get(UnsubscribeTokens.PATH)
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .header("Cache-Control", "no-store")
                .body(containsString("return requested"), containsString("method=\"post\""));
        assertThat(mutes(seller.subject())).isEmpty();

        // forged or damaged links change nothing: bob's subject under this signature, a made-up one, an essential type
        String bob = KeycloakViewUsers.subject("bob");
        String[] parts = token.split("\\.", -1);
        String bobs = Base64.getUrlEncoder().withoutPadding().encodeToString(bob.getBytes(StandardCharsets.UTF_8)) + "."
                + parts[1] + "." + parts[2];
        given().queryParam("token", bobs)
                .contentType(ContentType.URLENC)
                .formParam("List-Unsubscribe", "One-Click")
                .post(UnsubscribeTokens.PATH)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().queryParam("token", token.substring(0, token.length() - 3))
                .contentType(ContentType.URLENC)
                .formParam("List-Unsubscribe", "One-Click")
                .post(UnsubscribeTokens.PATH)
                .then()
                .statusCode(403);
        given().queryParam("token", "not-a-token")
                .post(UnsubscribeTokens.PATH)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().post(UnsubscribeTokens.PATH).then().statusCode(400).contentType("application/problem+json");
        given().queryParam("token", bobs).get(UnsubscribeTokens.PATH).then().statusCode(403);
        given().queryParam("token", tokens.token(seller.subject(), NotificationType.SELLER_NEW_ORDER))
                .contentType(ContentType.URLENC)
                .formParam("List-Unsubscribe", "One-Click")
                .post(UnsubscribeTokens.PATH)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(containsString("essential"));
        assertThat(mutes(seller.subject())).isEmpty();
        assertThat(mutes(bob)).doesNotContain("SELLER_RETURN_REQUESTED");

        // the mail client's one-click POST (RFC 8058), no login: muted; again: still 200, one row
        for (int i = 0; i < 2; i++) {
            given().queryParam("token", token)
                    .contentType(ContentType.URLENC)
                    .formParam("List-Unsubscribe", "One-Click")
                    .post(UnsubscribeTokens.PATH)
                    .then()
                    .statusCode(200)
                    .body(containsString("no longer receive"));
        }
        assertThat(mutes(seller.subject())).containsExactly("SELLER_RETURN_REQUESTED");
        given().auth()
                .oauth2(KeycloakTokens.user(seller.username()))
                .get(PREFERENCES)
                .then()
                .statusCode(200)
                .body("find { it.type == 'seller-return-requested' }.muted", is(true))
                .body("find { it.type == 'seller-new-order' }.muted", is(false));

        // a stale row muting an essential type (never written by the API) is ignored: orders to ship always go
        pool.preparedQuery("INSERT INTO notification_mute (recipient_subject, type) VALUES ($1, 'SELLER_NEW_ORDER')")
                .execute(Tuple.of(seller.subject()))
                .await()
                .atMost(Duration.ofSeconds(5));

        // the next order: its new-order email arrives, its return request is SUPPRESSED and never sent
        Sent second = paidOrderWithReturn(shop, alice);
        assertThat(single(seller.email(), "New order " + second.ref()).subject())
                .contains(second.ref());
        assertThat(awaitStatus(second.returnEvent(), "SUPPRESSED")).isEqualTo("SUPPRESSED");
        assertThat(mails(seller.email(), "Return requested on order " + second.ref()))
                .isEmpty();
        given().get("/q/metrics").then().statusCode(200).body(containsString("bazaar_notifications_suppressed_total"));
    }

    @Test
    void eachSellerAndBuyerSeesAndReplacesOnlyTheirOwnMutableTypesAllOrNothing() {
        FreshUsers.User seller = FreshUsers.create("seller");
        FreshUsers.User buyer = FreshUsers.create("buyer");
        String sellerToken = KeycloakTokens.user(seller.username());
        String buyerToken = KeycloakTokens.user(buyer.username());

        List<Map<String, Object>> types = given().auth()
                .oauth2(sellerToken)
                .get(PREFERENCES)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        assertThat(types)
                .extracting(t -> (String) t.get("type"))
                .allMatch(t -> t.startsWith("seller-"))
                .contains("seller-new-order", "seller-return-requested", "seller-payout-paid");
        assertThat(types)
                .contains(
                        Map.of("type", "seller-new-order", "essential", true, "muted", false),
                        Map.of("type", "seller-return-requested", "essential", false, "muted", false));

        given().auth()
                .oauth2(sellerToken)
                .contentType(ContentType.JSON)
                .body(Map.of("muted", List.of("seller-return-requested")))
                .put(PREFERENCES)
                .then()
                .statusCode(200)
                .body("find { it.type == 'seller-return-requested' }.muted", is(true));
        assertThat(mutes(seller.subject())).containsExactly("SELLER_RETURN_REQUESTED");

        // all or nothing: an essential type, an unknown one, a buyer's, no list at all — 400, nothing changes
        for (Object bad : List.of(
                Map.of("muted", List.of("seller-return-requested", "seller-new-order")),
                Map.of("muted", List.of("seller-spam")),
                Map.of("muted", List.of("buyer-group-delivered")),
                Map.of("unmuted", List.of()))) {
            given().auth()
                    .oauth2(sellerToken)
                    .contentType(ContentType.JSON)
                    .body(bad)
                    .put(PREFERENCES)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
        }
        given().auth()
                .oauth2(sellerToken)
                .contentType(ContentType.JSON)
                .put(PREFERENCES)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        assertThat(mutes(seller.subject())).containsExactly("SELLER_RETURN_REQUESTED");

        // a buyer sees buyer types only, mutes their own; neither sees the other's
        given().auth()
                .oauth2(buyerToken)
                .contentType(ContentType.JSON)
                .body(Map.of("muted", List.of("buyer-group-delivered")))
                .put(PREFERENCES)
                .then()
                .statusCode(200)
                .body("type", everyItem(startsWith("buyer-")))
                .body("find { it.type == 'buyer-order-confirmed' }.essential", is(true));
        given().auth()
                .oauth2(buyerToken)
                .contentType(ContentType.JSON)
                .body(Map.of("muted", List.of("seller-return-requested")))
                .put(PREFERENCES)
                .then()
                .statusCode(400);
        assertThat(mutes(buyer.subject())).containsExactly("BUYER_GROUP_DELIVERED");
        given().auth()
                .oauth2(sellerToken)
                .get(PREFERENCES)
                .then()
                .statusCode(200)
                .body(not(containsString("buyer-group-delivered")));
        assertThat(mutes(seller.subject())).containsExactly("SELLER_RETURN_REQUESTED");

        // an empty list turns everything on again
        given().auth()
                .oauth2(sellerToken)
                .contentType(ContentType.JSON)
                .body(Map.of("muted", List.of()))
                .put(PREFERENCES)
                .then()
                .statusCode(200)
                .body("muted", everyItem(is(false)));
        assertThat(mutes(seller.subject())).isEmpty();
    }

    @Test
    void anOverLongTypeOrTokenIsRefusedNamingItAndChangesNothing() {
        FreshUsers.User seller = FreshUsers.create("seller");
        String sellerToken = KeycloakTokens.user(seller.username());
        given().auth()
                .oauth2(sellerToken)
                .contentType(ContentType.JSON)
                .body(Map.of("muted", List.of("seller-return-requested")))
                .put(PREFERENCES)
                .then()
                .statusCode(200);

        given().auth()
                .oauth2(sellerToken)
                .contentType(ContentType.JSON)
                .body(Map.of("muted", List.of("seller-product-approved", "seller-" + "x".repeat(58))))
                .put(PREFERENCES)
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("type", is("https://bazaar.dev/problems/validation"))
                .body("violations.field", contains("muted[1]"))
                .body("violations.message", contains("each type is at most 64 characters"));
        assertThat(mutes(seller.subject())).containsExactly("SELLER_RETURN_REQUESTED");

        // a token signed by us, but longer than any link we send (its subject alone is 800 characters): refused
        // before it is read, for the page and the one-click POST alike
        String tooLong = tokens.token("s".repeat(800), NotificationType.SELLER_PRODUCT_APPROVED);
        assertThat(tooLong.length()).isGreaterThan(UnsubscribeTokens.MAX_TOKEN);
        given().queryParam("token", tooLong)
                .contentType(ContentType.URLENC)
                .formParam("List-Unsubscribe", "One-Click")
                .post(UnsubscribeTokens.PATH)
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("type", is("https://bazaar.dev/problems/validation"))
                .body("violations.field", contains("token"))
                .body("violations.message", contains("is at most 1000 characters"));
        given().queryParam("token", tooLong)
                .get(UnsubscribeTokens.PATH)
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("violations.field", contains("token"));
        assertThat(mutes("s".repeat(800))).isEmpty();

        // the same change within the limits goes through
        given().auth()
                .oauth2(sellerToken)
                .contentType(ContentType.JSON)
                .body(Map.of("muted", List.of("seller-product-approved")))
                .put(PREFERENCES)
                .then()
                .statusCode(200);
        assertThat(mutes(seller.subject())).containsExactly("SELLER_PRODUCT_APPROVED");
    }

    @Test
    void preferencesNeedASellerOrBuyerToken() {
        Map<String, List<String>> none = Map.of("muted", List.of());
        given().get(PREFERENCES).then().statusCode(401);
        given().contentType(ContentType.JSON).body(none).put(PREFERENCES).then().statusCode(401);
        for (String token : List.of(KeycloakTokens.user("admin"), KeycloakTokens.service())) {
            given().auth().oauth2(token).get(PREFERENCES).then().statusCode(403);
            given().auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body(none)
                    .put(PREFERENCES)
                    .then()
                    .statusCode(403);
        }
    }

    private record Sent(String ref, UUID returnEvent) {}

    /** A one-line order of {@code shop} placed and paid by {@code buyer}, then a return of that line asked. */
    private static Sent paidOrderWithReturn(UUID shop, String buyer) {
        UUID order = UUID.randomUUID();
        String ref = NotificationPlan.orderRef(order);
        OrderGroup group = Events.group(shop, "Mug " + ref, 1, 1_500);
        OrderEvent.OrderPlaced placed = Events.placed(order, buyer, List.of(group));
        Events.send(Events.envelope(placed, 1));
        Events.send(Events.envelope(new OrderEvent.OrderPaid(order, placed.paymentId(), placed.total()), 2));
        Envelope<OrderEvent.ReturnRequested> asked = Events.envelope(
                new OrderEvent.ReturnRequested(
                        order,
                        UUID.randomUUID(),
                        shop,
                        List.of(new StockLine(group.lines().getFirst().variantId(), 1)),
                        "It arrived cracked",
                        "DAMAGED",
                        "cracked handle"),
                3);
        Events.send(asked);
        return new Sent(ref, asked.id());
    }

    private Mail single(String address, String subject) {
        List<Mail> found = mailbox.await(address, m -> m.subject().contains(subject), 1);
        assertThat(found).as("mail to %s about '%s'", address, subject).hasSize(1);
        return found.getFirst();
    }

    private List<Mail> mails(String address, String subject) {
        return mailbox.messages(address).stream()
                .filter(m -> m.subject().contains(subject))
                .toList();
    }

    private List<String> mutes(String subject) {
        List<String> out = new ArrayList<>();
        pool.preparedQuery("SELECT type FROM notification_mute WHERE recipient_subject = $1 ORDER BY type")
                .execute(Tuple.of(subject))
                .await()
                .atMost(Duration.ofSeconds(5))
                .forEach(r -> out.add(r.getString("type")));
        return out;
    }

    /** The status of the event's send once it is {@code expected}, or whatever it is when the wait runs out. */
    private String awaitStatus(UUID sourceEvent, String expected) {
        Instant deadline = Instant.now().plus(WAIT);
        String status = null;
        while (Instant.now().isBefore(deadline)) {
            List<Row> rows = new ArrayList<>();
            pool.preparedQuery("SELECT status FROM notification WHERE source_event_id = $1")
                    .execute(Tuple.of(sourceEvent))
                    .await()
                    .atMost(Duration.ofSeconds(5))
                    .forEach(rows::add);
            status = rows.isEmpty() ? null : rows.getFirst().getString("status");
            if (expected.equals(status)) {
                return status;
            }
            sleep();
        }
        return status;
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
