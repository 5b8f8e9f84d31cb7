package dev.bazaar.order.messaging;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.Message;
import dev.bazaar.contracts.messaging.OrderCommand;
import dev.bazaar.contracts.messaging.OrderEvent;
import dev.bazaar.contracts.messaging.OrderReply;
import dev.bazaar.contracts.messaging.PaymentEvent;
import dev.bazaar.contracts.messaging.ShopEvent;
import dev.bazaar.contracts.messaging.Topic;
import dev.bazaar.kit.consumer.Inbound;
import dev.bazaar.kit.consumer.Replayable;
import dev.bazaar.kit.consumer.Transients;
import dev.bazaar.kit.outbox.Outbox;
import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.order.domain.IllegalOrderTransition;
import dev.bazaar.order.service.Orders;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * order-service's inputs: checkout's commands (replies in the same transaction as the events), payment's events
 * (PaymentCaptured → OrderPaid, RefundSucceeded → RefundIssued; both idempotent in the aggregate), and shop events
 * (who owns which shop). Unreadable records go to the topic's DLQ; a DLQ replay runs the same handlers (Replayable).
 */
@ApplicationScoped
public class OrderConsumers implements Replayable {

    private final Orders orders;
    private final Pool pool;

    public OrderConsumers(Orders orders, Pool pool) {
        this.orders = orders;
        this.pool = pool;
    }

    @Override
    public Map<String, Function<String, Uni<Void>>> replayHandlers() {
        return Map.of(Topic.ORDER_COMMANDS.topicName(), this::command, Topic.PAYMENT_EVENTS.topicName(), this::payment,
                Topic.SHOP_EVENTS.topicName(), this::shop);
    }

    @Incoming("order-commands")
    public Uni<Void> command(String json) {
        Envelope<?> env = Inbound.decode(Topic.ORDER_COMMANDS, json);
        return Transients.retried("order.commands " + env.type(), () -> switch ((OrderCommand) env.payload()) {
            case OrderCommand.PlaceOrder p -> orders.execute(p.orderId(), env, o -> o.place(new OrderEvent.OrderPlaced(
                    p.orderId(), p.checkoutId(), p.buyerSubject(), p.shippingAddressId(), p.paymentId(), p.groups(),
                    p.total(), Instant.now())), (tx, o, e) -> reply(tx, env, new OrderReply.OrderPlaced(p.sagaId(),
                            p.orderId()))).replaceWithVoid();
            case OrderCommand.CancelOrder c -> orders.execute(c.orderId(), env, o -> o.exists() ? o.sagaCancel(
                    c.reason()) : List.of(), (tx, o, e) -> reply(tx, env, new OrderReply.OrderCancelled(c.sagaId(),
                            c.orderId())))
                    .replaceWithVoid()
                    .onFailure(IllegalOrderTransition.class).recoverWithUni(e -> pool.withTransaction(tx -> reply(tx,
                            env, new OrderReply.OrderCancelRefused(c.sagaId(), c.orderId(), e.getMessage()))));
        });
    }

    @Incoming("payment-events")
    public Uni<Void> payment(String json) {
        Envelope<?> env = Inbound.decode(Topic.PAYMENT_EVENTS, json);
        return Transients.retried("payment.events " + env.type(), () -> switch ((PaymentEvent) env.payload()) {
            case PaymentEvent.PaymentCaptured c -> ifKnown(orders.execute(c.orderId(), env,
                    o -> o.pay(c.paymentId(), c.amount()), Orders.After.NOTHING).replaceWithVoid());
            case PaymentEvent.RefundSucceeded r -> ifKnown(orders.execute(r.orderId(), env,
                    o -> o.refundIssued(r.refundId(), r.shopId(), r.amount()), Orders.After.NOTHING)
                    .replaceWithVoid());
            default -> Uni.createFrom().voidItem();
        });
    }

    @Incoming("shop-events")
    public Uni<Void> shop(String json) {
        Envelope<?> env = Inbound.decode(Topic.SHOP_EVENTS, json);
        ShopEvent e = (ShopEvent) env.payload();
        String owner = switch (e) {
            case ShopEvent.ShopApproved a -> a.ownerSubject();
            case ShopEvent.ShopRejected r -> r.ownerSubject();
            case ShopEvent.ShopSuspended s -> s.ownerSubject();
        };
        return Transients.retried("catalog.shop-events " + env.type(), () -> pool.preparedQuery("""
                INSERT INTO shop (id, owner_subject, status, version, event_at) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (id) DO UPDATE SET owner_subject = excluded.owner_subject, status = excluded.status,
                    version = excluded.version, event_at = excluded.event_at, updated_at = now()
                WHERE shop.version <= excluded.version""")
                .execute(Tuple.of(e.shopId(), owner, e.type().replace("Shop", "").toUpperCase(),
                        env.aggregateVersion(), env.occurredAt().atOffset(java.time.ZoneOffset.UTC))).replaceWithVoid());
    }

    /** Events about orders this service never placed (another environment's) are not ours to record. */
    private static Uni<Void> ifKnown(Uni<Void> work) {
        return work.onFailure(ProblemException.NotFound.class).recoverWithNull().replaceWithVoid();
    }

    private static Uni<Void> reply(SqlClient tx, Envelope<?> cause, Message reply) {
        return Outbox.append(tx, Envelope.causedBy(cause, reply, 0, Instant.now()));
    }
}
