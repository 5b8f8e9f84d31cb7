package dev.bazaar.portal.rest;

import static dev.bazaar.portal.ServiceStubs.Service.CATALOG;
import static dev.bazaar.portal.ServiceStubs.Service.ORDER;
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
 * One of the shop's orders: what to pack and where to send it, the parcels sent, the returns to decide, the seller's
 * money and the actions its status allows; and its printable packing slip (no prices).
 */
@QuarkusTest
class OrderPageTest {

    static final String DETAIL = "/api/v1/seller/orders/" + Fixtures.ORDER_ID;
    static final String PAGE = "/orders/" + Fixtures.ORDER_ID;
    static final String SLIP = PAGE + "/packing-slip";
    static final String PDF = SLIP + ".pdf";
    static final String PARCEL_1 = "5a1e0000-0000-4000-8000-000000000001";
    static final String PARCEL_2 = "5a1e0000-0000-4000-8000-000000000002";
    /** The one-line group (2 mugs) sent in two parcels: one tracked on the web, one with a link that is not. */
    static final String UPS = Fixtures.array(
            Fixtures.shipment(
                    PARCEL_1,
                    "UPS",
                    "1Z999",
                    "https://www.ups.com/track?tracknum=1Z999",
                    "2026-12-02",
                    Fixtures.item(Fixtures.VARIANT_ID, 1)),
            Fixtures.shipment(
                    PARCEL_2,
                    "Local",
                    "L-7",
                    "javascript:alert(1)",
                    "2026-12-03",
                    Fixtures.item(Fixtures.VARIANT_ID, 1)));

    static final String SHIPMENTS = DETAIL + "/shipments";
    /** A paid group of two lines: a shirt with two options (size, then colour) and a vase with none. */
    static final String SHIRT_AND_VASE = Fixtures.detailOf(
            "PAID",
            Fixtures.ADDRESS,
            "[]",
            Fixtures.lineWithOptions(
                    Fixtures.VARIANT_ID, "Linen shirt", "SHIRT-M-BLUE", 2, 0, "size", "M", "colour", "blue"),
            Fixtures.lineWithOptions(Fixtures.VASE_ID, "Tall vase", "VASE-L", 1, 0));

    @BeforeEach
    void stubs() {
        ServiceStubs.started();
    }

    @Test
    void aPaidOrderShowsWhatToPackWhereItGoesTheMoneyAndItsForms() {
        ServiceStubs.answer(
                ORDER, "GET", DETAIL, 200, Fixtures.detail("PAID", "Stoneware mug", Fixtures.ADDRESS, "[]"));
        SignedIn.as("bob")
                .get(PAGE)
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<h1>Order c0ffee00</h1>"),
                        containsString("<strong class=\"group-status\" id=\"order-status\">PAID</strong>"),
                        containsString("<td>Stoneware mug</td><td>MUG-BLUE</td><td>2</td>"),
                        containsString(
                                "<td class=\"shipped\" id=\"shipped-" + Fixtures.VARIANT_ID + "\">0 of 2 shipped</td>"),
                        containsString("<td>$12.50</td><td>$25.00</td>"),
                        containsString(
                                "<address id=\"ship-to\">Alice Buyer<br>1 Main St<br>Apt 4<br>Springfield, IL 62701"
                                        + "<br>US</address>"),
                        containsString("Shipping: standard · $4.99"),
                        containsString("<dd id=\"subtotal\">$25.00</dd>"),
                        containsString("<dd id=\"shipping\">$4.99</dd>"),
                        containsString("<dd id=\"commission\">$2.50</dd>"),
                        containsString("<dd id=\"refunded\">$0.00</dd>"),
                        containsString("<dd id=\"net\"><strong>$27.49</strong></dd>"),
                        containsString("Nothing sent yet."),
                        containsString("action=\"/orders/" + Fixtures.ORDER_ID + "/ship\""),
                        containsString(
                                "<label for=\"qty-" + Fixtures.VARIANT_ID + "\">Stoneware mug (MUG-BLUE) · 2 left to "
                                        + "send</label><input id=\"qty-" + Fixtures.VARIANT_ID + "\" name=\"qty-"
                                        + Fixtures.VARIANT_ID
                                        + "\" type=\"number\" min=\"0\" max=\"2\" step=\"1\" value=\"2\" inputmode=\"numeric\">"),
                        containsString("<input id=\"carrier-" + Fixtures.ORDER_ID
                                + "\" name=\"carrier\" value=\"\" required>"),
                        containsString("action=\"/orders/" + Fixtures.ORDER_ID + "/cancel\""),
                        not(containsString("/delivered\"")),
                        containsString("Return beef0000 · <strong class=\"return-status\" id=\"return-status-"
                                + Fixtures.RETURN_ID + "\">Waiting for your decision</strong>"),
                        containsString("Reason: <strong>Damaged</strong> · the buyer wrote: <q>Chipped rim</q>"),
                        containsString("<li>1 × Stoneware mug (MUG-BLUE)</li>"),
                        containsString("action=\"/orders/returns/" + Fixtures.RETURN_ID + "/approve\""),
                        containsString("<input type=\"hidden\" name=\"orderId\" value=\"" + Fixtures.ORDER_ID + "\">"),
                        containsString("<a href=\"" + SLIP + "\" id=\"packing-slip\">Packing slip</a>")));
        assertThat(ServiceStubs.seen(ORDER, "GET", DETAIL).authorization()).startsWith("Bearer ey");
    }

    @Test
    void aShippedOrderLinksItsTrackingOnlyWhenTheAddressIsAWebPage() {
        ServiceStubs.answer(
                ORDER, "GET", DETAIL, 200, Fixtures.detail("SHIPPED", "Stoneware mug", Fixtures.ADDRESS, UPS));
        SignedIn.as("bob")
                .get(PAGE)
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<li id=\"shipment-" + PARCEL_1 + "\">UPS <a href=\"https://www.ups.com/track?"
                                + "tracknum=1Z999\" rel=\"noopener noreferrer\" target=\"_blank\">1Z999</a> · sent 2026-12-02"
                                + " · <span class=\"parcel\">MUG-BLUE × 1</span></li>"),
                        containsString("<li id=\"shipment-" + PARCEL_2 + "\">Local L-7 · sent 2026-12-03 · <span "
                                + "class=\"parcel\">MUG-BLUE × 1</span></li>"),
                        not(containsString("javascript:")),
                        containsString(">2 of 2 shipped</td>"),
                        containsString("action=\"/orders/" + Fixtures.ORDER_ID + "/delivered\""),
                        not(containsString("/ship\"")),
                        not(containsString("/cancel\""))));
    }

    @Test
    void anAddressTheOrderServiceCouldNotReachIsSaidOnThePageAndTheSlip() {
        ServiceStubs.answer(ORDER, "GET", DETAIL, 200, Fixtures.detail("PAID", "Stoneware mug", null, "[]"));
        SignedIn.as("bob")
                .get(PAGE)
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("id=\"address-unavailable\">Address temporarily unavailable — retry"),
                        not(containsString("id=\"ship-to\""))));
        SignedIn.as("bob")
                .get(SLIP)
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("id=\"address-unavailable\">Address temporarily unavailable — retry"),
                        containsString("<td>MUG-BLUE</td><td>Stoneware mug</td><td class=\"qty\">2</td>")));
    }

    @Test
    void thePackingSlipHasTheLinesAndTheAddressAndNoPrices() {
        ServiceStubs.answer(
                ORDER, "GET", DETAIL, 200, Fixtures.detail("PAID", "Stoneware mug", Fixtures.ADDRESS, "[]"));
        SignedIn.as("bob")
                .get(SLIP)
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<title>Packing slip · order c0ffee00</title>"),
                        containsString(
                                "<strong id=\"slip-order\">c0ffee00</strong> (<code>" + Fixtures.ORDER_ID + "</code>)"),
                        containsString("<span id=\"slip-date\">2026-12-01</span>"),
                        containsString(
                                "<address id=\"ship-to\">Alice Buyer<br>1 Main St<br>Apt 4<br>Springfield, IL 62701"
                                        + "<br>US</address>"),
                        containsString("<td>MUG-BLUE</td><td>Stoneware mug</td><td class=\"qty\">2</td>"),
                        containsString("@media print"),
                        containsString("window.print()"),
                        not(containsString("$")),
                        not(containsString("<nav")),
                        not(containsString("/static/portal.css")),
                        not(containsString("http"))));
    }

    @Test
    void thePdfSlipHasTheSameLinesAddressAndOptionsAndNoPrices() throws Exception {
        ServiceStubs.answer(ORDER, "GET", DETAIL, 200, SHIRT_AND_VASE);
        SignedIn.as("bob")
                .get(SLIP)
                .then()
                .statusCode(200)
                .body(containsString("<a href=\"" + PDF + "\" id=\"slip-pdf\">PDF</a>"));
        io.restassured.response.Response pdf = SignedIn.as("bob").get(PDF);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.contentType()).startsWith("application/pdf");
        assertThat(pdf.header("Content-Disposition")).isEqualTo("inline; filename=\"packing-slip-c0ffee00.pdf\"");
        String text;
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf.asByteArray())) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            assertThat(doc.getDocumentInformation().getTitle()).isEqualTo("Packing slip · order c0ffee00");
            text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
        }
        assertThat(text.lines().map(String::strip))
                .contains(
                        "Packing slip",
                        "Order c0ffee00 (" + Fixtures.ORDER_ID + ") · placed 2026-12-01",
                        "Alice Buyer",
                        "1 Main St",
                        "Apt 4",
                        "Springfield, IL 62701",
                        "US",
                        "SKU Item Quantity",
                        "SHIRT-M-BLUE Linen shirt 2",
                        "Size: M · Colour: blue",
                        "VASE-L Tall vase 1");
        assertThat(text).doesNotContain("$").doesNotContain("12.50").doesNotContain("cannot be printed");
    }

    @Test
    void aPdfSlipPrintsWhatItsFontCannotShowAsAQuestionMarkAndSaysSo() throws Exception {
        ServiceStubs.answer(ORDER, "GET", DETAIL, 200, Fixtures.detail("PAID", "Stoneware mug", """
                        {"name":"山田太郎","line1":"1-2-3 Ginza","line2":null,"city":"Chūō","region":"Tokyo",
                         "postalCode":"104-0061","country":"JP"}""", "[]"));
        byte[] pdf =
                SignedIn.as("bob").get(PDF).then().statusCode(200).extract().asByteArray();
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            assertThat(text.lines().map(String::strip))
                    .contains(
                            "Some characters cannot be printed in this PDF (shown as ?): use the HTML slip.",
                            "????",
                            "1-2-3 Ginza",
                            "Chūō, Tokyo 104-0061");
        }
    }

    @Test
    void eachLinesOptionsAreShownInTheCatalogsOrderOnThePageAndTheSlip() {
        ServiceStubs.answer(ORDER, "GET", DETAIL, 200, SHIRT_AND_VASE);
        SignedIn.as("bob")
                .get(PAGE)
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<td>Linen shirt <span class=\"options\">Size: M · Colour: blue</span></td>"
                                + "<td>SHIRT-M-BLUE</td><td>2</td>"),
                        containsString("<td>$12.50</td><td>$25.00</td>"),
                        // a line without options shows none
                        containsString("<td>Tall vase</td><td>VASE-L</td><td>1</td>")));
        SignedIn.as("bob")
                .get(SLIP)
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString(
                                "<td>SHIRT-M-BLUE</td><td>Linen shirt <span class=\"options\">Size: M · Colour: blue"
                                        + "</span></td><td class=\"qty\">2</td>"),
                        containsString("<td>VASE-L</td><td>Tall vase</td><td class=\"qty\">1</td>"),
                        not(containsString("$"))));
    }

    @Test
    void optionsAreShownAsTextOnThePageAndTheSlip() {
        ServiceStubs.answer(
                ORDER,
                "GET",
                DETAIL,
                200,
                Fixtures.detailOf(
                        "PAID",
                        Fixtures.ADDRESS,
                        "[]",
                        Fixtures.lineWithOptions(
                                Fixtures.VARIANT_ID,
                                "Mug",
                                "MUG-BLUE",
                                2,
                                0,
                                "<b>glaze</b>",
                                "<script>alert(1)</script>")));
        for (String page : new String[] {PAGE, SLIP}) {
            SignedIn.as("bob")
                    .get(page)
                    .then()
                    .statusCode(200)
                    .body(allOf(
                            containsString("&lt;b&gt;glaze&lt;/b&gt;: &lt;script&gt;alert(1)&lt;/script&gt;"),
                            not(containsString("<script>alert")),
                            not(containsString("<b>glaze"))));
        }
    }

    @Test
    void aScriptInATitleIsShownAsTextOnThePageAndTheSlip() {
        ServiceStubs.answer(
                ORDER,
                "GET",
                DETAIL,
                200,
                Fixtures.detail(
                        "PAID",
                        "<script>alert('x')</script>",
                        Fixtures.ADDRESS.replace("Alice Buyer", "<img src=x onerror=alert(1)>"),
                        "[]"));
        for (String page : new String[] {PAGE, SLIP}) {
            SignedIn.as("bob")
                    .get(page)
                    .then()
                    .statusCode(200)
                    .body(allOf(
                            containsString("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"),
                            containsString("&lt;img src=x onerror=alert(1)&gt;"),
                            not(containsString("<script>alert")),
                            not(containsString("<img src=x"))));
        }
    }

    @Test
    void anOrderOfAnotherShopOrNoneIsNotFound() {
        ServiceStubs.answer(ORDER, "GET", DETAIL, 404, Fixtures.problem(404, "No such order."));
        for (String page : new String[] {
            PAGE, SLIP, PDF, "/orders/not-an-id", "/orders/not-an-id/packing-slip", "/orders/not-an-id/packing-slip.pdf"
        }) {
            SignedIn.as("bob")
                    .get(page)
                    .then()
                    .statusCode(404)
                    .body(allOf(containsString("Not found"), containsString("No such order or return in your shop.")));
        }
    }

    @Test
    void anOrderServiceThatFailsIsSaidSo() {
        ServiceStubs.answer(ORDER, "GET", DETAIL, 503, Fixtures.problem(503, "Orders are not available right now."));
        SignedIn.as("bob")
                .get(PAGE)
                .then()
                .statusCode(502)
                .body(allOf(
                        containsString("Order not available"), containsString("Orders are not available right now.")));
    }

    @Test
    void aShipmentGoesBackToTheOrderAndOneTheOrderServiceRefusesShowsItsReasonThere() {
        ServiceStubs.answer(
                ORDER, "GET", DETAIL, 200, Fixtures.detail("PAID", "Stoneware mug", Fixtures.ADDRESS, "[]"));
        ServiceStubs.answer(ORDER, "POST", SHIPMENTS, 200, Fixtures.detail("SHIPPED", "Stoneware mug", null, UPS));
        SignedIn.form("bob", PAGE)
                .formParam("carrier", "UPS")
                .formParam("trackingNumber", "1Z999")
                .post(PAGE + "/ship")
                .then()
                .statusCode(303)
                .header("Location", endsWith(PAGE));
        assertThat(ServiceStubs.seen(ORDER, "POST", SHIPMENTS).body())
                .as("no quantities: everything left, no lines")
                .isEqualTo("{\"carrier\":\"UPS\",\"trackingNumber\":\"1Z999\"}");

        ServiceStubs.answer(ORDER, "POST", SHIPMENTS, 409, Fixtures.problem(409, "The group was cancelled."));
        SignedIn.form("bob", PAGE)
                .formParam("carrier", "UPS")
                .formParam("trackingNumber", "1Z999")
                .post(PAGE + "/ship")
                .then()
                .statusCode(409)
                .body(allOf(
                        containsString("<p class=\"error\" role=\"alert\">The group was cancelled.</p>"),
                        containsString("<h1>Order c0ffee00</h1>")));
    }

    /** A group of 3 mugs and a vase, in {@code status}, with so many of each in {@code shipments}. */
    static String twoLines(String status, int mugsShipped, int vasesShipped, String shipments) {
        return Fixtures.detailOf(
                status,
                Fixtures.ADDRESS,
                shipments,
                Fixtures.line(Fixtures.VARIANT_ID, "Stoneware mug", "MUG-BLUE", 3, mugsShipped),
                Fixtures.line(Fixtures.VASE_ID, "Tall vase", "VASE-L", 1, vasesShipped));
    }

    @Test
    void aParcelCarriesTheQuantitiesTheSellerChoseAndOnlyThoseAboveZero() {
        ServiceStubs.answer(ORDER, "GET", DETAIL, 200, twoLines("PAID", 0, 0, "[]"));
        ServiceStubs.answer(ORDER, "POST", SHIPMENTS, 200, twoLines("PARTIALLY_SHIPPED", 2, 0, "[]"));
        SignedIn.form("bob", PAGE)
                .formParam("qty-" + Fixtures.VARIANT_ID, "2")
                .formParam("qty-" + Fixtures.VASE_ID, "0")
                .formParam("carrier", "UPS")
                .formParam("trackingNumber", "1Z999")
                .post(PAGE + "/ship")
                .then()
                .statusCode(303)
                .header("Location", endsWith(PAGE));
        assertThat(ServiceStubs.seen(ORDER, "POST", SHIPMENTS).body())
                .isEqualTo("{\"carrier\":\"UPS\"," + "\"trackingNumber\":\"1Z999\",\"lines\":["
                        + Fixtures.item(Fixtures.VARIANT_ID, 2) + "]}");

        // as the form comes: everything left, each line at its full quantity
        SignedIn.form("bob", PAGE)
                .formParam("qty-" + Fixtures.VARIANT_ID, "3")
                .formParam("qty-" + Fixtures.VASE_ID, "1")
                .formParam("carrier", "UPS")
                .formParam("trackingNumber", "1Z998")
                .post(PAGE + "/ship")
                .then()
                .statusCode(303)
                .header("Location", endsWith(PAGE));
        assertThat(ServiceStubs.seen(ORDER, "POST", SHIPMENTS).body())
                .isEqualTo("{\"carrier\":\"UPS\","
                        + "\"trackingNumber\":\"1Z998\",\"lines\":[" + Fixtures.item(Fixtures.VARIANT_ID, 3) + ","
                        + Fixtures.item(Fixtures.VASE_ID, 1) + "]}");
    }

    @Test
    void aParcelWithNothingInItIsRefusedOnThePageWithoutAskingTheOrderService() {
        ServiceStubs.answer(ORDER, "GET", DETAIL, 200, twoLines("PAID", 0, 0, "[]"));
        SignedIn.form("bob", PAGE)
                .formParam("qty-" + Fixtures.VARIANT_ID, "0")
                .formParam("qty-" + Fixtures.VASE_ID, "")
                .formParam("carrier", "UPS")
                .formParam("trackingNumber", "1Z999")
                .post(PAGE + "/ship")
                .then()
                .statusCode(400)
                .body(allOf(
                        containsString("<p class=\"error\" role=\"alert\">Nothing to send: every quantity is 0. "
                                + "Enter how many of each item go in this parcel.</p>"),
                        containsString("name=\"qty-" + Fixtures.VARIANT_ID + "\" type=\"number\" min=\"0\" max=\"3\" "
                                + "step=\"1\" value=\"0\""),
                        containsString("name=\"carrier\" value=\"UPS\" required>"),
                        containsString("name=\"trackingNumber\" value=\"1Z999\" required>")));
        SignedIn.form("bob", PAGE)
                .formParam("qty-" + Fixtures.VARIANT_ID, "-1")
                .formParam("qty-" + Fixtures.VASE_ID, "x")
                .formParam("carrier", "UPS")
                .formParam("trackingNumber", "1Z999")
                .post(PAGE + "/ship")
                .then()
                .statusCode(400)
                .body(containsString("How many of an item go in this "
                        + "parcel is a whole number from 0 to what is left to send, not “-1”, “x”."));
        assertThat(ServiceStubs.seen(ORDER, "POST", SHIPMENTS))
                .as("the order service is not asked")
                .isNull();
    }

    @Test
    void aParcelTheOrderServiceRefusesShowsItsFieldErrorsWithTheFormAsTyped() {
        ServiceStubs.answer(ORDER, "GET", DETAIL, 200, twoLines("PARTIALLY_SHIPPED", 2, 0, "[]"));
        ServiceStubs.answer(
                ORDER,
                "POST",
                SHIPMENTS,
                400,
                "{\"status\":400,\"detail\":\"Invalid request\","
                        + "\"violations\":[{\"field\":\"lines\",\"message\":\"at most 1 of variant "
                        + Fixtures.VARIANT_ID
                        + " are left to ship\"}]}");
        SignedIn.form("bob", PAGE)
                .formParam("qty-" + Fixtures.VARIANT_ID, "2")
                .formParam("carrier", "DHL")
                .formParam("trackingNumber", "JD01")
                .post(PAGE + "/ship")
                .then()
                .statusCode(400)
                .body(allOf(
                        containsString("<p class=\"error\" role=\"alert\">lines: at most 1 of variant MUG-BLUE are "
                                + "left to ship</p>"),
                        containsString("max=\"1\" step=\"1\" value=\"2\""),
                        containsString("name=\"carrier\" value=\"DHL\" required>")));
    }

    @Test
    void aPartlyShippedOrderListsItsParcelsAndOffersToShipWhatIsLeft() {
        ServiceStubs.answer(
                ORDER,
                "GET",
                DETAIL,
                200,
                twoLines(
                        "PARTIALLY_SHIPPED",
                        2,
                        1,
                        Fixtures.array(
                                Fixtures.shipment(
                                        PARCEL_1,
                                        "UPS",
                                        "1Z999",
                                        "https://www.ups.com/track?tracknum=1Z999",
                                        "2026-12-02",
                                        Fixtures.item(Fixtures.VARIANT_ID, 1),
                                        Fixtures.item(Fixtures.VASE_ID, 1)),
                                Fixtures.shipment(
                                        PARCEL_2,
                                        "Local",
                                        "L-7",
                                        null,
                                        "2026-12-03",
                                        Fixtures.item(Fixtures.VARIANT_ID, 1)))));
        SignedIn.as("bob")
                .get(PAGE)
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<strong class=\"group-status\" id=\"order-status\">Partly shipped</strong>"),
                        containsString("id=\"shipped-" + Fixtures.VARIANT_ID + "\">2 of 3 shipped</td>"),
                        containsString("id=\"shipped-" + Fixtures.VASE_ID + "\">1 of 1 shipped</td>"),
                        containsString("<li id=\"shipment-" + PARCEL_1 + "\">UPS <a href=\"https://www.ups.com/track?"
                                + "tracknum=1Z999\" rel=\"noopener noreferrer\" target=\"_blank\">1Z999</a> · sent 2026-12-02"
                                + " · <span class=\"parcel\">MUG-BLUE × 1, VASE-L × 1</span></li>"),
                        containsString("<li id=\"shipment-" + PARCEL_2 + "\">Local L-7 · sent 2026-12-03 · <span "
                                + "class=\"parcel\">MUG-BLUE × 1</span></li>"),
                        containsString("action=\"/orders/" + Fixtures.ORDER_ID + "/ship\""),
                        containsString("Stoneware mug (MUG-BLUE) · 1 left to send</label><input id=\"qty-"
                                + Fixtures.VARIANT_ID + "\" name=\"qty-" + Fixtures.VARIANT_ID
                                + "\" type=\"number\" min=\"0\" "
                                + "max=\"1\" step=\"1\" value=\"1\""),
                        not(containsString("id=\"qty-" + Fixtures.VASE_ID + "\"")),
                        containsString("<input id=\"carrier-" + Fixtures.ORDER_ID + "\""),
                        containsString("<input id=\"tracking-" + Fixtures.ORDER_ID + "\""),
                        not(containsString("/cancel\"")),
                        not(containsString("/delivered\""))));
    }

    @Test
    void aReturnDecidedOnTheOrderPageGoesBackToIt() {
        ServiceStubs.answer(
                ORDER, "GET", DETAIL, 200, Fixtures.detail("DELIVERED", "Stoneware mug", Fixtures.ADDRESS, UPS));
        String reject = "/api/v1/seller/returns/" + Fixtures.RETURN_ID + "/reject";
        ServiceStubs.answer(ORDER, "POST", reject, 200, Fixtures.detail("DELIVERED", "Stoneware mug", null, UPS));
        SignedIn.form("bob", PAGE)
                .formParam("orderId", Fixtures.ORDER_ID)
                .formParam("reason", "Used")
                .post("/orders/returns/" + Fixtures.RETURN_ID + "/reject")
                .then()
                .statusCode(303)
                .header("Location", endsWith(PAGE));
        assertThat(ServiceStubs.seen(ORDER, "POST", reject).body()).isEqualTo("{\"reason\":\"Used\"}");
    }

    static final String R_ESCALATED = "beef0000-5678-4abc-8def-000000000002";
    static final String R_AWAITING = "beef0000-5678-4abc-8def-000000000003";
    static final String R_APPROVED = "beef0000-5678-4abc-8def-000000000004";
    static final String INSTRUCTIONS =
            "Send it to Bob's Mugs, 1 Kiln Rd, Springfield IL 62701\nUse the label in the box";
    static final String AUTHORIZE = "/api/v1/seller/returns/" + Fixtures.RETURN_ID + "/authorize";
    static final String RECEIVED = "/api/v1/seller/returns/" + R_AWAITING + "/received";

    /** The delivered group with a return in each state a seller sees: requested, escalated, awaiting items, approved. */
    static String fourReturns() {
        return Fixtures.detailWithReturns(
                "DELIVERED",
                Fixtures.array(
                        Fixtures.returnOf(Fixtures.RETURN_ID, "REQUESTED", "DAMAGED", "Chipped rim", null),
                        Fixtures.returnOf(R_ESCALATED, "ESCALATED", "NOT_AS_DESCRIBED", "Blue, not green", null),
                        Fixtures.returnOf(
                                R_AWAITING, "AWAITING_ITEMS", "WRONG_ITEM", "I ordered the vase", INSTRUCTIONS),
                        Fixtures.returnOf(R_APPROVED, "APPROVED", "NO_LONGER_NEEDED", null, null)));
    }

    private static String form(String kind, String returnId) {
        return "action=\"/orders/returns/" + returnId + "/" + kind + "\" class=\""
                + (kind.equals("authorize") ? "return-authorize" : "inline") + "\" id=\"" + kind + "-" + returnId
                + "\"";
    }

    @Test
    void eachReturnShowsTheBuyersReasonAndTheDecisionsItsStatusAllows() {
        ServiceStubs.answer(ORDER, "GET", DETAIL, 200, fourReturns());
        String page =
                SignedIn.as("bob").get(PAGE).then().statusCode(200).extract().asString();
        assertThat(page)
                .contains(
                        // the buyer's last day to ask, under the shop's policy when they bought
                        "<span id=\"returnable-until\">returnable until 2026-12-31</span>",
                        // requested: approve and refund, ask for the items back, reject
                        "id=\"return-status-" + Fixtures.RETURN_ID + "\">Waiting for your decision</strong>",
                        "Reason: <strong>Damaged</strong> · the buyer wrote: <q>Chipped rim</q>",
                        form("approve", Fixtures.RETURN_ID),
                        form("authorize", Fixtures.RETURN_ID),
                        form("reject", Fixtures.RETURN_ID),
                        "<label for=\"instructions-" + Fixtures.RETURN_ID
                                + "\">Where and how the buyer sends the items back"
                                + "</label>\n      <textarea id=\"instructions-" + Fixtures.RETURN_ID
                                + "\" name=\"instructions\" "
                                + "rows=\"3\" maxlength=\"1000\" required></textarea>",
                        "<label for=\"reject-reason-" + Fixtures.RETURN_ID
                                + "\">Reason</label><input id=\"reject-reason-" + Fixtures.RETURN_ID
                                + "\" name=\"reason\" maxlength=\"500\" required>",
                        // escalated: the same decisions, and that the admins see it too
                        "id=\"return-status-" + R_ESCALATED + "\">Waiting for a decision (overdue)</strong>",
                        "Reason: <strong>Not as described</strong> · the buyer wrote: <q>Blue, not green</q>",
                        "<p class=\"notice\" id=\"escalated-" + R_ESCALATED
                                + "\">Nobody decided this return in time, so it "
                                + "is also in the marketplace administrators' queue. You may still decide it here.</p>",
                        form("approve", R_ESCALATED),
                        form("authorize", R_ESCALATED),
                        form("reject", R_ESCALATED),
                        // awaiting the items: what the buyer was told, refund on arrival, or reject
                        "id=\"return-status-" + R_AWAITING + "\">Waiting for the items to come back</strong>",
                        "Reason: <strong>Wrong item</strong> · the buyer wrote: <q>I ordered the vase</q>",
                        "<p id=\"instructions-sent-" + R_AWAITING
                                + "\">You asked for the items back:</p>\n    <blockquote "
                                + "class=\"instructions\">Send it to Bob&#39;s Mugs, 1 Kiln Rd, Springfield IL 62701\nUse the "
                                + "label in the box</blockquote>",
                        form("received", R_AWAITING) + ">",
                        "<button type=\"submit\">Items received — refund</button>",
                        form("reject", R_AWAITING),
                        "<label for=\"reject-reason-" + R_AWAITING + "\">Reason (e.g. the items never arrived)</label>",
                        // approved: decided, nothing to do
                        "id=\"return-status-" + R_APPROVED + "\">Approved and refunded</strong>",
                        "Reason: <strong>No longer needed</strong></p>");
        assertThat(page)
                .doesNotContain(
                        "id=\"escalated-" + Fixtures.RETURN_ID + "\"",
                        "id=\"received-" + Fixtures.RETURN_ID + "\"",
                        "id=\"received-" + R_ESCALATED + "\"",
                        "id=\"approve-" + R_AWAITING + "\"",
                        "id=\"authorize-" + R_AWAITING + "\"",
                        "id=\"instructions-" + R_AWAITING + "\"",
                        "id=\"approve-" + R_APPROVED + "\"",
                        "id=\"authorize-" + R_APPROVED + "\"",
                        "id=\"received-" + R_APPROVED + "\"",
                        "id=\"reject-" + R_APPROVED + "\"",
                        "id=\"instructions-sent-" + Fixtures.RETURN_ID + "\"");
    }

    @Test
    void askingForTheItemsBackSendsTheInstructionsAndGoesBackToTheOrder() {
        ServiceStubs.answer(ORDER, "GET", DETAIL, 200, fourReturns());
        ServiceStubs.answer(
                ORDER,
                "POST",
                AUTHORIZE,
                200,
                Fixtures.detailWithReturns(
                        "DELIVERED",
                        Fixtures.array(Fixtures.returnOf(
                                Fixtures.RETURN_ID, "AWAITING_ITEMS", "DAMAGED", "Chipped rim", INSTRUCTIONS))));
        SignedIn.form("bob", PAGE)
                .formParam("orderId", Fixtures.ORDER_ID)
                .formParam("instructions", INSTRUCTIONS)
                .post("/orders/returns/" + Fixtures.RETURN_ID + "/authorize")
                .then()
                .statusCode(303)
                .header("Location", endsWith(PAGE));
        ServiceStubs.Seen sent = ServiceStubs.seen(ORDER, "POST", AUTHORIZE);
        assertThat(sent.body()).isEqualTo("{\"instructions\":" + Fixtures.json(INSTRUCTIONS) + "}");
        assertThat(sent.authorization()).startsWith("Bearer ey");
    }

    @Test
    void instructionsTheOrderServiceRefusesComeBackWithItsReasonAndAsTyped() {
        ServiceStubs.answer(ORDER, "GET", DETAIL, 200, fourReturns());
        ServiceStubs.answer(
                ORDER,
                "POST",
                AUTHORIZE,
                400,
                "{\"status\":400,\"detail\":\"Invalid request\","
                        + "\"violations\":[{\"field\":\"instructions\",\"message\":\"is required\"}]}");
        SignedIn.form("bob", PAGE)
                .formParam("orderId", Fixtures.ORDER_ID)
                .formParam("instructions", "  ")
                .post("/orders/returns/" + Fixtures.RETURN_ID + "/authorize")
                .then()
                .statusCode(400)
                .body(allOf(
                        containsString("<p class=\"error\" role=\"alert\">instructions: is required</p>"),
                        containsString("<h1>Order c0ffee00</h1>"),
                        containsString("id=\"authorize-" + Fixtures.RETURN_ID + "\"")));
        assertThat(ServiceStubs.seen(ORDER, "POST", AUTHORIZE).body()).isEqualTo("{\"instructions\":\"  \"}");

        // refused for another reason: what was typed stays in its own return's form only
        ServiceStubs.answer(ORDER, "POST", AUTHORIZE, 409, Fixtures.problem(409, "This return was already approved."));
        SignedIn.form("bob", PAGE)
                .formParam("orderId", Fixtures.ORDER_ID)
                .formParam("instructions", "Kiln Rd <b>1</b>")
                .post("/orders/returns/" + Fixtures.RETURN_ID + "/authorize")
                .then()
                .statusCode(409)
                .body(allOf(
                        containsString("<p class=\"error\" role=\"alert\">This return was already approved.</p>"),
                        containsString(
                                "id=\"instructions-" + Fixtures.RETURN_ID + "\" name=\"instructions\" rows=\"3\" "
                                        + "maxlength=\"1000\" required>Kiln Rd &lt;b&gt;1&lt;/b&gt;</textarea>"),
                        containsString("id=\"instructions-" + R_ESCALATED + "\" name=\"instructions\" rows=\"3\" "
                                + "maxlength=\"1000\" required></textarea>")));
    }

    @Test
    void itemsReceivedRefundAndAReturnNotAwaitingThemIsRefusedWithTheReason() {
        ServiceStubs.answer(ORDER, "GET", DETAIL, 200, fourReturns());
        ServiceStubs.answer(
                ORDER,
                "POST",
                RECEIVED,
                200,
                Fixtures.detailWithReturns(
                        "DELIVERED",
                        Fixtures.array(Fixtures.returnOf(
                                R_AWAITING, "APPROVED", "WRONG_ITEM", "I ordered the vase", INSTRUCTIONS))));
        SignedIn.form("bob", PAGE)
                .formParam("orderId", Fixtures.ORDER_ID)
                .post("/orders/returns/" + R_AWAITING + "/received")
                .then()
                .statusCode(303)
                .header("Location", endsWith(PAGE));
        ServiceStubs.Seen sent = ServiceStubs.seen(ORDER, "POST", RECEIVED);
        assertThat(sent.body()).isEmpty();
        assertThat(sent.authorization()).startsWith("Bearer ey");

        ServiceStubs.answer(
                ORDER,
                "POST",
                RECEIVED,
                409,
                Fixtures.problem(409, "This return was not waiting for its items; approve or reject it."));
        SignedIn.form("bob", PAGE)
                .formParam("orderId", Fixtures.ORDER_ID)
                .post("/orders/returns/" + R_AWAITING + "/received")
                .then()
                .statusCode(409)
                .body(allOf(
                        containsString("<p class=\"error\" role=\"alert\">This return was not waiting for its items; "
                                + "approve or reject it.</p>"),
                        containsString("<h1>Order c0ffee00</h1>")));
    }

    @Test
    void aReturnOfAnotherShopOrNoneIsNotFound() {
        ServiceStubs.answer(ORDER, "GET", DETAIL, 200, fourReturns());
        ServiceStubs.answer(ORDER, "POST", AUTHORIZE, 404, Fixtures.problem(404, "No return for your shop."));
        SignedIn.form("bob", PAGE)
                .formParam("orderId", Fixtures.ORDER_ID)
                .formParam("instructions", INSTRUCTIONS)
                .post("/orders/returns/" + Fixtures.RETURN_ID + "/authorize")
                .then()
                .statusCode(404)
                .body(allOf(containsString("Not found"), containsString("No such order or return in your shop.")));
        for (String action : new String[] {"authorize", "received"}) {
            SignedIn.form("bob", PAGE)
                    .formParam("orderId", Fixtures.ORDER_ID)
                    .formParam("instructions", "x")
                    .post("/orders/returns/not-an-id/" + action)
                    .then()
                    .statusCode(404)
                    .body(containsString("No such order or return in your shop."));
        }
        assertThat(ServiceStubs.seen(ORDER, "POST", RECEIVED)).isNull();
    }

    @Test
    void anAdministratorMayNotDecideASellersReturn() {
        // the admin's page has a form (a shop to review): its CSRF token goes with the posts
        ServiceStubs.answer(
                CATALOG, "GET", "/api/v1/admin/shops", 200, Fixtures.page(Fixtures.shop("PENDING_APPROVAL")));
        ServiceStubs.answer(CATALOG, "GET", "/api/v1/admin/products", 200, Fixtures.page());
        for (String action : new String[] {"authorize", "received"}) {
            SignedIn.form("admin", "/admin")
                    .formParam("orderId", Fixtures.ORDER_ID)
                    .formParam("instructions", INSTRUCTIONS)
                    .post("/orders/returns/" + Fixtures.RETURN_ID + "/" + action)
                    .then()
                    .statusCode(403)
                    .body(containsString("This part of the portal is for sellers."));
        }
        assertThat(ServiceStubs.seen(ORDER, "POST", AUTHORIZE)).isNull();
        assertThat(ServiceStubs.seen(ORDER, "POST", "/api/v1/seller/returns/" + Fixtures.RETURN_ID + "/received"))
                .isNull();
    }

    @Test
    void aBuyerOrAnAdministratorIsNotASeller() {
        for (String user : new String[] {"alice", "admin"}) {
            for (String page : new String[] {PAGE, SLIP, PDF}) {
                SignedIn.as(user)
                        .get(page)
                        .then()
                        .statusCode(403)
                        .body(containsString("This part of the portal is for sellers."));
            }
        }
        assertThat(ServiceStubs.seen(ORDER, "GET", DETAIL)).isNull();
    }
}
