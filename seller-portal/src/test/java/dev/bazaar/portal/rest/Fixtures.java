package dev.bazaar.portal.rest;

import java.time.Instant;
import java.util.Arrays;

/** The services' answers the page tests stub, in their real shapes (with fields the portal does not read). */
final class Fixtures {

    static final String SHOP_ID = "5d0c8f3e-8a0e-4c1e-9a52-3f0a6c2b7d11";
    static final String PRODUCT_ID = "7a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b";
    static final String VARIANT_ID = "0b1c2d3e-4f50-4a6b-8c7d-8e9f0a1b2c3d";
    /** A second variant (a vase, VASE-L) for groups of two lines. */
    static final String VASE_ID = "1c2d3e4f-5061-4b7c-8d9e-0f1a2b3c4d5e";

    static final String ORDER_ID = "c0ffee00-1234-4abc-8def-001122334455";
    static final String RETURN_ID = "beef0000-5678-4abc-8def-66778899aabb";

    private Fixtures() {}

    static String shop(String status) {
        return """
                {"id":"%s","name":"Bob's Mugs","slug":"bobs-mugs","description":"Hand-thrown mugs","country":"US",
                 "ownerSubject":"sub-bob","status":"%s","statusReason":null,"createdAt":"2026-11-01T10:00:00Z",
                 "updatedAt":"2026-11-01T10:00:00Z","version":1}""".formatted(SHOP_ID, status);
    }

    static String product(String status) {
        return """
                {"id":"%s","shopId":"%s","slug":"stoneware-mug","title":"Stoneware mug","description":"Holds 350 ml",
                 "categoryId":null,"brand":null,"tags":[],"attributes":{},"media":[],"status":"%s","statusReason":null,
                 "variants":[{"id":"%s","sku":"MUG-BLUE","options":{"colour":"blue"},
                   "price":{"amount":1250,"currency":"USD"},"compareAtPrice":null,"weightGrams":400,"onHand":7,
                   "reserved":2,"available":5}],
                 "createdAt":"2026-11-02T10:00:00Z","updatedAt":"2026-11-02T10:00:00Z","version":3}""".formatted(PRODUCT_ID, SHOP_ID, status, VARIANT_ID);
    }

    static String page(String... items) {
        return "{\"items\":[" + String.join(",", items) + "],\"page\":0,\"size\":100,\"total\":" + items.length + "}";
    }

    /** One of the shop's order groups as the list gives it (a return waiting for a decision). */
    static String group(String status, Instant placedAt, long cents) {
        return """
                {"orderId":"%s","status":"%s","placedAt":"%s",
                 "total":{"amount":%d,"currency":"USD"},"itemCount":2,"carrier":null,"trackingNumber":null,
                 "needsAction":true,
                 "returns":[{"returnId":"%s","status":"REQUESTED","items":[{"variantId":"%s","quantity":1}]}]}""".formatted(ORDER_ID, status, placedAt, cents, RETURN_ID, VARIANT_ID);
    }

    /** A page of the list: {@code page} from 0, {@code total} groups in all. */
    static String groups(int page, int size, long total, String... items) {
        return "{\"items\":[" + String.join(",", items) + "],\"page\":" + page + ",\"size\":" + size + ",\"total\":"
                + total + "}";
    }

    static final String SUMMARY = """
            {"toShip":3,"returnsToDecide":1,"salesToday":{"amount":2500,"currency":"USD"},
             "salesLast30Days":{"amount":123450,"currency":"USD"},"ordersLast30Days":12}""";

    static final String ADDRESS = """
            {"name":"Alice Buyer","line1":"1 Main St","line2":"Apt 4","city":"Springfield","region":"IL",
             "postalCode":"62701","country":"US"}""";

    /**
     * The shop's group of an order in full, in {@code status}, with one line ({@code title}, SKU MUG-BLUE,
     * 2 × $12.50; both shipped once the group is SHIPPED or DELIVERED), shipped to {@code address} (a JSON object, or
     * null with the address store unreachable), the {@code shipments} (a JSON array) and a return with its reason.
     */
    static String detail(String status, String title, String address, String shipments) {
        int shipped = status.equals("SHIPPED") || status.equals("DELIVERED") ? 2 : 0;
        return detailOf(status, address, shipments, line(VARIANT_ID, title, "MUG-BLUE", 2, shipped));
    }

    /** The group in full with these {@code lines} (see {@link #line}); the money is the one-line group's. */
    static String detailOf(String status, String address, String shipments, String... lines) {
        return detailWith(
                status,
                address,
                shipments,
                "[" + returnOf(RETURN_ID, "REQUESTED", "DAMAGED", "Chipped rim", null) + "]",
                lines);
    }

    /**
     * The one-line group (2 mugs, not shipped unless SHIPPED or DELIVERED) in {@code status} with these
     * {@code returns} (a JSON array of {@link #returnOf}).
     */
    static String detailWithReturns(String status, String returns) {
        int shipped = status.equals("SHIPPED") || status.equals("DELIVERED") ? 2 : 0;
        return detailWith(status, ADDRESS, "[]", returns, line(VARIANT_ID, "Stoneware mug", "MUG-BLUE", 2, shipped));
    }

    private static String detailWith(String status, String address, String shipments, String returns, String... lines) {
        return """
                {"orderId":"%s","shopId":"%s","status":"%s","placedAt":"2026-12-01T09:30:00Z",
                 "lines":[%s],
                 "shipping":{"method":"standard","price":{"amount":499,"currency":"USD"}},
                 "shippingAddress":%s,"addressAvailable":%s,"shipments":%s,"deliveredAt":null,
                 "returns":%s,
                 "subtotal":{"amount":2500,"currency":"USD"},"tax":{"amount":200,"currency":"USD"},
                 "total":{"amount":3199,"currency":"USD"},"commission":{"amount":250,"currency":"USD"},
                 "refunded":{"amount":0,"currency":"USD"},"net":{"amount":2749,"currency":"USD"},
                 "needsAction":true,"returnWindowDays":30,"returnableUntil":%s}""".formatted(
                        ORDER_ID,
                        SHOP_ID,
                        status,
                        String.join(",", lines),
                        address == null ? "null" : address,
                        address != null,
                        shipments,
                        returns,
                        status.equals("DELIVERED") ? "\"2026-12-31T09:30:00Z\"" : "null");
    }

    /**
     * A return of one mug as the seller's order detail gives it: in {@code status}, the buyer's {@code reasonCode}
     * (their {@code reason} is the code's name, as order-service stores it) and {@code comment}, and the seller's
     * {@code instructions} (null unless AWAITING_ITEMS).
     */
    static String returnOf(String returnId, String status, String reasonCode, String comment, String instructions) {
        return """
                {"returnId":"%s","status":"%s","items":[{"variantId":"%s","quantity":1}],"reason":"%s",
                 "reasonCode":"%s","comment":%s,"returnInstructions":%s}""".formatted(
                        returnId,
                        status,
                        VARIANT_ID,
                        reasonCode,
                        reasonCode,
                        comment == null ? "null" : json(comment),
                        instructions == null ? "null" : json(instructions));
    }

    /**
     * A return in the admins' queue (order-service's {@code GET /api/v1/admin/returns} item): one mug and two vases,
     * requested 2026-12-03 and escalated 2026-12-06.
     */
    static String escalated(String returnId, String reasonCode, String comment) {
        return """
                {"returnId":"%s","orderId":"%s","shopId":"%s","requestedAt":"2026-12-03T08:00:00Z",
                 "escalatedAt":"2026-12-06T08:00:05Z","lines":[%s,%s],"reasonCode":"%s","comment":%s}""".formatted(
                        returnId,
                        ORDER_ID,
                        SHOP_ID,
                        item(VARIANT_ID, 1),
                        item(VASE_ID, 2),
                        reasonCode,
                        comment == null ? "null" : json(comment));
    }

    /** A line of the group: {@code quantity} × $12.50, {@code shipped} of them in parcels sent. */
    static String line(String variantId, String title, String sku, int quantity, int shipped) {
        return """
                {"variantId":"%s","productId":"%s","title":%s,"sku":"%s","quantity":%d,
                 "unitPrice":{"amount":1250,"currency":"USD"},"lineTotal":{"amount":%d,"currency":"USD"},
                 "commission":{"amount":%d,"currency":"USD"},"shippedQuantity":%d,"returnedQuantity":0}""".formatted(
                        variantId, PRODUCT_ID, json(title), sku, quantity, 1250 * quantity, 125 * quantity, shipped);
    }

    /**
     * A {@link #line} with the variant's options, as the order service gives them: {@code namesAndValues} name, value,
     * name, value… in the catalog's order.
     */
    static String lineWithOptions(
            String variantId, String title, String sku, int quantity, int shipped, String... namesAndValues) {
        StringBuilder options = new StringBuilder("[");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            options.append(i == 0 ? "" : ",")
                    .append("{\"name\":")
                    .append(json(namesAndValues[i]))
                    .append(",\"value\":")
                    .append(json(namesAndValues[i + 1]))
                    .append("}");
        }
        String line = line(variantId, title, sku, quantity, shipped);
        return line.replace("\"sku\":\"" + sku + "\",", "\"sku\":\"" + sku + "\",\"options\":" + options + "],");
    }

    /** A parcel sent on {@code day} (yyyy-MM-dd) with what was in it ({@link #item}); no tracking URL if null. */
    static String shipment(
            String shipmentId, String carrier, String trackingNumber, String trackingUrl, String day, String... items) {
        return """
                {"shipmentId":"%s","carrier":"%s","trackingNumber":"%s","trackingUrl":%s,
                 "dispatchedAt":"%sT10:00:00Z","lines":[%s]}""".formatted(
                        shipmentId,
                        carrier,
                        trackingNumber,
                        trackingUrl == null ? "null" : json(trackingUrl),
                        day,
                        String.join(",", items));
    }

    /** {@code quantity} of a variant, in a parcel or a shipment request. */
    static String item(String variantId, int quantity) {
        return "{\"variantId\":\"" + variantId + "\",\"quantity\":" + quantity + "}";
    }

    /** A JSON array of these objects. */
    static String array(String... items) {
        return "[" + String.join(",", Arrays.asList(items)) + "]";
    }

    /** A JSON string. */
    static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    static final String BALANCE = """
            {"shopId":"%s","pending":{"amount":4200,"currency":"USD"},"available":{"amount":1999,"currency":"USD"},
             "inTransit":{"amount":0,"currency":"USD"},"paidOut":{"amount":50000,"currency":"USD"},
             "debt":{"amount":0,"currency":"USD"},"asOf":"2026-12-01T00:00:00Z"}""".formatted(SHOP_ID);

    static final String PAYOUTS = """
            [{"id":"9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a","shopId":"%s","amount":{"amount":30000,"currency":"USD"},
              "debtSettled":{"amount":0,"currency":"USD"},"status":"PAID","failureReason":null,
              "createdAt":"2026-11-20T06:00:00Z"}]""".formatted(SHOP_ID);

    static final String ACCOUNT = """
            {"shopId":"%s","accountId":"acct_sandbox_123","verified":false,"onboardingUrl":null,"schedule":"WEEKLY",
             "requirements":{"currentlyDue":["external_account"],"pastDue":[],"disabledReason":null,
               "deadline":null},"payoutsPaused":true}""".formatted(SHOP_ID);

    static final String CATEGORIES = """
            [{"id":"11111111-1111-4111-8111-111111111111","slug":"home","name":"Home","path":"home",
              "children":[{"id":"22222222-2222-4222-8222-222222222222","slug":"mugs","name":"Mugs",
                "path":"home/mugs","children":[]}]}]""";

    static final String REVIEW_ID = "4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7b";

    /**
     * A review of the mug by its buyer as review-service's seller list gives it: {@code rating} stars, in
     * {@code status}, written 2026-12-02, with the shop's {@code reply} (null: none yet).
     */
    static String review(String id, int rating, String status, String title, String body, String reply) {
        return """
                {"id":"%s","subject":"PRODUCT","productId":"%s","shopId":"%s","rating":%d,"title":%s,"body":%s,
                 "photoUrls":[],"verifiedPurchase":true,"helpfulCount":2,%s"createdAt":"2026-12-02T10:00:00Z",
                 "updatedAt":"2026-12-02T10:00:00Z","status":"%s","orderId":"%s"}""".formatted(
                        id,
                        PRODUCT_ID,
                        SHOP_ID,
                        rating,
                        json(title),
                        json(body),
                        reply == null
                                ? ""
                                : "\"reply\":{\"body\":" + json(reply) + ",\"createdAt\":\"2026-12-03T10:00:00Z\","
                                        + "\"updatedAt\":\"2026-12-04T10:00:00Z\"},",
                        status,
                        ORDER_ID);
    }

    /** A review of the shop itself (the three scores, no title), published, without an answer. */
    static String shopReview(String id, int rating, String body) {
        return """
                {"id":"%s","subject":"SHOP","shopId":"%s","rating":%d,
                 "scores":{"asDescribed":5,"shipping":3,"communication":4},"body":%s,"photoUrls":[],
                 "verifiedPurchase":true,"helpfulCount":0,"createdAt":"2026-12-01T10:00:00Z",
                 "updatedAt":"2026-12-01T10:00:00Z","status":"PUBLISHED","orderId":"%s"}""".formatted(id, SHOP_ID, rating, json(body), ORDER_ID);
    }

    /** A review in the moderators' queue (admins' view: with the automatic checks' {@code flags}), PENDING. */
    static String pendingReview(String id, String body, String... flags) {
        return """
                {"id":"%s","subject":"PRODUCT","productId":"%s","shopId":"%s","rating":1,"title":"Do not buy",
                 "body":%s,"photoUrls":[],"verifiedPurchase":true,"helpfulCount":0,
                 "createdAt":"2026-12-02T10:00:00Z","updatedAt":"2026-12-02T10:00:00Z","status":"PENDING",
                 "flags":[%s],"orderId":"%s","editableUntil":"2027-01-01T10:00:00Z"}""".formatted(
                id,
                PRODUCT_ID,
                SHOP_ID,
                json(body),
                String.join(
                        ",", java.util.Arrays.stream(flags).map(Fixtures::json).toList()),
                ORDER_ID);
    }

    /** A page of a seller's reviews as review-service gives it, {@code total} in all, {@code next} cursor or null. */
    static String reviews(long total, String next, String... items) {
        return "{\"items\":[" + String.join(",", items) + "],\"size\":20,\"total\":" + total + ",\"nextCursor\":"
                + (next == null ? "null" : json(next)) + "}";
    }

    static String problem(int status, String detail) {
        return "{\"type\":\"about:blank\",\"title\":\"Refused\",\"status\":" + status + ",\"detail\":\"" + detail
                + "\"}";
    }
}
