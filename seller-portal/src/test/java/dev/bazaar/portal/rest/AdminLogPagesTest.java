package dev.bazaar.portal.rest;

import static dev.bazaar.portal.ServiceStubs.Service.CART;
import static dev.bazaar.portal.ServiceStubs.Service.CATALOG;
import static dev.bazaar.portal.ServiceStubs.Service.CHECKOUT;
import static dev.bazaar.portal.ServiceStubs.Service.NOTIFICATION;
import static dev.bazaar.portal.ServiceStubs.Service.ORDER;
import static dev.bazaar.portal.ServiceStubs.Service.PAYMENT;
import static dev.bazaar.portal.ServiceStubs.Service.REVIEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import dev.bazaar.portal.ServiceStubs;
import dev.bazaar.portal.ServiceStubs.Service;
import dev.bazaar.portal.SignedIn;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin console's audit log (every service's, merged and paged) and failed notifications; admins only. */
@QuarkusTest
class AdminLogPagesTest {

    static final String AUDIT = "/api/v1/admin/audit";
    static final String FAILED = "/api/v1/admin/notifications/failed";
    static final String NOTIFICATION_ID = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b";
    static final String REQUEST_1 = "11111111-1111-4111-8111-111111111111";
    static final String REQUEST_2 = "22222222-2222-4222-8222-222222222222";
    static final String REQUEST_3 = "33333333-3333-4333-8333-333333333333";

    @BeforeEach
    void stubs() {
        ServiceStubs.started();
    }

    static String row(long seq, String request, String phase, String at, String service, Integer status, String after) {
        return """
                {"seq":%d,"requestId":"%s","phase":"%s","at":"%s","service":"%s","actor":"admin-sub","actorName":"Ada Admin",
                 "method":"POST","path":"/api/v1/admin/shops/x/suspend","status":%s,"request":%s,"before":%s,"after":%s}""".formatted(
                        seq,
                        request,
                        phase,
                        at,
                        service,
                        status,
                        status == null ? "null" : "\"{\\\"reason\\\":\\\"Fakes\\\"}\"",
                        status == null ? "null" : "\"{\\\"status\\\":\\\"APPROVED\\\"}\"",
                        after == null ? "null" : "\"" + after + "\"");
    }

    static void emptyLogs(Service... services) {
        for (Service s : services) {
            ServiceStubs.answer(s, "GET", AUDIT, 200, "[]");
        }
    }

    @Test
    void theServicesLogsMergedNewestFirstWithEachRequestAsOneActionAndASilentServiceNamed() {
        ServiceStubs.answer(
                CATALOG,
                "GET",
                AUDIT,
                200,
                "["
                        + row(
                                12,
                                REQUEST_1,
                                "COMPLETED",
                                "2026-12-05T10:00:02Z",
                                "catalog-service",
                                200,
                                "{\\\"status\\\":\\\"SUSPENDED\\\"}")
                        + ","
                        + row(11, REQUEST_1, "REQUESTED", "2026-12-05T10:00:01Z", "catalog-service", null, null) + "]");
        ServiceStubs.answer(
                CHECKOUT,
                "GET",
                AUDIT,
                200,
                "[" + row(3, REQUEST_2, "REQUESTED", "2026-12-05T11:00:00Z", "checkout-service", null, null) + "]");
        ServiceStubs.answer(
                CART,
                "GET",
                AUDIT,
                200,
                "[" + row(7, REQUEST_3, "COMPLETED", "2026-12-05T09:00:01Z", "cart-service", 409, null) + ","
                        + row(6, REQUEST_3, "REQUESTED", "2026-12-05T09:00:00Z", "cart-service", null, null) + "]");
        emptyLogs(ORDER, PAYMENT, REVIEW);
        ServiceStubs.down(NOTIFICATION, "GET", AUDIT);
        String page = SignedIn.as("admin")
                .get("/admin/audit")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<tr id=\"audit-checkout-" + REQUEST_2 + "\">"),
                        containsString("<strong>outcome not recorded</strong>"),
                        containsString("<tr id=\"audit-catalog-" + REQUEST_1 + "\">"),
                        containsString("Ada Admin <code title=\"admin-sub\">admin-sub</code>"),
                        containsString("<code>POST /api/v1/admin/shops/x/suspend</code>"),
                        containsString("<p>After</p><pre>{&quot;status&quot;:&quot;SUSPENDED&quot;}</pre>"),
                        containsString("<p>Before</p><pre>{&quot;status&quot;:&quot;APPROVED&quot;}</pre>"),
                        containsString("<td>409</td>"),
                        containsString(
                                "<p class=\"error\" id=\"audit-silent-notification\">notification: its audit log could "
                                        + "not be loaded (The service did not answer.)"),
                        not(containsString("id=\"audit-older\""))))
                .extract()
                .asString();
        assertThat(page.indexOf("audit-checkout-"))
                .as("newest first")
                .isLessThan(page.indexOf("audit-catalog-" + REQUEST_1));
        assertThat(page.indexOf("audit-catalog-" + REQUEST_1)).isLessThan(page.indexOf("audit-cart-" + REQUEST_3));
        assertThat(page.split("id=\"audit-catalog-" + REQUEST_1 + "\"", -1))
                .as("two rows, one action")
                .hasSize(2);
        ServiceStubs.Seen asked = ServiceStubs.seen(CATALOG, "GET", AUDIT);
        assertThat(asked.query()).isEqualTo("limit=50");
        assertThat(asked.authorization()).startsWith("Bearer ey");
    }

    @Test
    void olderPagesCarryEachServicesCursor() {
        StringBuilder rows = new StringBuilder("[");
        for (int i = 0; i < 50; i++) {
            rows.append(i == 0 ? "" : ",")
                    .append(row(
                            1000 - i,
                            "00000000-0000-4000-8000-0000000000" + (10 + i),
                            "REQUESTED",
                            "2026-12-05T10:%02d:00Z".formatted(59 - i),
                            "order-service",
                            null,
                            null));
        }
        ServiceStubs.answer(ORDER, "GET", AUDIT, 200, rows.append("]").toString());
        ServiceStubs.answer(
                REVIEW,
                "GET",
                AUDIT,
                200,
                "[" + row(4, REQUEST_1, "REQUESTED", "2026-12-05T08:00:00Z", "review-service", null, null) + "]");
        emptyLogs(CATALOG, PAYMENT, NOTIFICATION, CHECKOUT, CART);
        SignedIn.as("admin")
                .get("/admin/audit")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("href=\"/admin/audit?before=catalog:end,order:951,payment:end,notification:end,"
                                + "checkout:end,cart:end\" id=\"audit-older\""),
                        not(containsString("audit-review-"))));

        ServiceStubs.started();
        ServiceStubs.answer(ORDER, "GET", AUDIT, 200, "[]");
        ServiceStubs.answer(
                REVIEW,
                "GET",
                AUDIT,
                200,
                "[" + row(4, REQUEST_1, "REQUESTED", "2026-12-05T08:00:00Z", "review-service", null, null) + "]");
        SignedIn.as("admin")
                .queryParam("before", "catalog:end,order:951,payment:end,notification:end,checkout:end," + "cart:end")
                .get("/admin/audit")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<tr id=\"audit-review-" + REQUEST_1 + "\">"),
                        containsString("<a href=\"/admin/audit\" id=\"audit-newest\">Newest</a>"),
                        not(containsString("id=\"audit-older\""))));
        assertThat(ServiceStubs.seen(ORDER, "GET", AUDIT).query()).isEqualTo("limit=50&before=951");
        assertThat(ServiceStubs.seen(REVIEW, "GET", AUDIT).query())
                .as("not shown yet: from its newest")
                .isEqualTo("limit=50");
        assertThat(ServiceStubs.seen(CATALOG, "GET", AUDIT))
                .as("done: not asked again")
                .isNull();
    }

    @Test
    void aLinkThePageDidNotMakeIsRefusedWithoutAskingTheServices() {
        SignedIn.as("admin")
                .queryParam("before", "order:-3")
                .get("/admin/audit")
                .then()
                .statusCode(400)
                .body(containsString("The page link is not one this page made: order:-3"));
        assertThat(ServiceStubs.seen(ORDER, "GET", AUDIT)).isNull();
    }

    @Test
    void failedNotificationsWithRetry() {
        ServiceStubs.answer(NOTIFICATION, "GET", FAILED, 200, """
                [{"id":"%s","type":"ORDER_SHIPPED","recipientSubject":"buyer-sub-1","sourceEventId":"%s","status":"DEAD",
                  "attempts":5,"lastError":"550 mailbox unavailable","createdAt":"2026-12-04T10:00:00Z",
                  "updatedAt":"2026-12-05T10:00:00Z"}]""".formatted(NOTIFICATION_ID, REQUEST_1));
        SignedIn.as("admin")
                .get("/admin/notifications")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<td>ORDER_SHIPPED</td>"),
                        containsString("<code>buyer-sub-1</code>"),
                        containsString("<td>550 mailbox unavailable</td>"),
                        containsString("action=\"/admin/notifications/" + NOTIFICATION_ID + "/retry\"")));
        assertThat(ServiceStubs.seen(NOTIFICATION, "GET", FAILED).query()).isEqualTo("limit=100");

        String retry = "/api/v1/admin/notifications/" + NOTIFICATION_ID + "/retry";
        ServiceStubs.answer(
                NOTIFICATION,
                "POST",
                retry,
                200,
                "{\"id\":\"" + NOTIFICATION_ID + "\",\"status\":\"PENDING\",\"attempts\":0}");
        SignedIn.form("admin", "/admin/notifications")
                .post("/admin/notifications/" + NOTIFICATION_ID + "/retry")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/admin/notifications?retried=1"));
        assertThat(ServiceStubs.seen(NOTIFICATION, "POST", retry).authorization())
                .startsWith("Bearer ey");
        SignedIn.as("admin")
                .queryParam("retried", "1")
                .get("/admin/notifications")
                .then()
                .statusCode(200)
                .body(containsString("Queued again"));

        ServiceStubs.answer(NOTIFICATION, "POST", retry, 409, Fixtures.problem(409, "This notification is not dead."));
        SignedIn.form("admin", "/admin/notifications")
                .post("/admin/notifications/" + NOTIFICATION_ID + "/retry")
                .then()
                .statusCode(409)
                .body(containsString("<p class=\"error\" role=\"alert\">This notification is not dead.</p>"));
        SignedIn.form("admin", "/admin/notifications")
                .post("/admin/notifications/not-an-id/retry")
                .then()
                .statusCode(404);
    }

    @Test
    void theNotificationServiceDownIsSaid() {
        ServiceStubs.down(NOTIFICATION, "GET", FAILED);
        SignedIn.as("admin")
                .get("/admin/notifications")
                .then()
                .statusCode(200)
                .body(containsString(
                        "<p class=\"error\" id=\"notifications-unavailable\">The service did not answer."));
    }

    @Test
    void aSellerOrABuyerMayNotSeeTheLogsOrRetry() {
        ServiceStubs.answer(
                NOTIFICATION,
                "GET",
                FAILED,
                200,
                "[{\"id\":\"" + NOTIFICATION_ID + "\",\"type\":"
                        + "\"ORDER_SHIPPED\",\"recipientSubject\":\"buyer-sub-1\",\"status\":\"DEAD\",\"attempts\":5}]");
        for (String page : new String[] {"/admin/audit", "/admin/notifications"}) {
            SignedIn.as("bob")
                    .get(page)
                    .then()
                    .statusCode(403)
                    .body(containsString("This part of the portal is for administrators."));
            SignedIn.as("alice").get(page).then().statusCode(403);
        }
        SignedIn.form("bob", "admin", "/admin/notifications")
                .post("/admin/notifications/" + NOTIFICATION_ID + "/retry")
                .then()
                .statusCode(403);
        SignedIn.form("alice", "admin", "/admin/notifications")
                .post("/admin/notifications/" + NOTIFICATION_ID + "/retry")
                .then()
                .statusCode(403);
        assertThat(ServiceStubs.seen(NOTIFICATION, "POST", "/api/v1/admin/notifications/" + NOTIFICATION_ID + "/retry"))
                .isNull();
        assertThat(ServiceStubs.seen(CATALOG, "GET", AUDIT)).isNull();
    }
}
