package dev.bazaar.catalog.messaging;

import dev.bazaar.catalog.service.Restock;
import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.Lines.StockLine;
import dev.bazaar.contracts.messaging.MessageCodec;
import dev.bazaar.contracts.messaging.MessageCodec.Decoded;
import dev.bazaar.contracts.messaging.OrderEvent;
import dev.bazaar.contracts.messaging.Topic;
import dev.bazaar.kit.consumer.Transients;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/** Cancelled and returned items come back into stock ({@code order.events}); each event is applied once. */
@ApplicationScoped
public class RestockConsumer {

    private final Restock restock;

    public RestockConsumer(Restock restock) {
        this.restock = restock;
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
