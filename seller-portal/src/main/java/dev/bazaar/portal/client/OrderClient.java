package dev.bazaar.portal.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The order service's seller API (the shop's order groups, their figures, one group in full, and returns), with the
 * signed-in user's own access token. Each call times out after 5 s
 * ({@code dev.bazaar.portal.client.OrderClient/Timeout/value}, in milliseconds).
 */
@RegisterRestClient(configKey = "order")
@RegisterProvider(Refusals.class)
@RegisterClientHeaders(UserToken.class)
@Timeout(value = 5, unit = ChronoUnit.SECONDS)
@Path("/api/v1/seller")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface OrderClient {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ReturnLine(String variantId, int quantity) {}

    /**
     * A return of some of the group's lines: REQUESTED, ESCALATED (nobody decided in time: also in the admins' queue),
     * AWAITING_ITEMS (the seller asked for the items back as {@code returnInstructions} say), APPROVED or REJECTED. The
     * buyer's reason ({@code reasonCode}: DAMAGED, NOT_AS_DESCRIBED, WRONG_ITEM, NO_LONGER_NEEDED or OTHER, and their
     * {@code comment}; {@code reason} their words before codes) is given on the order's own page only.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Return(
            String returnId,
            String status,
            List<ReturnLine> items,
            String reason,
            String reasonCode,
            String comment,
            String returnInstructions) {

        /** Waiting for the seller's decision: approve, ask for the items back, or reject. */
        public boolean undecided() {
            return "REQUESTED".equals(status) || "ESCALATED".equals(status);
        }

        /** The seller asked for the items back: refund when they arrive, or reject. */
        public boolean awaitingItems() {
            return "AWAITING_ITEMS".equals(status);
        }
    }

    /** One of the shop's order groups (its part of an order), as the list gives it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Group(
            String orderId,
            String status,
            Instant placedAt,
            Money total,
            int itemCount,
            String carrier,
            String trackingNumber,
            boolean needsAction,
            List<Return> returns) {}

    /** A page of the shop's order groups ({@code page} from 0) and how many match in all. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Groups(List<Group> items, int page, int size, long total) {}

    /**
     * The shop's figures over all its orders: {@code toShip} counts groups paid or partly shipped; sales count groups
     * paid or later, not cancelled.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Summary(int toShip, int returnsToDecide, Money salesToday, Money salesLast30Days, int ordersLast30Days) {}

    /** One of a variant's options: {@code name} ("size") and {@code value} ("M"). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Option(String name, String value) {}

    /**
     * A line of the group; {@code shippedQuantity} of its {@code quantity} are in parcels sent. {@code options}: the
     * variant's option values in the catalog's order (empty, or null from an older order service: none).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Line(
            String variantId,
            String productId,
            String title,
            String sku,
            List<Option> options,
            int quantity,
            Money unitPrice,
            Money lineTotal,
            Money commission,
            int shippedQuantity,
            int returnedQuantity) {

        /** A line without options. */
        public Line(
                String variantId,
                String productId,
                String title,
                String sku,
                int quantity,
                Money unitPrice,
                Money lineTotal,
                Money commission,
                int shippedQuantity,
                int returnedQuantity) {
            this(
                    variantId,
                    productId,
                    title,
                    sku,
                    List.of(),
                    quantity,
                    unitPrice,
                    lineTotal,
                    commission,
                    shippedQuantity,
                    returnedQuantity);
        }

        /** How many are left to send (never below 0). */
        public int left() {
            return Math.max(0, quantity - shippedQuantity);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Shipping(String method, Money price) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Address(
            String name, String line1, String line2, String city, String region, String postalCode, String country) {}

    /** How many of a variant go (or went) in a parcel. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ShipmentLine(String variantId, int quantity) {}

    /** A parcel sent, with what was in it; {@code trackingUrl} may be null. A group may ship in several. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Dispatch(
            String shipmentId,
            String carrier,
            String trackingNumber,
            String trackingUrl,
            Instant dispatchedAt,
            List<ShipmentLine> lines) {}

    /**
     * The shop's own group of an order: what to pack, where to send it ({@code shippingAddress} is null and
     * {@code addressAvailable} false when the order service could not reach its address store), what was sent and
     * returned, and the seller's money; {@code returnWindowDays} the shop's policy when the order was placed and
     * {@code returnableUntil} the buyer's last moment to ask (null until delivered, or with no returns).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Detail(
            String orderId,
            String shopId,
            String status,
            Instant placedAt,
            List<Line> lines,
            Shipping shipping,
            Address shippingAddress,
            boolean addressAvailable,
            List<Dispatch> shipments,
            Instant deliveredAt,
            List<Return> returns,
            Money subtotal,
            Money tax,
            Money total,
            Money commission,
            Money refunded,
            Money net,
            Integer returnWindowDays,
            Instant returnableUntil) {}

    /**
     * A parcel to send: {@code lines} what goes in it (each 1..what is left of its variant), or null (not sent) for
     * everything not shipped yet. Sending more than is left, or a variant not in the group, is a 400 on {@code lines}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Shipment(String carrier, String trackingNumber, List<ShipmentLine> lines) {}

    record Reason(String reason) {}

    /** Where and how the buyer sends a return's items back (1..1000 characters; blank is a 400 on the field). */
    record Instructions(String instructions) {}

    /**
     * The shop's order groups, newest first. {@code status}: PLACED, PAID, PARTIALLY_SHIPPED, SHIPPED, DELIVERED or
     * CANCELLED; {@code from}/{@code to}: placed dates (yyyy-MM-dd, inclusive, UTC); {@code needsAction}: to ship or
     * with a return to decide; {@code page} from 0, {@code size} 1..100. A null parameter is not sent.
     */
    @GET
    @Path("orders")
    Uni<Groups> orders(
            @QueryParam("status") String status,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("needsAction") Boolean needsAction,
            @QueryParam("page") Integer page,
            @QueryParam("size") Integer size);

    @GET
    @Path("orders/summary")
    Uni<Summary> summary();

    /** The shop's own group of the order; another shop's order (or none) is a 404. */
    @GET
    @Path("orders/{id}")
    Uni<Detail> order(@PathParam("id") String orderId);

    @POST
    @Path("orders/{id}/shipments")
    Uni<Void> ship(@PathParam("id") String orderId, Shipment shipment);

    @POST
    @Path("orders/{id}/delivered")
    Uni<Void> delivered(@PathParam("id") String orderId);

    @POST
    @Path("orders/{id}/cancel")
    Uni<Void> cancel(@PathParam("id") String orderId, Reason reason);

    @POST
    @Path("returns/{id}/approve")
    Uni<Void> approveReturn(@PathParam("id") String returnId);

    @POST
    @Path("returns/{id}/reject")
    Uni<Void> rejectReturn(@PathParam("id") String returnId, Reason reason);

    /** The seller wants the items back before refunding: the return then awaits them (AWAITING_ITEMS). */
    @POST
    @Path("returns/{id}/authorize")
    Uni<Void> authorizeReturn(@PathParam("id") String returnId, Instructions instructions);

    /** The items of a return awaiting them arrived: refund (a return not awaiting its items is a 409). */
    @POST
    @Path("returns/{id}/received")
    Uni<Void> receivedReturn(@PathParam("id") String returnId);
}
