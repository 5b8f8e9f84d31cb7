package dev.bazaar.catalog.messaging;

import dev.bazaar.catalog.service.InventoryReservations;
import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.InventoryCommand;
import dev.bazaar.contracts.messaging.MessageCodec;
import dev.bazaar.contracts.messaging.MessageCodec.Decoded;
import dev.bazaar.contracts.messaging.Topic;
import dev.bazaar.kit.consumer.Replayable;
import dev.bazaar.kit.consumer.Transients;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Checkout's stock commands ({@code inventory.commands}, keyed by saga id). Replies leave through the outbox. A
 * record that cannot be read goes to {@code inventory.commands.dlq} with the reason, and the partition moves on.
 */
@ApplicationScoped
public class InventoryCommandConsumer implements Replayable {

    private final InventoryReservations reservations;

    public InventoryCommandConsumer(InventoryReservations reservations) {
        this.reservations = reservations;
    }

    /** A DLQ replay runs the same handler (kit DeadLetters). */
    @Override
    public Map<String, Function<String, Uni<Void>>> replayHandlers() {
        return Map.of(Topic.INVENTORY_COMMANDS.topicName(), this::consume);
    }

    @Incoming("inventory-commands")
    public Uni<Void> consume(String json) {
        Decoded decoded = MessageCodec.decode(Topic.INVENTORY_COMMANDS, json);
        if (decoded instanceof Decoded.DeadLetter dead) {
            return Uni.createFrom().failure(new UnreadableMessage(dead.reason()));
        }
        Envelope<?> envelope = ((Decoded.Ok) decoded).envelope();
        InventoryCommand command = (InventoryCommand) envelope.payload();
        return Transients.retried(
                "inventory.commands " + envelope.type(),
                () -> (switch (command) {
                            case InventoryCommand.ReserveStock r ->
                                reservations.reserve(
                                        r.sagaId(), r.reservationId(), r.lines(), r.expiresAt(), envelope.id());
                            case InventoryCommand.CommitReservation c -> reservations.commit(c.sagaId(), envelope.id());
                            case InventoryCommand.ReleaseReservation r ->
                                reservations.release(r.sagaId(), envelope.id());
                        })
                        .replaceWithVoid());
    }

    /** A record no code of ours can read: dead-lettered, never retried. */
    public static class UnreadableMessage extends RuntimeException {
        public UnreadableMessage(String reason) {
            super(reason);
        }
    }
}
