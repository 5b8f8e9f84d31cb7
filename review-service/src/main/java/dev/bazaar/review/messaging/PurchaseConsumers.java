package dev.bazaar.review.messaging;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.OrderEvent;
import dev.bazaar.contracts.messaging.ShopEvent;
import dev.bazaar.contracts.messaging.Topic;
import dev.bazaar.kit.consumer.Inbound;
import dev.bazaar.kit.consumer.Replayable;
import dev.bazaar.kit.consumer.Transients;
import dev.bazaar.review.service.PurchaseRecords;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Verified purchases from {@code order.events} and shop owners from {@code catalog.shop-events}. The writes they make
 * are idempotent in MongoDB itself (ADR 0020: the kit's idempotent consumer records ids in PostgreSQL, which this
 * service has not): a redelivery or a DLQ replay changes nothing. Transient failures are waited out (kit Transients),
 * unreadable records dead-lettered.
 */
@ApplicationScoped
public class PurchaseConsumers implements Replayable {

    private final PurchaseRecords records;

    public PurchaseConsumers(PurchaseRecords records) {
        this.records = records;
    }

    @Override
    public Map<String, Function<String, Uni<Void>>> replayHandlers() {
        return Map.of(Topic.ORDER_EVENTS.topicName(), this::order, Topic.SHOP_EVENTS.topicName(), this::shop);
    }

    @Incoming("order-events")
    public Uni<Void> order(String json) {
        Envelope<?> env = Inbound.decode(Topic.ORDER_EVENTS, json);
        return Transients.retried(
                "review order.events " + env.type(), () -> records.order((OrderEvent) env.payload(), env.occurredAt()));
    }

    @Incoming("shop-events")
    public Uni<Void> shop(String json) {
        Envelope<?> env = Inbound.decode(Topic.SHOP_EVENTS, json);
        return Transients.retried(
                "review catalog.shop-events " + env.type(),
                () -> records.shop((ShopEvent) env.payload(), env.aggregateVersion()));
    }
}
