package dev.bazaar.notification.messaging;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.OrderEvent;
import dev.bazaar.contracts.messaging.PaymentEvent;
import dev.bazaar.contracts.messaging.ProductEvent;
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
import java.util.Map;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * notification-service's inputs: order events (what to tell buyers and sellers), payment events (sellers' payouts and
 * disputes), product events (an admin's decision on a seller's product), shop events (who owns which shop: the kit's
 * ShopReplica, plus the shop's name; and the owner's news of its approval, rejection or suspension). Each event is
 * planned once (the kit's idempotent consumer in Intake); a transient failure (the database away, a shop's owner not
 * known yet) is waited out in place; unreadable records go to the topic's DLQ, and a DLQ replay runs the same
 * handlers.
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
        return Map.of(
                Topic.ORDER_EVENTS.topicName(),
                this::order,
                Topic.PAYMENT_EVENTS.topicName(),
                this::payment,
                Topic.SHOP_EVENTS.topicName(),
                this::shop,
                Topic.PRODUCT_EVENTS.topicName(),
                this::product);
    }

    @Incoming("order-events")
    public Uni<Void> order(String json) {
        Envelope<?> envelope = Inbound.decode(Topic.ORDER_EVENTS, json);
        return Transients.retried(
                "order.events " + envelope.type(),
                () -> intake.order(envelope, (OrderEvent) envelope.payload()).replaceWithVoid());
    }

    @Incoming("payment-events")
    public Uni<Void> payment(String json) {
        Envelope<?> envelope = Inbound.decode(Topic.PAYMENT_EVENTS, json);
        return Transients.retried(
                "payment.events " + envelope.type(),
                () -> intake.payment(envelope, (PaymentEvent) envelope.payload())
                        .replaceWithVoid());
    }

    /** Product events: only an admin's decision (ProductModerated) is news; the rest pass without a transaction. */
    @Incoming("product-events")
    public Uni<Void> product(String json) {
        Envelope<?> envelope = Inbound.decode(Topic.PRODUCT_EVENTS, json);
        ProductEvent event = (ProductEvent) envelope.payload();
        if (!(event instanceof ProductEvent.ProductModerated)) {
            return Uni.createFrom().voidItem();
        }
        return Transients.retried(
                "catalog.product-events " + envelope.type(),
                () -> intake.product(envelope, event).replaceWithVoid());
    }

    /** The replica (owner, status, name) first, so the owner's email and later events find the shop. */
    @Incoming("shop-events")
    public Uni<Void> shop(String json) {
        Envelope<?> envelope = Inbound.decode(Topic.SHOP_EVENTS, json);
        ShopEvent event = (ShopEvent) envelope.payload();
        return Transients.retried(
                "catalog.shop-events " + envelope.type(),
                () -> replica.record(event, envelope.aggregateVersion(), envelope.occurredAt())
                        .flatMap(v -> event instanceof ShopEvent.ShopApproved a
                                ? shops.name(a.shopId(), a.name(), envelope.aggregateVersion())
                                : Uni.createFrom().voidItem())
                        .flatMap(v -> intake.shop(envelope, event))
                        .replaceWithVoid());
    }
}
