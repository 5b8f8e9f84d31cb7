package dev.bazaar.contracts.messaging;

import dev.bazaar.contracts.messaging.Lines.Shortage;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@code inventory.replies}: the catalog's answers to checkout; keyed by saga id. */
public sealed interface InventoryReply extends Message {

    UUID sagaId();

    @Override
    default String key() {
        return sagaId().toString();
    }

    record StockReserved(UUID sagaId, UUID reservationId, Instant expiresAt) implements InventoryReply {
    }

    record StockRejected(UUID sagaId, UUID reservationId, List<Shortage> shortages) implements InventoryReply {
    }

    record ReservationCommitted(UUID sagaId, UUID reservationId) implements InventoryReply {
    }

    record ReservationReleased(UUID sagaId, UUID reservationId) implements InventoryReply {
    }
}
