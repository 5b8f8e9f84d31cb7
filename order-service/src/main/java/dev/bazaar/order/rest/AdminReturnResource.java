package dev.bazaar.order.rest;

import dev.bazaar.contracts.messaging.Lines.StockLine;
import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.kit.web.Page;
import dev.bazaar.kit.web.PageRequest;
import dev.bazaar.order.config.OrderConfig;
import dev.bazaar.order.domain.Order;
import dev.bazaar.order.persistence.OrderIndex;
import dev.bazaar.order.service.Orders;
import dev.bazaar.order.service.ReturnEscalation;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The admins' returns queue: returns no seller decided within their time (ReturnEscalated), oldest first, with what the
 * buyer said; an admin approves (the refund follows as for a seller's approval) or rejects with a reason.
 */
@Path("/api/v1/admin/returns")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminReturnResource {

    public record Escalated(
            UUID returnId,
            UUID orderId,
            UUID shopId,
            Instant requestedAt,
            Instant escalatedAt,
            List<StockLine> lines,
            String reasonCode,
            String comment) {}

    public record ReasonRequest(
            @Size(max = 500, message = "is at most 500 characters")
            String reason) {}

    /** What a sweep run on demand did. */
    public record Escalation(int escalated) {}

    private final OrderIndex index;
    private final Orders orders;
    private final ReturnEscalation escalation;
    private final Clock clock;
    private final OrderConfig config;

    public AdminReturnResource(
            OrderIndex index, Orders orders, ReturnEscalation escalation, Clock clock, OrderConfig config) {
        this.index = index;
        this.orders = orders;
        this.escalation = escalation;
        this.clock = clock;
        this.config = config;
    }

    /**
     * Runs the escalation sweep now rather than at the next hourly tick (after an outage, or in a demo whose clock moved
     * on): every return undecided for longer than the sellers' time joins the queue. Safe beside the leader's run: the
     * aggregate escalates a return once.
     */
    @POST
    @Path("escalation")
    @Consumes(MediaType.WILDCARD) // no body: a bare POST must not be 415
    public Uni<Escalation> escalateNow() {
        return escalation.runOnce(clock.instant()).map(Escalation::new);
    }

    @GET
    public Uni<Page<Escalated>> queue(@Valid @BeanParam PageRequest page) {
        return index.escalated(page)
                .flatMap(p -> Multi.createFrom()
                        .iterable(p.items())
                        .onItem()
                        .transformToUniAndConcatenate(e -> orders.load(e.orderId(), null)
                                .map(o -> {
                                    Order.Return r = o.returns().stream()
                                            .filter(x -> x.returnId().equals(e.returnId()))
                                            .findFirst()
                                            .orElseThrow();
                                    return new Escalated(
                                            e.returnId(),
                                            e.orderId(),
                                            e.shopId(),
                                            e.requestedAt(),
                                            e.escalatedAt(),
                                            r.lines(),
                                            r.reasonCode().name(),
                                            r.comment());
                                }))
                        .collect()
                        .asList()
                        .map(items -> new Page<>(items, p.page(), p.size(), p.total())));
    }

    @POST
    @Path("{returnId}/approve")
    @Consumes(MediaType.WILDCARD) // no body: a bare POST must not be 415
    public Uni<OrderViews.OrderView> approve(@PathParam("returnId") UUID returnId) {
        UUID refundId = UUID.randomUUID();
        return returnOf(returnId)
                .flatMap(r -> orders.execute(
                        r.orderId(), null, o -> o.approveReturn(returnId, refundId), Orders.After.NOTHING))
                .map(this::view);
    }

    @POST
    @Path("{returnId}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<OrderViews.OrderView> reject(@PathParam("returnId") UUID returnId, @Valid ReasonRequest body) {
        String reason = body == null || body.reason() == null ? "rejected by the marketplace" : body.reason();
        return returnOf(returnId)
                .flatMap(r ->
                        orders.execute(r.orderId(), null, o -> o.rejectReturn(returnId, reason), Orders.After.NOTHING))
                .map(this::view);
    }

    private OrderViews.OrderView view(Order o) {
        return OrderViews.of(o, config.returnWindow());
    }

    private Uni<OrderIndex.ReturnRef> returnOf(UUID returnId) {
        return index.returnOf(returnId)
                .map(r -> r.orElseThrow(() -> new ProblemException.NotFound("No return " + returnId + ".")));
    }
}
