package dev.bazaar.order.service;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.Lines.OrderGroup;
import dev.bazaar.contracts.messaging.OrderCommand;
import dev.bazaar.contracts.messaging.OrderEvent;
import dev.bazaar.contracts.messaging.OrderReply;
import dev.bazaar.contracts.messaging.PaymentEvent;
import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.order.domain.IllegalOrderTransition;
import dev.bazaar.order.persistence.OrderStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;

/**
 * What checkout's commands and payment's events do to orders. Commands are answered in the transaction of the events
 * they cause (a refused cancel alone); PaymentCaptured → OrderPaid, RefundSucceeded → RefundIssued, both idempotent in
 * the aggregate. {@code env}: the message that led here (its ids travel on the events and replies).
 */
@ApplicationScoped
public class OrderCommands {

    private final Orders orders;
    private final OrderStore store;
    private final Shops shops;
    private final Clock clock;

    public OrderCommands(Orders orders, OrderStore store, Shops shops, Clock clock) {
        this.orders = orders;
        this.store = store;
        this.shops = shops;
        this.clock = clock;
    }

    /**
     * Places the order (idempotent by order id: a replay answers OrderPlaced again), each group under its shop's return
     * window as this service knows it now (the buyer buys under that policy; a later change does not touch it). The
     * quote's display estimate, if any, is kept in OrderPlaced for the buyer's confirmation (#24).
     */
    public Uni<Void> place(Envelope<?> env, OrderCommand.PlaceOrder p) {
        return shops.returnWindowDays(
                        p.groups().stream().map(OrderGroup::shopId).toList())
                .flatMap(windows -> orders.execute(
                        p.orderId(),
                        env,
                        o -> o.place(new OrderEvent.OrderPlaced(
                                p.orderId(),
                                p.checkoutId(),
                                p.buyerSubject(),
                                p.shippingAddressId(),
                                p.paymentId(),
                                p.groups(),
                                p.total(),
                                clock.instant(),
                                windows,
                                p.displayEstimate())),
                        (tx, o, e) -> store.reply(tx, env, new OrderReply.OrderPlaced(p.sagaId(), p.orderId()))))
                .replaceWithVoid();
    }

    /** Cancels the order before fulfilment (OrderCancelled); after a shipment the answer is OrderCancelRefused. */
    public Uni<Void> cancel(Envelope<?> env, OrderCommand.CancelOrder c) {
        return orders.execute(
                        c.orderId(),
                        env,
                        o -> o.exists() ? o.sagaCancel(c.reason()) : List.of(),
                        (tx, o, e) -> store.reply(tx, env, new OrderReply.OrderCancelled(c.sagaId(), c.orderId())))
                .replaceWithVoid()
                .onFailure(IllegalOrderTransition.class)
                .recoverWithUni(e ->
                        store.reply(env, new OrderReply.OrderCancelRefused(c.sagaId(), c.orderId(), e.getMessage())));
    }

    public Uni<Void> paymentCaptured(Envelope<?> env, PaymentEvent.PaymentCaptured c) {
        return ifKnown(orders.execute(c.orderId(), env, o -> o.pay(c.paymentId(), c.amount()), Orders.After.NOTHING)
                .replaceWithVoid());
    }

    public Uni<Void> refundSucceeded(Envelope<?> env, PaymentEvent.RefundSucceeded r) {
        return ifKnown(orders.execute(
                        r.orderId(),
                        env,
                        o -> o.refundIssued(r.refundId(), r.shopId(), r.amount()),
                        Orders.After.NOTHING)
                .replaceWithVoid());
    }

    /** Events about orders this service never placed (another environment's) are not ours to record. */
    private static Uni<Void> ifKnown(Uni<Void> work) {
        return work.onFailure(ProblemException.NotFound.class).recoverWithNull().replaceWithVoid();
    }
}
