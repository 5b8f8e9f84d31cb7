package dev.bazaar.order.rest;

import dev.bazaar.contracts.messaging.Lines.StockLine;
import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.kit.tenancy.CurrentUser;
import dev.bazaar.kit.web.Page;
import dev.bazaar.kit.web.PageRequest;
import dev.bazaar.order.config.OrderConfig;
import dev.bazaar.order.domain.GroupStatus;
import dev.bazaar.order.domain.Order;
import dev.bazaar.order.domain.SellerPart;
import dev.bazaar.order.persistence.OrderIndex;
import dev.bazaar.order.persistence.SellerOrderViews;
import dev.bazaar.order.service.Orders;
import dev.bazaar.order.service.SellerOrders;
import dev.bazaar.order.service.ShippingAddresses;
import dev.bazaar.order.service.Shops;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A seller lists and fulfils their own shop's part of orders: the list (paged, filtered, from the read model) and the
 * dashboard's figures, one order's part with the address to ship to and its packing slip, ship (carrier + tracking),
 * mark delivered, cancel what they cannot fulfil, and decide returns. Every answer is built from the seller's own part
 * ({@link SellerPart}); an order without a part of their shop is 404, as is another shop's return. The shop's staff
 * (users its owner invited, ADR 0027) may do all of this for it too; the seller analytics stay the owner's.
 */
@Path("/api/v1/seller")
@RolesAllowed("seller")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SellerOrderResource {

    /** A parcel: {@code lines} what is in it (left out or empty: everything not shipped yet). */
    public record ShipmentRequest(
            @NotBlank(message = "is required") @Size(max = 100, message = "is at most 100 characters")
            String carrier,

            @NotBlank(message = "is required") @Size(max = 100, message = "is at most 100 characters")
            String trackingNumber,

            @Size(max = 100, message = "is at most 100 lines")
            List<@Valid @NotNull ShipmentLine> lines) {}

    public record ShipmentLine(
            @NotNull(message = "is required") UUID variantId,

            @Min(value = 1, message = "must be at least 1") @Max(value = 999, message = "must be at most 999")
            int quantity) {}

    /** Where and how the buyer sends the items back (an address, a label in the box, a drop-off code). */
    public record InstructionsRequest(
            @NotBlank(message = "is required") @Size(max = 1000, message = "is at most 1000 characters")
            String instructions) {}

    public record ReasonRequest(
            @Size(max = 500, message = "is at most 500 characters")
            String reason) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance packingSlip(SellerViews.SellerOrder order, String shortId, String placedOn);
    }

    private final Orders orders;
    private final Shops shops;
    private final OrderIndex index;
    private final CurrentUser user;
    private final Clock clock;
    private final SellerOrders sellerOrders;
    private final ShippingAddresses addresses;
    private final OrderConfig config;

    public SellerOrderResource(
            Orders orders,
            Shops shops,
            OrderIndex index,
            CurrentUser user,
            Clock clock,
            SellerOrders sellerOrders,
            ShippingAddresses addresses,
            OrderConfig config) {
        this.orders = orders;
        this.shops = shops;
        this.index = index;
        this.user = user;
        this.clock = clock;
        this.sellerOrders = sellerOrders;
        this.addresses = addresses;
        this.config = config;
    }

    /**
     * The shop's order groups, newest first, one page at a time: by group status, placed date ({@code from} and
     * {@code to} inclusive, yyyy-MM-dd, UTC) and "needs action" (to ship, or a return to decide).
     */
    @GET
    @Path("orders")
    public Uni<Page<SellerViews.GroupSummary>> list(
            @QueryParam("status") @Size(max = 30, message = "is at most 30 characters") String status,
            @QueryParam("from") @Size(max = 10, message = "is a date, yyyy-MM-dd") String from,
            @QueryParam("to") @Size(max = 10, message = "is a date, yyyy-MM-dd") String to,
            @QueryParam("needsAction") boolean needsAction,
            @Valid @BeanParam PageRequest page) {
        if (status != null
                && Arrays.stream(GroupStatus.values()).noneMatch(s -> s.name().equals(status))) {
            throw new ProblemException.Invalid("status", "must be one of " + Arrays.toString(GroupStatus.values()));
        }
        LocalDate fromDay = day("from", from);
        LocalDate toDay = day("to", to);
        if (fromDay != null && toDay != null && fromDay.isAfter(toDay)) {
            throw new ProblemException.Invalid("from", "is after to");
        }
        var filter = new SellerOrderViews.Filter(
                status,
                fromDay == null ? null : start(fromDay),
                toDay == null ? null : start(toDay.plusDays(1)),
                needsAction);
        return shop().flatMap(shop -> sellerOrders.list(shop.toString(), filter, page))
                .map(p -> p.map(SellerViews::summary));
    }

    /** The dashboard's figures over every group of the shop: to ship, returns to decide, sales today and in 30 days. */
    @GET
    @Path("orders/summary")
    public Uni<SellerViews.Summary> summary() {
        return shop().flatMap(shop -> sellerOrders.summary(shop.toString(), clock.instant()))
                .map(SellerViews::summary);
    }

    /** The seller's part of one order, with the address to ship to (read from checkout, which logs the read). */
    @GET
    @Path("orders/{id}")
    public Uni<SellerViews.SellerOrder> order(@PathParam("id") UUID id) {
        return withAddress(id);
    }

    /** A printable packing slip: what goes in the parcel and where it goes, no prices. */
    @GET
    @Path("orders/{id}/packing-slip")
    @Produces(MediaType.TEXT_HTML)
    public Uni<TemplateInstance> packingSlip(@PathParam("id") UUID id) {
        return withAddress(id)
                .map(o -> Templates.packingSlip(
                        o,
                        o.orderId().toString().substring(0, 8),
                        o.placedAt().atOffset(ZoneOffset.UTC).toLocalDate().toString()));
    }

    @POST
    @Path("orders/{id}/shipments")
    public Uni<SellerViews.SellerOrder> ship(
            @PathParam("id") UUID id,
            @Valid @NotNull(message = "a body with carrier and trackingNumber is required") ShipmentRequest body) {
        List<StockLine> lines = body.lines() == null
                ? null
                : body.lines().stream()
                        .map(l -> new StockLine(l.variantId(), l.quantity()))
                        .toList();
        return shop().flatMap(shop -> orders.execute(
                        id,
                        null,
                        o -> mine(o, shop)
                                .ship(
                                        shop,
                                        body.carrier().trim(),
                                        body.trackingNumber().trim(),
                                        lines,
                                        clock.instant()),
                        Orders.After.NOTHING)
                .map(o -> answer(o, shop)));
    }

    @POST
    @Path("orders/{id}/delivered")
    @Consumes(MediaType.WILDCARD) // no body: a bare POST must not be 415
    public Uni<SellerViews.SellerOrder> delivered(@PathParam("id") UUID id) {
        return shop().flatMap(shop -> orders.execute(
                        id, null, o -> mine(o, shop).deliver(shop, clock.instant()), Orders.After.NOTHING)
                .map(o -> answer(o, shop)));
    }

    @POST
    @Path("orders/{id}/cancel")
    public Uni<SellerViews.SellerOrder> cancel(@PathParam("id") UUID id, @Valid ReasonRequest body) {
        String reason = body == null || body.reason() == null ? "cancelled by the seller" : body.reason();
        return shop().flatMap(shop -> orders.execute(
                        id, null, o -> mine(o, shop).sellerCancel(shop, reason), Orders.After.NOTHING)
                .map(o -> answer(o, shop)));
    }

    @POST
    @Path("returns/{returnId}/approve")
    @Consumes(MediaType.WILDCARD) // no body: a bare POST must not be 415
    public Uni<SellerViews.SellerOrder> approve(@PathParam("returnId") UUID returnId) {
        UUID refundId = UUID.randomUUID();
        return returnOf(returnId)
                .flatMap(r -> orders.execute(
                                r.orderId(), null, o -> o.approveReturn(returnId, refundId), Orders.After.NOTHING)
                        .map(o -> answer(o, r.shopId())));
    }

    /** Approve with a return shipment: the buyer sends the items back as {@code instructions} say; no refund yet. */
    @POST
    @Path("returns/{returnId}/authorize")
    public Uni<SellerViews.SellerOrder> authorize(
            @PathParam("returnId") UUID returnId, @Valid @NotNull(message = "is required") InstructionsRequest body) {
        return returnOf(returnId)
                .flatMap(r -> orders.execute(
                                r.orderId(),
                                null,
                                o -> o.authorizeReturn(
                                        returnId, body.instructions().strip()),
                                Orders.After.NOTHING)
                        .map(o -> answer(o, r.shopId())));
    }

    /** The items of an authorized return arrived: refund them (as an approval does). */
    @POST
    @Path("returns/{returnId}/received")
    @Consumes(MediaType.WILDCARD) // no body: a bare POST must not be 415
    public Uni<SellerViews.SellerOrder> received(@PathParam("returnId") UUID returnId) {
        UUID refundId = UUID.randomUUID();
        return returnOf(returnId)
                .flatMap(r -> orders.execute(
                                r.orderId(), null, o -> o.receiveReturn(returnId, refundId), Orders.After.NOTHING)
                        .map(o -> answer(o, r.shopId())));
    }

    @POST
    @Path("returns/{returnId}/reject")
    public Uni<SellerViews.SellerOrder> reject(@PathParam("returnId") UUID returnId, @Valid ReasonRequest body) {
        String reason = body == null || body.reason() == null ? "rejected by the seller" : body.reason();
        return returnOf(returnId)
                .flatMap(r -> orders.execute(
                                r.orderId(), null, o -> o.rejectReturn(returnId, reason), Orders.After.NOTHING)
                        .map(o -> answer(o, r.shopId())));
    }

    private Uni<SellerViews.SellerOrder> withAddress(UUID id) {
        return shop().flatMap(shop -> orders.load(id, null).flatMap(o -> {
            SellerPart part = mine(o, shop).partOf(shop);
            return addresses
                    .read(o.shippingAddressId(), id, shop, user.subject())
                    .map(address -> SellerViews.of(part, address, window(o, shop)));
        }));
    }

    private Uni<OrderIndex.ReturnRef> returnOf(UUID returnId) {
        return shop().flatMap(shop -> index.returnOf(returnId, shop))
                .map(r -> r.orElseThrow(
                        () -> new ProblemException.NotFound("No return " + returnId + " for your shop.")));
    }

    /** The shop the caller fulfils for: the one they own, or the one whose staff they are (ADR 0027). */
    private Uni<UUID> shop() {
        return shops.fulfilledBy(user.subject());
    }

    private static LocalDate day(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new ProblemException.Invalid(field, "is a date, yyyy-MM-dd");
        }
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static Order mine(Order o, UUID shop) {
        if (!o.exists() || !o.hasShop(shop)) {
            throw new ProblemException.NotFound("No such order for your shop.");
        }
        return o;
    }

    private SellerViews.SellerOrder answer(Order o, UUID shop) {
        return SellerViews.of(o.partOf(shop), window(o, shop));
    }

    /** The return window the group was sold under (the configured one for orders from before shops had their own). */
    private SellerViews.ReturnWindow window(Order o, UUID shop) {
        return new SellerViews.ReturnWindow(
                o.returnWindow(shop, config.returnWindow()).toDays(), o.returnableUntil(shop, config.returnWindow()));
    }
}
