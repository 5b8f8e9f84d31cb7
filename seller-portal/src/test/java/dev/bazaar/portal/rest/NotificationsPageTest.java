package dev.bazaar.portal.rest;

import static dev.bazaar.portal.ServiceStubs.Service.NOTIFICATION;
import static dev.bazaar.portal.ServiceStubs.Service.PAYMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import dev.bazaar.portal.ServiceStubs;
import dev.bazaar.portal.SignedIn;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The notification inbox of sellers and administrators, marking read, the email preferences, and the header's live
 * unread badge (the notification service's stream, proxied); none of it for buyers, and the portal still works when
 * the notification service does not.
 */
@QuarkusTest
class NotificationsPageTest {

    static final String INBOX = "/api/v1/notifications";
    static final String PREFERENCES = "/api/v1/notifications/preferences";
    static final String ITEM_ID = "a1b2c3d4-0000-4abc-8def-000000000001";
    static final String READ_ID = "a1b2c3d4-0000-4abc-8def-000000000002";

    static String inbox() {
        return """
                {"items":[
                  {"id":"%s","type":"seller-new-order","title":"New order C0FFEE00 to ship",
                   "link":"/orders/%s","createdAt":"2026-12-03T10:00:00Z","read":false},
                  {"id":"%s","type":"seller-payout-paid","title":"Payout of USD 12.00 paid","link":"/payouts",
                   "createdAt":"2026-12-01T10:00:00Z","read":true}],
                 "unread":1,"page":0,"size":20,"total":2}""".formatted(ITEM_ID, Fixtures.ORDER_ID, READ_ID);
    }

    @BeforeEach
    void stubs() {
        ServiceStubs.started();
    }

    @Test
    void aSellerSeesTheirInboxNewestFirstWithWhatIsUnreadAndTheirTokenIsUsed() {
        ServiceStubs.answer(NOTIFICATION, "GET", INBOX, 200, inbox());
        SignedIn.as("bob")
                .get("/notifications")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<strong id=\"unread-count\">1 unread</strong>"),
                        containsString("<li id=\"item-" + ITEM_ID + "\" class=\"unread\">"),
                        containsString("<a href=\"/orders/" + Fixtures.ORDER_ID + "\">New order C0FFEE00 to ship</a>"),
                        containsString("New order to ship · 2026-12-03"),
                        containsString("action=\"/notifications/" + ITEM_ID + "/read\""),
                        not(containsString("action=\"/notifications/" + READ_ID + "/read\"")),
                        containsString("<li id=\"item-" + READ_ID + "\" class=\"read\">"),
                        containsString("id=\"read-all\""),
                        not(containsString("id=\"older\"")),
                        not(containsString("share one inbox"))));
        ServiceStubs.Seen seen = ServiceStubs.seen(NOTIFICATION, "GET", INBOX);
        assertThat(seen.authorization()).startsWith("Bearer ey");
        assertThat(seen.query()).contains("page=0", "size=20");
    }

    @Test
    void anAdministratorSeesTheSharedInbox() {
        ServiceStubs.answer(NOTIFICATION, "GET", INBOX, 200, """
                {"items":[{"id":"%s","type":"seller-return-escalated",
                  "title":"Return on order C0FFEE00 escalated to the marketplace","link":"/admin#returns",
                  "createdAt":"2026-12-06T10:00:00Z","read":false}],"unread":1,"page":0,"size":20,"total":41}""".formatted(ITEM_ID));
        SignedIn.as("admin")
                .get("/notifications")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString(
                                "<a href=\"/admin#returns\">Return on order C0FFEE00 escalated to the marketplace</a>"),
                        containsString("the administrators share one inbox"),
                        containsString("<a href=\"/notifications?page=1\" id=\"older\">Older</a>"),
                        containsString("id=\"unread-badge\"")));
    }

    @Test
    void markingReadAndAllReadGoBackToTheInbox() {
        ServiceStubs.answer(NOTIFICATION, "GET", INBOX, 200, inbox());
        ServiceStubs.answer(NOTIFICATION, "POST", INBOX + "/" + ITEM_ID + "/read", 204, "");
        ServiceStubs.answer(NOTIFICATION, "POST", INBOX + "/read-all", 200, "{\"marked\":1}");
        SignedIn.form("bob", "/notifications")
                .post("/notifications/" + ITEM_ID + "/read")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/notifications"));
        assertThat(ServiceStubs.seen(NOTIFICATION, "POST", INBOX + "/" + ITEM_ID + "/read")
                        .authorization())
                .startsWith("Bearer ey");
        SignedIn.form("bob", "/notifications")
                .post("/notifications/read-all")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/notifications"));
        assertThat(ServiceStubs.seen(NOTIFICATION, "POST", INBOX + "/read-all")).isNotNull();
    }

    @Test
    void anItemThatIsNotTheUsersIsNotFoundAndABadIdAsksNothing() {
        ServiceStubs.answer(NOTIFICATION, "GET", INBOX, 200, inbox());
        ServiceStubs.answer(
                NOTIFICATION,
                "POST",
                INBOX + "/" + ITEM_ID + "/read",
                404,
                "{\"status\":404,\"detail\":\"No inbox item " + ITEM_ID + ".\"}");
        SignedIn.form("bob", "/notifications")
                .post("/notifications/" + ITEM_ID + "/read")
                .then()
                .statusCode(404)
                .body(containsString("No such notification."));
        SignedIn.form("bob", "/notifications")
                .post("/notifications/not-an-id/read")
                .then()
                .statusCode(404);
        assertThat(ServiceStubs.seen(NOTIFICATION, "POST", INBOX + "/not-an-id/read"))
                .isNull();
    }

    @Test
    void everySignedInSellerPageHasTheLiveBadgeAndItsStreamComesFromTheNotificationService() {
        ServiceStubs.answer(PAYMENT, "GET", "/api/v1/seller/balance", 200, Fixtures.BALANCE);
        ServiceStubs.answer(PAYMENT, "GET", "/api/v1/seller/payouts", 200, "[]");
        SignedIn.as("bob")
                .get("/payouts")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<a href=\"/notifications\" id=\"notifications-link\">Notifications "
                                + "<span id=\"unread-badge\" class=\"badge\" hidden></span></a>"),
                        containsString("new EventSource('/notifications/stream')"),
                        not(containsString("<script src="))));

        ServiceStubs.answerEvents(
                NOTIFICATION,
                INBOX + "/stream",
                ":keep-alive\n\nevent:unread\ndata:{\"unread\":3}\n\nevent:unread\ndata:{\"unread\":2}\n\n");
        SignedIn.as("bob")
                .accept("text/event-stream")
                .get("/notifications/stream")
                .then()
                .statusCode(200)
                .contentType(containsString("text/event-stream"))
                .body(allOf(
                        containsString("event:unread\ndata:{\"unread\":3}\n"),
                        containsString("event:unread\ndata:{\"unread\":2}\n")));
        assertThat(ServiceStubs.seen(NOTIFICATION, "GET", INBOX + "/stream").authorization())
                .startsWith("Bearer ey");
    }

    @Test
    void withTheNotificationServiceDownPagesRenderTheBadgeHidesAndTheInboxSaysSo() {
        ServiceStubs.down(NOTIFICATION, "GET", INBOX);
        ServiceStubs.down(NOTIFICATION, "GET", INBOX + "/stream");
        SignedIn.as("bob")
                .get("/notifications")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("Notifications are not available right now. Try again in a moment."),
                        not(containsString("id=\"read-all\""))));
        SignedIn.as("bob")
                .accept("text/event-stream")
                .get("/notifications/stream")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("event:unavailable\n"),
                        containsString("retry:60000\n"),
                        not(containsString("event:unread"))));
        ServiceStubs.answer(PAYMENT, "GET", "/api/v1/seller/balance", 200, Fixtures.BALANCE);
        ServiceStubs.answer(PAYMENT, "GET", "/api/v1/seller/payouts", 200, "[]");
        SignedIn.as("bob").get("/payouts").then().statusCode(200).body(containsString("<h1>Payouts</h1>"));
    }

    @Test
    void preferencesShowACheckboxPerTypeEssentialOnesTickedAndDisabled() {
        ServiceStubs.answer(NOTIFICATION, "GET", PREFERENCES, 200, """
                [{"type":"seller-new-order","essential":true,"muted":false},
                 {"type":"seller-return-requested","essential":false,"muted":true},
                 {"type":"seller-payout-paid","essential":false,"muted":false}]""");
        SignedIn.as("bob")
                .get("/notifications/preferences")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<input type=\"checkbox\" id=\"send-seller-new-order\" checked disabled>"),
                        containsString("New order to ship (essential)"),
                        not(containsString("name=\"shown\" value=\"seller-new-order\"")),
                        containsString("<input type=\"checkbox\" name=\"send\" value=\"seller-return-requested\" "
                                + "id=\"send-seller-return-requested\">"),
                        containsString("<input type=\"checkbox\" name=\"send\" value=\"seller-payout-paid\" "
                                + "id=\"send-seller-payout-paid\" checked>")));
    }

    @Test
    void savingPreferencesMutesTheUntickedTypesAndARefusalSaysWhy() {
        ServiceStubs.answer(NOTIFICATION, "GET", PREFERENCES, 200, """
                [{"type":"seller-return-requested","essential":false,"muted":false},
                 {"type":"seller-payout-paid","essential":false,"muted":false}]""");
        ServiceStubs.answer(NOTIFICATION, "PUT", PREFERENCES, 204, "");
        SignedIn.form("bob", "/notifications/preferences")
                .formParam("shown", "seller-return-requested")
                .formParam("shown", "seller-payout-paid")
                .formParam("send", "seller-payout-paid")
                .post("/notifications/preferences")
                .then()
                .statusCode(200)
                .body(containsString("Your email preferences are saved."));
        assertThat(ServiceStubs.seen(NOTIFICATION, "PUT", PREFERENCES).body())
                .isEqualTo("{\"muted\":[\"seller-return-requested\"]}");

        ServiceStubs.answer(
                NOTIFICATION,
                "PUT",
                PREFERENCES,
                400,
                "{\"status\":400,\"detail\":\"seller-new-order is essential: it cannot be muted.\"}");
        SignedIn.form("bob", "/notifications/preferences")
                .formParam("shown", "seller-new-order")
                .post("/notifications/preferences")
                .then()
                .statusCode(400)
                .body(containsString("seller-new-order is essential: it cannot be muted."));
    }

    @Test
    void buyersHaveNoNotificationsHere() {
        for (String page : new String[] {"/notifications", "/notifications/preferences", "/notifications/stream"}) {
            SignedIn.as("alice")
                    .get(page)
                    .then()
                    .statusCode(403)
                    .body(containsString("This part of the portal is for sellers and administrators."));
        }
        assertThat(ServiceStubs.seen(NOTIFICATION, "GET", INBOX)).isNull();
        assertThat(ServiceStubs.seen(NOTIFICATION, "GET", INBOX + "/stream")).isNull();
    }
}
