package dev.bazaar.order.rest;

import dev.bazaar.contracts.messaging.Lines.StockLine;
import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.kit.tenancy.CurrentUser;
import dev.bazaar.order.config.OrderConfig;
import dev.bazaar.order.domain.Order;
import dev.bazaar.order.domain.ReturnReason;
import dev.bazaar.order.service.Orders;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * One order, read from its event store (read-your-writes right after checkout): the buyer who placed it, or an admin.
 * Another buyer's order is 404. The buyer may cancel (while PAID, nothing shipped) and ask for returns.
 */
@Path("/api/v1/orders/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {

    public record ReturnItem(
            @NotNull(message = "is required") UUID variantId,

            @Min(value = 1, message = "must be at least 1") @Max(value = 99, message = "must be at most 99")
            int quantity) {}

    /**
     * {@code lines} (API.md; {@code items} is the older name, still read): what goes back. {@code reason}: a code —
     * DAMAGED, NOT_AS_DESCRIBED, WRONG_ITEM, NO_LONGER_NEEDED, OTHER — or, as before codes, the buyer's own words
     * (then OTHER with those words); {@code comment}: anything the buyer adds.
     */
    public record ReturnRequest(
            @Size(max = 100, message = "is at most 100 lines")
            List<@Valid @NotNull ReturnItem> items,

            @Size(max = 100, message = "is at most 100 lines")
            List<@Valid @NotNull ReturnItem> lines,

            @NotBlank(message = "is required: a reason code or your own words")
            @Size(max = 500, message = "is at most 500 characters")
            String reason,

            @Size(max = 1000, message = "is at most 1000 characters")
            String comment) {

        List<ReturnItem> what() {
            List<ReturnItem> l = lines != null && !lines.isEmpty() ? lines : items;
            if (l == null || l.isEmpty()) {
                throw new ProblemException.Invalid("lines", "name at least one item");
            }
            return l;
        }
    }

    public record CancelRequest(
            @Size(max = 500, message = "is at most 500 characters")
            String reason) {}

    private final Orders orders;
    private final CurrentUser user;
    private final Clock clock;
    private final OrderConfig config;

    public OrderResource(Orders orders, CurrentUser user, Clock clock, OrderConfig config) {
        this.orders = orders;
        this.user = user;
        this.clock = clock;
        this.config = config;
    }

    @GET
    @RolesAllowed({"buyer", "admin"})
    public Uni<OrderViews.OrderView> get(@PathParam("id") UUID id) {
        return orders.load(id, null).map(o -> OrderViews.of(visible(o), config.returnWindow()));
    }

    /** The event stream; with {@code asOf} (ISO-8601) only what was recorded by then, and the state it folds to. */
    @GET
    @Path("history")
    @RolesAllowed({"buyer", "admin"})
    public Uni<OrderViews.HistoryView> history(
            @PathParam("id") UUID id,
            @QueryParam("asOf") @Size(max = 50, message = "is at most 50 characters") String asOf) {
        Instant at = parse(asOf);
        return orders.load(id, null)
                .map(this::visible)
                .flatMap(o -> orders.history(id, at))
                .map(events -> OrderViews.history(id, at, events, config.returnWindow()));
    }

    @POST
    @Path("cancel")
    @RolesAllowed("buyer")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<OrderViews.OrderView> cancel(@PathParam("id") UUID id, @Valid CancelRequest body) {
        String reason = body == null || body.reason() == null ? "cancelled by the buyer" : body.reason();
        String me = user.subject();
        return orders.execute(id, null, o -> own(o, me).buyerCancel(reason), Orders.After.NOTHING)
                .map(this::view);
    }

    @POST
    @Path("returns")
    @RolesAllowed("buyer")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<Map<String, Object>>> requestReturn(
            @PathParam("id") UUID id, @Valid @NotNull(message = "a body with items is required") ReturnRequest body) {
        String me = user.subject();
        UUID returnId = UUID.randomUUID();
        Instant now = clock.instant();
        List<StockLine> lines = body.what().stream()
                .map(i -> new StockLine(i.variantId(), i.quantity()))
                .toList();
        ReturnReason code = Arrays.stream(ReturnReason.values())
                .filter(r -> r.name().equals(body.reason().strip()))
                .findFirst()
                .orElse(null);
        return orders.execute(
                        id,
                        null,
                        o -> {
                            Order mine = own(o, me);
                            UUID shop = shopOf(mine, lines);
                            return code != null
                                    ? mine.requestReturn(
                                            returnId, shop, lines, code, body.comment(), now, config.returnWindow())
                                    : mine.requestReturn(
                                            returnId, shop, lines, body.reason(), now, config.returnWindow());
                        },
                        Orders.After.NOTHING)
                .map(o -> RestResponse.status(
                        RestResponse.Status.CREATED, Map.of("returnId", returnId, "order", view(o))));
    }

    /** The buyer says one seller's parcels arrived (only once every item of that group has shipped). */
    @POST
    @Path("groups/{shopId}/delivered")
    @RolesAllowed("buyer")
    @Consumes(MediaType.WILDCARD) // no body: a bare POST must not be 415
    public Uni<OrderViews.OrderView> delivered(@PathParam("id") UUID id, @PathParam("shopId") UUID shopId) {
        String me = user.subject();
        Instant now = clock.instant();
        return orders.execute(id, null, o -> own(o, me).deliver(shopId, now), Orders.After.NOTHING)
                .map(this::view);
    }

    private OrderViews.OrderView view(Order o) {
        return OrderViews.of(o, config.returnWindow());
    }

    /** A return is for one seller: every item must come from the same group. */
    private static UUID shopOf(Order o, List<StockLine> lines) {
        UUID shop = null;
        for (StockLine l : lines) {
            UUID s = o.groups().stream()
                    .filter(g -> g.group().lines().stream()
                            .anyMatch(x -> x.variantId().equals(l.variantId())))
                    .map(g -> g.group().shopId())
                    .findFirst()
                    .orElseThrow(() -> new ProblemException.Invalid(
                            "items", "variant " + l.variantId() + " is not in this order"));
            if (shop != null && !shop.equals(s)) {
                throw new ProblemException.Invalid("items", "a return is for one seller's items: ask one per seller");
            }
            shop = s;
        }
        return shop;
    }

    private Order visible(Order o) {
        if (!o.exists() || (!user.hasRole("admin") && !o.buyer().equals(user.subject()))) {
            throw new ProblemException.NotFound("No such order.");
        }
        return o;
    }

    private static Order own(Order o, String subject) {
        if (!o.exists() || !o.buyer().equals(subject)) {
            throw new ProblemException.NotFound("No such order.");
        }
        return o;
    }

    private static Instant parse(String asOf) {
        if (asOf == null || asOf.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(asOf);
        } catch (DateTimeParseException e) {
            throw new ProblemException.Invalid("asOf", "must be an ISO-8601 instant like 2026-11-24T10:15:30Z");
        }
    }
}
