package dev.bazaar.contracts.messaging;

import dev.bazaar.contracts.messaging.Lines.StockLine;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@code inventory.commands}: checkout asks the catalog to reserve, commit or release stock; keyed by saga id. */
public sealed interface InventoryCommand extends Message {

    UUID sagaId();

    @Override
    default String key() {
        return sagaId().toString();
    }

    /** All lines or none; the reservation expires at {@code expiresAt} unless committed. */
    record ReserveStock(UUID sagaId, UUID reservationId, List<StockLine> lines, Instant expiresAt)
            implements InventoryCommand {
    }

    record CommitReservation(UUID sagaId, UUID reservationId) implements InventoryCommand {
    }

    record ReleaseReservation(UUID sagaId, UUID reservationId, String reason) implements InventoryCommand {
    }
}
