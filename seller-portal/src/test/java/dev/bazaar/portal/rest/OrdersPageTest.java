package dev.bazaar.portal.rest;

import dev.bazaar.portal.ServiceStubs;
import dev.bazaar.portal.SignedIn;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.bazaar.portal.ServiceStubs.Service.ORDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

/** The shop's order groups, with the forms their status allows, and the returns waiting for a decision. */
@QuarkusTest
class OrdersPageTest {

    @BeforeEach
    void stubs() {
        ServiceStubs.started();
    }

    @Test
    void aPaidGroupCanBeShippedOrCancelledAndItsReturnDecided() {
        ServiceStubs.answer(ORDER, "GET", "/api/v1/seller/orders", 200, "{\"items\":["
                + Fixtures.group("PAID", Instant.parse("2026-12-01T09:30:00Z"), 4_500) + "]}");
        SignedIn.as("bob").get("/orders").then().statusCode(200).body(allOf(
                containsString("<h2>Order c0ffee00 · 2026-12-01</h2>"),
                containsString("2 item(s), $45.00 · status <strong class=\"group-status\">PAID</strong>"),
                containsString("action=\"/orders/" + Fixtures.ORDER_ID + "/ship\""),
                containsString("action=\"/orders/" + Fixtures.ORDER_ID + "/cancel\""),
                containsString("<p>Return beef0000: 1 line(s) · <strong>REQUESTED</strong></p>"),
                containsString("action=\"/orders/returns/" + Fixtures.RETURN_ID + "/approve\"")));
    }

    @Test
    void anOrderServiceThatFailsIsSaidSo() {
        ServiceStubs.answer(ORDER, "GET", "/api/v1/seller/orders", 503,
                Fixtures.problem(503, "Orders are not available right now."));
        SignedIn.as("bob").get("/orders").then().statusCode(200).body(allOf(
                containsString("<p class=\"error\" role=\"alert\">Orders are not available right now.</p>"),
                containsString("No orders yet.")));
    }

    @Test
    void aShipmentTheOrderServiceRefusesShowsItsReason() {
        ServiceStubs.answer(ORDER, "GET", "/api/v1/seller/orders", 200, "{\"items\":["
                + Fixtures.group("PAID", Instant.parse("2026-12-01T09:30:00Z"), 4_500) + "]}");
        ServiceStubs.answer(ORDER, "POST", "/api/v1/seller/orders/" + Fixtures.ORDER_ID + "/shipments", 409,
                Fixtures.problem(409, "The group was cancelled."));
        SignedIn.form("bob", "/orders").formParam("carrier", "UPS").formParam("trackingNumber", "1Z999")
                .post("/orders/" + Fixtures.ORDER_ID + "/ship").then().statusCode(409)
                .body(containsString("<p class=\"error\" role=\"alert\">The group was cancelled.</p>"));
        assertThat(ServiceStubs.seen(ORDER, "POST", "/api/v1/seller/orders/" + Fixtures.ORDER_ID + "/shipments")
                .body()).isEqualTo("{\"carrier\":\"UPS\",\"trackingNumber\":\"1Z999\"}");
    }

    @Test
    void anAdministratorIsNotASeller() {
        SignedIn.as("admin").get("/orders").then().statusCode(403)
                .body(containsString("This part of the portal is for sellers."));
    }
}
