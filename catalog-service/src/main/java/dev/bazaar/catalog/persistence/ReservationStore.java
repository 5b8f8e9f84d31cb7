package dev.bazaar.catalog.persistence;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.Message;
import dev.bazaar.kit.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * The SQL of stock reservations (service {@code InventoryReservations} decides, this runs it). It stays SQL on the
 * reactive client, not Hibernate (ADR 0016): holding stock is a conditional update ({@code on_hand - reserved >= qty})
 * per line, all or none under a savepoint, and settling moves quantities of many rows in one statement — no entity
 * is read and written back, so no two checkouts can oversell between a read and a write.
 */
@ApplicationScoped
public class ReservationStore {

    /** A reservation as stored: its id, status (RESERVED, REJECTED, COMMITTED, RELEASED) and expiry. */
    public record Stored(UUID id, String status, Instant expiresAt) {}

    private final Pool pool;

    public ReservationStore(Pool pool) {
        this.pool = pool;
    }

    /** Runs {@code work} in one transaction; its replies (through {@link Tx#append}) commit with its stock changes. */
    public <T> Uni<T> inTransaction(Function<Tx, Uni<T>> work) {
        return pool.withTransaction(tx -> work.apply(new Tx(tx)));
    }

    /** The sagas whose reservations are still RESERVED past their expiry, soonest expired first. */
    public Uni<List<UUID>> expired(int batch) {
        return pool.preparedQuery("""
                SELECT saga_id FROM reservation WHERE status = 'RESERVED' AND expires_at < now()
                ORDER BY expires_at LIMIT $1""").execute(Tuple.of(batch)).map(rows -> {
            List<UUID> sagas = new ArrayList<>();
            rows.forEach(r -> sagas.add(r.getUUID(0)));
            return sagas;
        });
    }

    /** The statements of one reservation transaction. */
    public static final class Tx {

        private final SqlClient tx;

        private Tx(SqlClient tx) {
            this.tx = tx;
        }

        /** Creates the saga's reservation as RESERVED; false when the saga has one already (a replay). */
        public Uni<Boolean> create(UUID reservationId, UUID sagaId, Instant expiresAt) {
            return tx.preparedQuery("""
                    INSERT INTO reservation (id, saga_id, status, expires_at) VALUES ($1, $2, 'RESERVED', $3)
                    ON CONFLICT (saga_id) DO NOTHING""")
                    .execute(Tuple.of(reservationId, sagaId, expiresAt.atOffset(ZoneOffset.UTC)))
                    .map(inserted -> inserted.rowCount() == 1);
        }

        public Uni<Void> savepoint() {
            return tx.query("SAVEPOINT hold").execute().replaceWithVoid();
        }

        /** Undoes every hold since {@link #savepoint}. */
        public Uni<Void> rollbackToSavepoint() {
            return tx.query("ROLLBACK TO SAVEPOINT hold").execute().replaceWithVoid();
        }

        /**
         * Holds {@code quantity} units of a variant if that many are available and the variant is on sale; false if
         * not (a deactivated variant is never sold, whatever a cart or a quote remembers).
         */
        public Uni<Boolean> hold(UUID variantId, int quantity) {
            return tx.preparedQuery("""
                    UPDATE inventory SET reserved = reserved + $2, version = version + 1
                    WHERE variant_id = $1 AND on_hand - reserved >= $2
                      AND EXISTS (SELECT 1 FROM variant v WHERE v.id = $1 AND v.active)""").execute(Tuple.of(variantId, quantity)).map(rows -> rows.rowCount() == 1);
        }

        public Uni<Void> addLines(UUID reservationId, Map<UUID, Integer> lines) {
            List<Tuple> rows = lines.entrySet().stream()
                    .map(l -> Tuple.of(reservationId, l.getKey(), l.getValue()))
                    .toList();
            return tx.preparedQuery("INSERT INTO reservation_line (reservation_id, variant_id, quantity) "
                            + "VALUES ($1, $2, $3)")
                    .executeBatch(rows)
                    .replaceWithVoid();
        }

        public Uni<Void> setStatus(UUID reservationId, String status) {
            return tx.preparedQuery("UPDATE reservation SET status = $2, updated_at = now() WHERE id = $1")
                    .execute(Tuple.of(reservationId, status))
                    .replaceWithVoid();
        }

        /** What is available of these variants now (absent: no such variant; none of a deactivated one). */
        public Uni<Map<UUID, Integer>> available(Collection<UUID> variantIds) {
            return tx.preparedQuery(
                            "SELECT i.variant_id, CASE WHEN v.active THEN i.on_hand - i.reserved ELSE 0 END "
                                    + "AS available FROM inventory i JOIN variant v ON v.id = i.variant_id WHERE i.variant_id = ANY($1)")
                    .execute(Tuple.of(variantIds.toArray(UUID[]::new)))
                    .map(rows -> {
                        Map<UUID, Integer> available = new TreeMap<>();
                        rows.forEach(r -> available.put(r.getUUID("variant_id"), r.getInteger("available")));
                        return available;
                    });
        }

        /** The saga's reservation (one exists when {@link #create} answered false). */
        public Uni<Stored> find(UUID sagaId) {
            return tx.preparedQuery("SELECT id, status, expires_at FROM reservation WHERE saga_id = $1")
                    .execute(Tuple.of(sagaId))
                    .map(rows -> stored(rows.iterator().next()));
        }

        /** The saga's reservation, row-locked: settling one reservation is serialised. */
        public Uni<Optional<Stored>> lock(UUID sagaId) {
            return tx.preparedQuery("SELECT id, status, expires_at FROM reservation WHERE saga_id = $1 FOR UPDATE")
                    .execute(Tuple.of(sagaId))
                    .map(rows -> rows.size() == 0
                            ? Optional.empty()
                            : Optional.of(stored(rows.iterator().next())));
        }

        /** Held stock becomes sold: on hand and reserved both go down by each line's quantity. */
        public Uni<Void> sellHeld(UUID reservationId) {
            return moveStock(
                    reservationId,
                    "UPDATE inventory i SET on_hand = i.on_hand - l.quantity, reserved = i.reserved - l.quantity,");
        }

        /** Held stock is given back: reserved goes down by each line's quantity. */
        public Uni<Void> releaseHeld(UUID reservationId) {
            return moveStock(reservationId, "UPDATE inventory i SET reserved = i.reserved - l.quantity,");
        }

        /** Sold stock is given back (a sale undone): on hand goes up by each line's quantity. */
        public Uni<Void> unsell(UUID reservationId) {
            return moveStock(reservationId, "UPDATE inventory i SET on_hand = i.on_hand + l.quantity,");
        }

        /** Appends a reply to the outbox in this transaction, after the reservation's row was written or locked. */
        public Uni<Void> append(Envelope<? extends Message> envelope) {
            return Outbox.append(tx, envelope);
        }

        private Uni<Void> moveStock(UUID reservationId, String set) {
            return tx.preparedQuery(set + " version = i.version + 1 FROM reservation_line l "
                            + "WHERE l.reservation_id = $1 AND i.variant_id = l.variant_id")
                    .execute(Tuple.of(reservationId))
                    .replaceWithVoid();
        }

        private static Stored stored(Row r) {
            return new Stored(
                    r.getUUID("id"),
                    r.getString("status"),
                    r.getOffsetDateTime("expires_at").toInstant());
        }
    }
}
