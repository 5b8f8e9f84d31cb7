package dev.bazaar.catalog.messaging;

import dev.bazaar.catalog.service.Restock;
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
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Cancelled and returned items come back into stock ({@code order.events}); each event is applied once. */
@ApplicationScoped
public class RestockConsumer implements Replayable {

    private final Restock restock;

    public RestockConsumer(Restock restock) {
        this.restock = restock;
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
        List<StockLine> lines = switch ((OrderEvent) envelope.payload()) {
            case OrderEvent.OrderCancelled c -> c.restock();
            case OrderEvent.GroupCancelled g -> g.restock();
            case OrderEvent.ReturnApproved r -> r.restock();
            default -> List.of();
        };
        return lines == null || lines.isEmpty() ? Uni.createFrom().voidItem()
                : Transients.retried("order.events restock " + envelope.type(), () -> restock.apply(envelope.id(), lines));
    }
}
