package dev.bazaar.catalog.service;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.InventoryReply;
import dev.bazaar.contracts.messaging.Lines.Shortage;
import dev.bazaar.contracts.messaging.Lines.StockLine;
import dev.bazaar.kit.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Stock held for checkout sagas. Reserving is all lines or none, by conditional updates ({@code available >= qty}),
 * never read-then-write, so stock cannot be oversold however many checkouts race. Every command is idempotent by
 * saga id: a replay finds the saga's reservation and answers as the first time, changing nothing. Replies go to
 * {@code inventory.replies} through the outbox, in the same transaction as the stock change.
 */
@ApplicationScoped
public class InventoryReservations {

    public enum Outcome {
        RESERVED, REJECTED, COMMITTED, RELEASED
    }

    private final Pool pool;

    public InventoryReservations(Pool pool) {
        this.pool = pool;
    }

    public Uni<Outcome> reserve(UUID sagaId, UUID reservationId, List<StockLine> lines, Instant requestedExpiry,
            UUID causationId) {
        // PostgreSQL keeps microseconds: the first answer and a replay's must carry the same instant
        Instant expiresAt = requestedExpiry.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        // one row per variant, locked in variant order so concurrent sagas never deadlock
        Map<UUID, Integer> merged = new TreeMap<>();
        lines.forEach(l -> merged.merge(l.variantId(), l.quantity(), Integer::sum));
        return pool.withTransaction(tx -> tx.preparedQuery("""
                INSERT INTO reservation (id, saga_id, status, expires_at) VALUES ($1, $2, 'RESERVED', $3)
                ON CONFLICT (saga_id) DO NOTHING""")
                .execute(Tuple.of(reservationId, sagaId, expiresAt.atOffset(java.time.ZoneOffset.UTC)))
                .flatMap(inserted -> inserted.rowCount() == 0
                        ? replay(tx, sagaId, causationId)
                        : holdAll(tx, sagaId, reservationId, merged, expiresAt, causationId)));
    }

    private Uni<Outcome> holdAll(SqlClient tx, UUID sagaId, UUID reservationId, Map<UUID, Integer> lines,
            Instant expiresAt, UUID causationId) {
        Uni<List<UUID>> shortVariants = tx.query("SAVEPOINT hold").execute().replaceWith(new ArrayList<UUID>());
        for (var line : lines.entrySet()) {
            shortVariants = shortVariants.flatMap(shorts -> tx.preparedQuery("""
                    UPDATE inventory SET reserved = reserved + $2, version = version + 1
                    WHERE variant_id = $1 AND on_hand - reserved >= $2""")
                    .execute(Tuple.of(line.getKey(), line.getValue()))
                    .map(rows -> {
                        if (rows.rowCount() == 0) {
                            shorts.add(line.getKey());
                        }
                        return shorts;
                    }));
        }
        return shortVariants.flatMap(shorts -> {
            if (shorts.isEmpty()) {
                List<Tuple> rows = lines.entrySet().stream()
                        .map(l -> Tuple.of(reservationId, l.getKey(), l.getValue())).toList();
                return tx.preparedQuery("INSERT INTO reservation_line (reservation_id, variant_id, quantity) "
                        + "VALUES ($1, $2, $3)").executeBatch(rows)
                        .flatMap(x -> reply(tx, new InventoryReply.StockReserved(sagaId, reservationId, expiresAt),
                                sagaId, causationId))
                        .replaceWith(Outcome.RESERVED);
            }
            // all or none: undo the lines already held, keep the reservation as REJECTED for replays
            return tx.query("ROLLBACK TO SAVEPOINT hold").execute()
                    .flatMap(x -> tx.preparedQuery("UPDATE reservation SET status = 'REJECTED', updated_at = now() "
                            + "WHERE id = $1").execute(Tuple.of(reservationId)))
                    .flatMap(x -> shortages(tx, lines))
                    .flatMap(s -> reply(tx, new InventoryReply.StockRejected(sagaId, reservationId, s), sagaId,
                            causationId))
                    .replaceWith(Outcome.REJECTED);
        });
    }

    private Uni<List<Shortage>> shortages(SqlClient tx, Map<UUID, Integer> lines) {
        return tx.preparedQuery("SELECT variant_id, on_hand - reserved AS available FROM inventory "
                + "WHERE variant_id = ANY($1)")
                .execute(Tuple.of(lines.keySet().toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, Integer> available = new TreeMap<>();
                    rows.forEach(r -> available.put(r.getUUID("variant_id"), r.getInteger("available")));
                    return lines.entrySet().stream()
                            .filter(l -> available.getOrDefault(l.getKey(), 0) < l.getValue())
                            .map(l -> new Shortage(l.getKey(), l.getValue(), available.getOrDefault(l.getKey(), 0)))
                            .sorted(Comparator.comparing(Shortage::variantId)).toList();
                });
    }

    /** A repeated ReserveStock: answer again what the first one decided. */
    private Uni<Outcome> replay(SqlClient tx, UUID sagaId, UUID causationId) {
        return tx.preparedQuery("SELECT id, status, expires_at FROM reservation WHERE saga_id = $1")
                .execute(Tuple.of(sagaId))
                .flatMap(rows -> {
                    Row r = rows.iterator().next();
                    UUID id = r.getUUID("id");
                    Outcome outcome = Outcome.valueOf(r.getString("status"));
                    InventoryReply reply = switch (outcome) {
                        case RESERVED -> new InventoryReply.StockReserved(sagaId, id,
                                r.getOffsetDateTime("expires_at").toInstant());
                        case REJECTED -> new InventoryReply.StockRejected(sagaId, id, List.of());
                        case COMMITTED -> new InventoryReply.ReservationCommitted(sagaId, id);
                        case RELEASED -> new InventoryReply.ReservationReleased(sagaId, id);
                    };
                    return reply(tx, reply, sagaId, causationId).replaceWith(outcome);
                });
    }

    /** Turns held stock into sold stock. Idempotent; a released reservation stays released. */
    public Uni<Outcome> commit(UUID sagaId, UUID causationId) {
        return settle(sagaId, causationId, Settle.COMMIT);
    }

    /**
     * The saga's compensation: gives the stock back, held or already sold by a commit (a checkout that failed after
     * its commit, e.g. its capture failed, must not keep the stock sold). Idempotent: a released reservation stays
     * released. The expiry sweep only ever releases RESERVED ones, so expiry never undoes a commit.
     */
    public Uni<Outcome> release(UUID sagaId, UUID causationId) {
        return settle(sagaId, causationId, Settle.RELEASE);
    }

    /** What settling a reservation does: commit it, release it (the saga's compensation), or let it expire. */
    private enum Settle {
        COMMIT, RELEASE,
        /** the sweep: releases only a reservation still RESERVED (a commit that won the race stays sold) */
        EXPIRE
    }

    private Uni<Outcome> settle(UUID sagaId, UUID causationId, Settle how) {
        boolean commit = how == Settle.COMMIT;
        return pool.withTransaction(tx -> tx.preparedQuery(
                "SELECT id, status FROM reservation WHERE saga_id = $1 FOR UPDATE").execute(Tuple.of(sagaId))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        // nothing was ever reserved for this saga: nothing to commit or release
                        return Uni.createFrom().item(Outcome.RELEASED);
                    }
                    Row r = rows.iterator().next();
                    UUID id = r.getUUID("id");
                    Outcome current = Outcome.valueOf(r.getString("status"));
                    boolean unsell = how == Settle.RELEASE && current == Outcome.COMMITTED;
                    if (current != Outcome.RESERVED && !unsell) {
                        return answer(tx, sagaId, id, current, causationId);
                    }
                    Outcome next = commit ? Outcome.COMMITTED : Outcome.RELEASED;
                    String stock = commit
                            ? "UPDATE inventory i SET on_hand = i.on_hand - l.quantity, reserved = i.reserved - l.quantity,"
                            : unsell ? "UPDATE inventory i SET on_hand = i.on_hand + l.quantity,"
                            : "UPDATE inventory i SET reserved = i.reserved - l.quantity,";
                    return tx.preparedQuery(stock + " version = i.version + 1 FROM reservation_line l "
                            + "WHERE l.reservation_id = $1 AND i.variant_id = l.variant_id")
                            .execute(Tuple.of(id))
                            .flatMap(x -> tx.preparedQuery("UPDATE reservation SET status = $2, updated_at = now() "
                                    + "WHERE id = $1").execute(Tuple.of(id, next.name())))
                            .flatMap(x -> answer(tx, sagaId, id, next, causationId));
                }));
    }

    private Uni<Outcome> answer(SqlClient tx, UUID sagaId, UUID reservationId, Outcome state, UUID causationId) {
        InventoryReply reply = state == Outcome.COMMITTED
                ? new InventoryReply.ReservationCommitted(sagaId, reservationId)
                : new InventoryReply.ReservationReleased(sagaId, reservationId);
        return reply(tx, reply, sagaId, causationId).replaceWith(state);
    }

    /** Releases reservations past their expiry (run by the leader); returns how many. */
    public Uni<Integer> releaseExpired(int batch) {
        return pool.preparedQuery("""
                SELECT saga_id FROM reservation WHERE status = 'RESERVED' AND expires_at < now()
                ORDER BY expires_at LIMIT $1""")
                .execute(Tuple.of(batch))
                .flatMap(rows -> {
                    List<UUID> sagas = new ArrayList<>();
                    rows.forEach(r -> sagas.add(r.getUUID(0)));
                    Uni<Integer> done = Uni.createFrom().item(0);
                    for (UUID saga : sagas) {
                        // settle() re-checks the status under the row lock: a commit that won the race stays
                        done = done.flatMap(n -> settle(saga, null, Settle.EXPIRE).map(o -> n + 1));
                    }
                    return done;
                });
    }

    private static Uni<Void> reply(SqlClient tx, InventoryReply reply, UUID sagaId, UUID causationId) {
        return Outbox.append(tx, Envelope.of(reply, 0, Instant.now(), sagaId, causationId));
    }
}
