package dev.bazaar.catalog.messaging;

import dev.bazaar.catalog.service.Restock;
import dev.bazaar.catalog.service.ShopSales;
import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.Lines.StockLine;
import dev.bazaar.contracts.messaging.MessageCodec;
import dev.bazaar.contracts.messaging.MessageCodec.Decoded;
import dev.bazaar.contracts.messaging.OrderEvent;
import dev.bazaar.contracts.messaging.Topic;
import dev.bazaar.kit.consumer.Replayable;
import dev.bazaar.kit.consumer.Transients;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * What catalog takes from {@code order.events}: cancelled and returned items come back into stock, and each shop's
 * sales are kept for its trailing GMV (volume-tier commission, ADR 0025). Each effect is applied once per event (its own
 * idempotency record, so a retry after one succeeded repeats only the other); both ride on this one channel and group
 * (catalog-restock), whose ACLs already exist.
 */
@ApplicationScoped
public class RestockConsumer implements Replayable {

    private final Restock restock;
    private final ShopSales sales;

    public RestockConsumer(Restock restock, ShopSales sales) {
        this.restock = restock;
        this.sales = sales;
    }

    /** A DLQ replay runs the same handler (kit DeadLetters). */
    @Override
    public Map<String, Function<String, Uni<Void>>> replayHandlers() {
        return Map.of(Topic.ORDER_EVENTS.topicName(), this::consume);
    }

    @Incoming("order-events")
    public Uni<Void> consume(String json) {
        Decoded decoded = MessageCodec.decode(Topic.ORDER_EVENTS, json);
        if (decoded instanceof Decoded.DeadLetter dead) {
            return Uni.createFrom().failure(new InventoryCommandConsumer.UnreadableMessage(dead.reason()));
        }
        Envelope<?> envelope = ((Decoded.Ok) decoded).envelope();
        OrderEvent event = (OrderEvent) envelope.payload();
        Uni<Void> sold = ShopSales.concerns(event)
                ? Transients.retried(
                        "order.events shop sales " + envelope.type(), () -> sales.apply(envelope.id(), event))
                : Uni.createFrom().voidItem();
        return sold.flatMap(x -> restock(envelope, event));
    }

    private Uni<Void> restock(Envelope<?> envelope, OrderEvent event) {
        List<StockLine> lines = switch (event) {
            case OrderEvent.OrderCancelled c -> c.restock();
            case OrderEvent.GroupCancelled g -> g.restock();
            case OrderEvent.ReturnApproved r -> r.restock();
            default -> List.of();
        };
        return lines == null || lines.isEmpty()
                ? Uni.createFrom().voidItem()
                : Transients.retried(
                        "order.events restock " + envelope.type(), () -> restock.apply(envelope.id(), lines));
    }
}
