package dev.bazaar.payment.messaging;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.OrderEvent;
import dev.bazaar.contracts.messaging.PaymentCommand;
import dev.bazaar.contracts.messaging.ShopEvent;
import dev.bazaar.contracts.messaging.Topic;
import dev.bazaar.kit.consumer.IdempotentConsumer;
import dev.bazaar.kit.consumer.Inbound;
import dev.bazaar.kit.consumer.Replayable;
import dev.bazaar.kit.consumer.Transients;
import dev.bazaar.kit.replica.ShopReplica;
import dev.bazaar.payment.persistence.PaymentStore;
import dev.bazaar.payment.service.PaymentCommands;
import dev.bazaar.payment.service.Refunds;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * payment-service's inputs: checkout's commands ({@code payment.commands}, idempotent by saga in
 * {@link PaymentCommands}), order events (refunds, deliveries; each refund once by its id), shop events (who owns
 * which shop). A transient failure (the database away) is waited out in place (Transients); unreadable or invalid
 * records go to the topic's DLQ; a DLQ replay runs the same handlers (Replayable).
 */
@ApplicationScoped
public class PaymentConsumers implements Replayable {

    private final PaymentCommands commands;
    private final Refunds refunds;
    private final PaymentStore store;
    private final ShopReplica shops;
    private final Pool pool;

    public PaymentConsumers(
            PaymentCommands commands, Refunds refunds, PaymentStore store, ShopReplica shops, Pool pool) {
        this.commands = commands;
        this.refunds = refunds;
        this.store = store;
        this.shops = shops;
        this.pool = pool;
    }

    @Override
    public Map<String, Function<String, Uni<Void>>> replayHandlers() {
        return Map.of(
                Topic.PAYMENT_COMMANDS.topicName(),
                this::command,
                Topic.ORDER_EVENTS.topicName(),
                this::order,
                Topic.SHOP_EVENTS.topicName(),
                this::shop);
    }

    @Incoming("payment-commands")
    public Uni<Void> command(String json) {
        Envelope<?> envelope = Inbound.decode(Topic.PAYMENT_COMMANDS, json);
        return Transients.retried(
                "payment.commands " + envelope.type(), () -> switch ((PaymentCommand) envelope.payload()) {
                    case PaymentCommand.AuthorizePayment a -> commands.authorize(envelope, a);
                    case PaymentCommand.CapturePayment c -> commands.capture(envelope, c);
                    case PaymentCommand.VoidPayment v -> commands.voidPayment(envelope, v);
                });
    }

    @Incoming("order-events")
    public Uni<Void> order(String json) {
        Envelope<?> envelope = Inbound.decode(Topic.ORDER_EVENTS, json);
        return Transients.retried("order.events " + envelope.type(), () -> switch ((OrderEvent) envelope.payload()) {
            case OrderEvent.OrderCancelled c
            when !c.refunds().isEmpty() ->
                refunds.fromOrder(envelope, c.orderId(), c.refunds(), "order cancelled: " + c.reason());
            case OrderEvent.GroupCancelled g
            when g.refund() != null ->
                refunds.fromOrder(envelope, g.orderId(), List.of(g.refund()), "seller cancelled: " + g.reason());
            case OrderEvent.ReturnApproved r ->
                refunds.fromOrder(envelope, r.orderId(), r.refunds(), "return " + r.returnId() + " approved");
            case OrderEvent.GroupDelivered d ->
                IdempotentConsumer.process(
                                pool,
                                "payment.order-delivered",
                                envelope.id(),
                                tx -> store.delivered(tx, d.orderId(), d.shopId(), d.deliveredAt()))
                        .replaceWithVoid();
            default -> Uni.createFrom().voidItem();
        });
    }

    @Incoming("shop-events")
    public Uni<Void> shop(String json) {
        Envelope<?> envelope = Inbound.decode(Topic.SHOP_EVENTS, json);
        return Transients.retried(
                "catalog.shop-events " + envelope.type(),
                () -> shops.record((ShopEvent) envelope.payload(), envelope.aggregateVersion(), envelope.occurredAt()));
    }
}
