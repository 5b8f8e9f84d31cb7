package dev.bazaar.portal.rest;

import static dev.bazaar.portal.ServiceStubs.Service.CATALOG;
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
 * The owner's staff page (ADR 0027): the list, an invitation by user name (the catalog's refusal back on the page as
 * typed), a removal; a staff member owning no shop is pointed to the orders; admins are not sellers.
 */
@QuarkusTest
class StaffPageTest {

    static final String CLERK = "5b0c6a3e-2f4d-4a51-9d7e-1c2b3a4d5e6f";
    static final String MEMBER = "{\"shopId\":\"" + Fixtures.SHOP_ID + "\",\"subject\":\"" + CLERK
            + "\",\"username\":\"carol\",\"role\":\"FULFILMENT\",\"grantedSeller\":true,\"invitedBy\":\"x\","
            + "\"invitedAt\":\"2026-11-20T10:00:00Z\"}";

    @BeforeEach
    void stubs() {
        ServiceStubs.started();
    }

    @Test
    void theOwnerSeesTheirStaffAndTheFormToAddSomeone() {
        ServiceStubs.answer(CATALOG, "GET", "/api/v1/seller/shop/staff", 200, "[" + MEMBER + "]");
        SignedIn.as("bob")
                .get("/staff")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString(
                                "<tr id=\"staff-" + CLERK + "\"><td>carol</td><td>Fulfilment</td><td>2026-11-20</td>"),
                        containsString("action=\"/staff/" + CLERK + "/remove\""),
                        containsString("action=\"/staff\""),
                        containsString("<a href=\"/staff\">Staff</a>")));
        ServiceStubs.answer(CATALOG, "GET", "/api/v1/seller/shop/staff", 200, "[]");
        SignedIn.as("bob")
                .get("/staff")
                .then()
                .statusCode(200)
                .body(containsString("Nobody yet: only you fulfil your orders."));
    }

    @Test
    void anInvitationSendsTheTrimmedNameAndTheCatalogsRefusalComesBackAsTyped() {
        ServiceStubs.answer(CATALOG, "GET", "/api/v1/seller/shop/staff", 200, "[]");
        ServiceStubs.answer(CATALOG, "POST", "/api/v1/seller/shop/staff", 201, MEMBER);
        SignedIn.form("bob", "/staff")
                .formParam("username", "  carol ")
                .post("/staff")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/staff?invited=carol"));
        var seen = ServiceStubs.seen(CATALOG, "POST", "/api/v1/seller/shop/staff");
        assertThat(seen.body()).isEqualTo("{\"username\":\"carol\"}");
        assertThat(seen.authorization()).startsWith("Bearer ey");
        SignedIn.as("bob")
                .get("/staff?invited=carol")
                .then()
                .statusCode(200)
                .body(containsString("carol was added: they can now fulfil the shop&#39;s orders."));

        ServiceStubs.answer(
                CATALOG,
                "POST",
                "/api/v1/seller/shop/staff",
                409,
                "{\"status\":409,\"type\":"
                        + "\"https://bazaar.dev/problems/staff-owns-a-shop\",\"detail\":\"That user owns a shop of their own"
                        + " and cannot be another shop's staff.\"}");
        SignedIn.form("bob", "/staff")
                .formParam("username", "dave")
                .post("/staff")
                .then()
                .statusCode(409)
                .body(allOf(
                        containsString("id=\"staff-notice\">That user owns a shop of their own and cannot be"
                                + " another shop&#39;s staff.</p>"),
                        containsString("required value=\"dave\"")));
        ServiceStubs.answer(
                CATALOG,
                "POST",
                "/api/v1/seller/shop/staff",
                400,
                "{\"status\":400,\"detail\":"
                        + "\"Invalid\",\"violations\":[{\"field\":\"username\",\"message\":\"must not be blank\"}]}");
        SignedIn.form("bob", "/staff")
                .formParam("username", " ")
                .post("/staff")
                .then()
                .statusCode(400)
                .body(containsString("User name: must not be blank"));
    }

    @Test
    void aRemovalAsksTheCatalogAndABadIdIsNotFound() {
        ServiceStubs.answer(CATALOG, "GET", "/api/v1/seller/shop/staff", 200, "[]");
        ServiceStubs.answer(CATALOG, "DELETE", "/api/v1/seller/shop/staff/" + CLERK, 204, "");
        SignedIn.form("bob", "/staff")
                .formParam("username", "carol")
                .post("/staff/" + CLERK + "/remove")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/staff?removed=carol"));
        assertThat(ServiceStubs.seen(CATALOG, "DELETE", "/api/v1/seller/shop/staff/" + CLERK))
                .isNotNull();
        ServiceStubs.answer(
                CATALOG,
                "DELETE",
                "/api/v1/seller/shop/staff/" + CLERK,
                404,
                "{\"status\":404," + "\"detail\":\"That user is not your shop's staff.\"}");
        SignedIn.form("bob", "/staff")
                .post("/staff/" + CLERK + "/remove")
                .then()
                .statusCode(404)
                .body(containsString("That user is not your shop&#39;s staff."));
        SignedIn.form("bob", "/staff").post("/staff/not-an-id/remove").then().statusCode(404);
    }

    @Test
    void aStaffMemberWithoutAShopIsPointedToTheOrdersAndAdminsAreRefused() {
        ServiceStubs.answer(
                CATALOG,
                "GET",
                "/api/v1/seller/shop/staff",
                404,
                "{\"status\":404,\"detail\":" + "\"You have no shop yet.\"}");
        SignedIn.as("bob")
                .get("/staff")
                .then()
                .statusCode(200)
                .body(allOf(containsString("id=\"no-shop\""), not(containsString("action=\"/staff\""))));
        SignedIn.as("admin")
                .get("/staff")
                .then()
                .statusCode(403)
                .body(containsString("This part of the portal is for sellers."));
        assertThat(ServiceStubs.seen(CATALOG, "POST", "/api/v1/seller/shop/staff"))
                .isNull();
    }
}
