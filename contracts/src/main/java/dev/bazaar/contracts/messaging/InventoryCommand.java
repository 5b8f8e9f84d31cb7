package dev.bazaar.contracts.messaging;

import dev.bazaar.contracts.messaging.Lines.StockLine;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** {@code inventory.commands}: checkout asks the catalog to reserve, commit or release stock; keyed by saga id. */
@KeyField("sagaId")
public sealed interface InventoryCommand extends Message {

    UUID sagaId();

    @Override
    default String key() {
        return sagaId().toString();
    }

    /**
     * Reserve all lines or none (answered by StockReserved or StockRejected), idempotent by saga id. The reservation
     * expires at {@code expiresAt} unless a commit was requested first. Invariants: at least one line, one line per
     * variant.
     */
    record ReserveStock(UUID sagaId, UUID reservationId, List<StockLine> lines, Instant expiresAt)
            implements InventoryCommand {
        public ReserveStock {
            Objects.requireNonNull(reservationId, "reservationId");
            Objects.requireNonNull(expiresAt, "expiresAt");
            if (lines == null || lines.isEmpty()) {
                throw new IllegalArgumentException("a reservation has lines");
            }
            lines = List.copyOf(lines);
            if (lines.stream().map(StockLine::variantId).distinct().count() != lines.size()) {
                throw new IllegalArgumentException("one line per variant");
            }
        }
    }

    /** Turns the reservation into a sale (answered by ReservationCommitted); after it, expiry never releases it. */
    record CommitReservation(UUID sagaId, UUID reservationId) implements InventoryCommand {}

    /**
     * Compensation: puts the stock back, held or already committed (answered by ReservationReleased); releasing twice
     * is harmless.
     */
    record ReleaseReservation(UUID sagaId, UUID reservationId, String reason) implements InventoryCommand {}
}
