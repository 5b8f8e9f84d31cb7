package dev.bazaar.notification.messaging;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.OrderEvent;
import dev.bazaar.contracts.messaging.PaymentEvent;
import dev.bazaar.contracts.messaging.ShopEvent;
import dev.bazaar.contracts.messaging.Topic;
import dev.bazaar.kit.consumer.Inbound;
import dev.bazaar.kit.consumer.Replayable;
import dev.bazaar.kit.consumer.Transients;
import dev.bazaar.kit.replica.ShopReplica;
import dev.bazaar.notification.persistence.ShopDirectory;
import dev.bazaar.notification.service.Intake;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Map;
import java.util.function.Function;

/**
 * notification-service's inputs: order events (what to tell buyers and sellers), payment events (sellers' payouts),
 * shop events (who owns which shop: the kit's ShopReplica, plus the shop's name). Each event is planned once (the
 * kit's idempotent consumer in Intake); a transient failure (the database away, a shop's owner not known yet) is
 * waited out in place; unreadable records go to the topic's DLQ, and a DLQ replay runs the same handlers.
 */
@ApplicationScoped
public class NotificationConsumers implements Replayable {

    private final Intake intake;
    private final ShopReplica replica;
    private final ShopDirectory shops;

    public NotificationConsumers(Intake intake, ShopReplica replica, ShopDirectory shops) {
        this.intake = intake;
        this.replica = replica;
        this.shops = shops;
    }

    @Override
    public Map<String, Function<String, Uni<Void>>> replayHandlers() {
        return Map.of(Topic.ORDER_EVENTS.topicName(), this::order, Topic.PAYMENT_EVENTS.topicName(), this::payment,
                Topic.SHOP_EVENTS.topicName(), this::shop);
    }

    @Incoming("order-events")
    public Uni<Void> order(String json) {
        Envelope<?> envelope = Inbound.decode(Topic.ORDER_EVENTS, json);
        return Transients.retried("order.events " + envelope.type(),
                () -> intake.order(envelope, (OrderEvent) envelope.payload()).replaceWithVoid());
    }

    @Incoming("payment-events")
    public Uni<Void> payment(String json) {
        Envelope<?> envelope = Inbound.decode(Topic.PAYMENT_EVENTS, json);
        return Transients.retried("payment.events " + envelope.type(),
                () -> intake.payment(envelope, (PaymentEvent) envelope.payload()).replaceWithVoid());
    }

    @Incoming("shop-events")
    public Uni<Void> shop(String json) {
        Envelope<?> envelope = Inbound.decode(Topic.SHOP_EVENTS, json);
        ShopEvent event = (ShopEvent) envelope.payload();
        return Transients.retried("catalog.shop-events " + envelope.type(), () -> replica.record(event,
                envelope.aggregateVersion(), envelope.occurredAt())
                .flatMap(v -> event instanceof ShopEvent.ShopApproved a
                        ? shops.name(a.shopId(), a.name(), envelope.aggregateVersion())
                        : Uni.createFrom().voidItem()));
    }
}
