package dev.bazaar.contracts.messaging;

import dev.bazaar.contracts.messaging.Lines.Shortage;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@code inventory.replies}: the catalog's answers to checkout; keyed by saga id. */
@KeyField("sagaId")
public sealed interface InventoryReply extends Message {

    UUID sagaId();

    @Override
    default String key() {
        return sagaId().toString();
    }

    /** Every line is held until {@code expiresAt}. */
    record StockReserved(UUID sagaId, UUID reservationId, Instant expiresAt) implements InventoryReply {}

    /** Nothing was reserved: {@code shortages} names the lines that could not be served. */
    record StockRejected(UUID sagaId, UUID reservationId, List<Shortage> shortages) implements InventoryReply {}

    record ReservationCommitted(UUID sagaId, UUID reservationId) implements InventoryReply {}

    record ReservationReleased(UUID sagaId, UUID reservationId) implements InventoryReply {}
}
