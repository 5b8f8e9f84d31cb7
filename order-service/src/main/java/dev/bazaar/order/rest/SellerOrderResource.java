package dev.bazaar.order.rest;

import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.kit.tenancy.CurrentUser;
import dev.bazaar.order.domain.Order;
import dev.bazaar.order.persistence.OrderIndex;
import dev.bazaar.order.persistence.SellerOrderView;
import dev.bazaar.order.persistence.SellerOrderViews;
import dev.bazaar.order.service.Orders;
import dev.bazaar.order.service.Shops;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.bazaar.order.domain.GroupStatus;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A seller lists and fulfils their own shop's groups: list (from the read model), ship (carrier + tracking), mark
 * delivered, cancel what they cannot fulfil, and decide returns. An order without a group of their shop is 404, as is another shop's return.
 */
@Path("/api/v1/seller")
@RolesAllowed("seller")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SellerOrderResource {

    public record ShipmentRequest(
            @NotBlank(message = "is required") @Size(max = 100, message = "is at most 100 characters") String carrier,
            @NotBlank(message = "is required") @Size(max = 100, message = "is at most 100 characters")
            String trackingNumber) {
    }

    public record ReasonRequest(@Size(max = 500, message = "is at most 500 characters") String reason) {
    }

    public record GroupAnswer(UUID orderId, UUID shopId, String groupStatus, OrderViews.OrderView order) {
    }

    /** One of the seller's order groups; {@code returns}: the buyer's returns of this group (id, status, items). */
    public record GroupSummary(String orderId, String status, String orderStatus, Instant placedAt,
            Map<String, Object> total, int itemCount, String carrier, String trackingNumber,
            List<Map<String, Object>> returns) {
    }

    private final Orders orders;
    private final Shops shops;
    private final OrderIndex index;
    private final CurrentUser user;
    private final Clock clock;
    private final SellerOrderViews views;

    public SellerOrderResource(Orders orders, Shops shops, OrderIndex index, CurrentUser user, Clock clock,
            SellerOrderViews views) {
        this.orders = orders;
        this.shops = shops;
        this.index = index;
        this.user = user;
        this.clock = clock;
        this.views = views;
    }

    /** The shop's order groups, newest first, optionally by group status — from the read model. */
    @GET
    @Path("orders")
    public Uni<Map<String, List<GroupSummary>>> list(
            @QueryParam("status") @Size(max = 30, message = "is at most 30 characters") String status) {
        if (status != null && Arrays.stream(GroupStatus.values()).noneMatch(s -> s.name().equals(status))) {
            throw new ProblemException.Invalid("status", "must be one of " + Arrays.toString(GroupStatus.values()));
        }
        return shop().flatMap(shop -> views.forShop(shop.toString(), status, 100))
                .map(groups -> Map.of("items", groups.stream().map(SellerOrderResource::summary).toList()));
    }

    private static GroupSummary summary(SellerOrderView v) {
        return new GroupSummary(v.orderId, v.status, v.orderStatus, v.placedAt,
                Map.of("amount", v.total.amount, "currency", v.total.currency), v.itemCount, v.carrier,
                v.trackingNumber, (v.returns == null ? List.<SellerOrderView.Return>of() : v.returns).stream()
                        .map(r -> Map.<String, Object>of("returnId", r.returnId, "status", r.status,
                                "items", (r.items == null ? List.<SellerOrderView.Item>of() : r.items).stream()
                                        .map(i -> Map.<String, Object>of("variantId", i.variantId,
                                                "quantity", i.quantity)).toList())).toList());
    }

    @POST
    @Path("orders/{id}/shipments")
    public Uni<GroupAnswer> ship(@PathParam("id") UUID id,
            @Valid @NotNull(message = "a body with carrier and trackingNumber is required") ShipmentRequest body) {
        return shop().flatMap(shop -> orders.execute(id, null, o -> mine(o, shop).ship(shop, body.carrier().trim(),
                body.trackingNumber().trim(), clock.instant()), Orders.After.NOTHING).map(o -> answer(o, shop)));
    }

    @POST
    @Path("orders/{id}/delivered")
    @Consumes(MediaType.WILDCARD) // no body: a bare POST must not be 415
    public Uni<GroupAnswer> delivered(@PathParam("id") UUID id) {
        return shop().flatMap(shop -> orders.execute(id, null, o -> mine(o, shop).deliver(shop, clock.instant()),
                Orders.After.NOTHING).map(o -> answer(o, shop)));
    }

    @POST
    @Path("orders/{id}/cancel")
    public Uni<GroupAnswer> cancel(@PathParam("id") UUID id, @Valid ReasonRequest body) {
        String reason = body == null || body.reason() == null ? "cancelled by the seller" : body.reason();
        return shop().flatMap(shop -> orders.execute(id, null, o -> mine(o, shop).sellerCancel(shop, reason),
                Orders.After.NOTHING).map(o -> answer(o, shop)));
    }

    @POST
    @Path("returns/{returnId}/approve")
    @Consumes(MediaType.WILDCARD) // no body: a bare POST must not be 415
    public Uni<OrderViews.OrderView> approve(@PathParam("returnId") UUID returnId) {
        UUID refundId = UUID.randomUUID();
        return returnOf(returnId).flatMap(r -> orders.execute(r.orderId(), null, o -> o.approveReturn(returnId,
                refundId), Orders.After.NOTHING)).map(OrderViews::of);
    }

    @POST
    @Path("returns/{returnId}/reject")
    public Uni<OrderViews.OrderView> reject(@PathParam("returnId") UUID returnId, @Valid ReasonRequest body) {
        String reason = body == null || body.reason() == null ? "rejected by the seller" : body.reason();
        return returnOf(returnId).flatMap(r -> orders.execute(r.orderId(), null, o -> o.rejectReturn(returnId,
                reason), Orders.After.NOTHING)).map(OrderViews::of);
    }

    private Uni<OrderIndex.ReturnRef> returnOf(UUID returnId) {
        return shop().flatMap(shop -> index.returnOf(returnId, shop)).map(r -> r.orElseThrow(
                () -> new ProblemException.NotFound("No return " + returnId + " for your shop.")));
    }

    /** The caller's shop (one per seller). */
    private Uni<UUID> shop() {
        return shops.ownedBy(user.subject());
    }

    private static Order mine(Order o, UUID shop) {
        if (!o.exists() || !o.hasShop(shop)) {
            throw new ProblemException.NotFound("No such order for your shop.");
        }
        return o;
    }

    private static GroupAnswer answer(Order o, UUID shop) {
        return new GroupAnswer(o.orderId(), shop, o.groups().stream().filter(g -> g.group().shopId().equals(shop))
                .findFirst().orElseThrow().status().name(), OrderViews.of(o));
    }
}
