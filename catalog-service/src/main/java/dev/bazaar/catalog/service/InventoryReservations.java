package dev.bazaar.catalog.service;

import dev.bazaar.catalog.persistence.ReservationStore;
import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.InventoryReply;
import dev.bazaar.contracts.messaging.Lines.Shortage;
import dev.bazaar.contracts.messaging.Lines.StockLine;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Stock held for checkout sagas. Reserving is all lines or none, by conditional updates ({@code available >= qty}),
 * never read-then-write, so stock cannot be oversold however many checkouts race. Every command is idempotent by
 * saga id: a replay finds the saga's reservation and answers as the first time, changing nothing. Replies go to
 * {@code inventory.replies} through the outbox, in the same transaction as the stock change. The statements are
 * SQL in {@link ReservationStore} (ADR 0016); what to run and what to answer is decided here.
 */
@ApplicationScoped
public class InventoryReservations {

    public enum Outcome {
        RESERVED,
        REJECTED,
        COMMITTED,
        RELEASED
    }

    private final ReservationStore store;

    public InventoryReservations(ReservationStore store) {
        this.store = store;
    }

    public Uni<Outcome> reserve(
            UUID sagaId, UUID reservationId, List<StockLine> lines, Instant requestedExpiry, UUID causationId) {
        // PostgreSQL keeps microseconds: the first answer and a replay's must carry the same instant
        Instant expiresAt = requestedExpiry.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        // one row per variant, locked in variant order so concurrent sagas never deadlock
        Map<UUID, Integer> merged = new TreeMap<>();
        lines.forEach(l -> merged.merge(l.variantId(), l.quantity(), Integer::sum));
        return store.inTransaction(tx -> tx.create(reservationId, sagaId, expiresAt)
                .flatMap(created -> created
                        ? holdAll(tx, sagaId, reservationId, merged, expiresAt, causationId)
                        : replay(tx, sagaId, causationId)));
    }

    private Uni<Outcome> holdAll(
            ReservationStore.Tx tx,
            UUID sagaId,
            UUID reservationId,
            Map<UUID, Integer> lines,
            Instant expiresAt,
            UUID causationId) {
        // one line after the other, in the map's order (variant order); the variants that could not be held are short
        Uni<List<UUID>> shortVariants = tx.savepoint()
                .flatMap(x -> Multi.createFrom()
                        .iterable(lines.entrySet())
                        .onItem()
                        .transformToUniAndConcatenate(line -> tx.hold(line.getKey(), line.getValue())
                                .map(held -> held ? Optional.<UUID>empty() : Optional.of(line.getKey())))
                        .collect()
                        .asList())
                .map(holds -> holds.stream().flatMap(Optional::stream).toList());
        return shortVariants.flatMap(shorts -> {
            if (shorts.isEmpty()) {
                return tx.addLines(reservationId, lines)
                        .flatMap(x -> reply(
                                tx,
                                new InventoryReply.StockReserved(sagaId, reservationId, expiresAt),
                                sagaId,
                                causationId))
                        .replaceWith(Outcome.RESERVED);
            }
            // all or none: undo the lines already held, keep the reservation as REJECTED for replays
            return tx.rollbackToSavepoint()
                    .flatMap(x -> tx.setStatus(reservationId, Outcome.REJECTED.name()))
                    .flatMap(x -> tx.available(lines.keySet()))
                    .map(available -> shortages(lines, available))
                    .flatMap(s ->
                            reply(tx, new InventoryReply.StockRejected(sagaId, reservationId, s), sagaId, causationId))
                    .replaceWith(Outcome.REJECTED);
        });
    }

    private static List<Shortage> shortages(Map<UUID, Integer> lines, Map<UUID, Integer> available) {
        return lines.entrySet().stream()
                .filter(l -> available.getOrDefault(l.getKey(), 0) < l.getValue())
                .map(l -> new Shortage(l.getKey(), l.getValue(), available.getOrDefault(l.getKey(), 0)))
                .sorted(Comparator.comparing(Shortage::variantId))
                .toList();
    }

    /** A repeated ReserveStock: answer again what the first one decided. */
    private Uni<Outcome> replay(ReservationStore.Tx tx, UUID sagaId, UUID causationId) {
        return tx.find(sagaId).flatMap(r -> {
            Outcome outcome = Outcome.valueOf(r.status());
            InventoryReply reply = switch (outcome) {
                case RESERVED -> new InventoryReply.StockReserved(sagaId, r.id(), r.expiresAt());
                case REJECTED -> new InventoryReply.StockRejected(sagaId, r.id(), List.of());
                case COMMITTED -> new InventoryReply.ReservationCommitted(sagaId, r.id());
                case RELEASED -> new InventoryReply.ReservationReleased(sagaId, r.id());
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
        COMMIT,
        RELEASE,
        /** the sweep: releases only a reservation still RESERVED (a commit that won the race stays sold) */
        EXPIRE
    }

    private Uni<Outcome> settle(UUID sagaId, UUID causationId, Settle how) {
        boolean commit = how == Settle.COMMIT;
        return store.inTransaction(tx -> tx.lock(sagaId).flatMap(found -> {
            if (found.isEmpty()) {
                // nothing was ever reserved for this saga: nothing to commit or release
                return Uni.createFrom().item(Outcome.RELEASED);
            }
            UUID id = found.get().id();
            Outcome current = Outcome.valueOf(found.get().status());
            boolean unsell = how == Settle.RELEASE && current == Outcome.COMMITTED;
            if (current != Outcome.RESERVED && !unsell) {
                return answer(tx, sagaId, id, current, causationId);
            }
            Outcome next = commit ? Outcome.COMMITTED : Outcome.RELEASED;
            Uni<Void> stock = commit ? tx.sellHeld(id) : unsell ? tx.unsell(id) : tx.releaseHeld(id);
            return stock.flatMap(x -> tx.setStatus(id, next.name()))
                    .flatMap(x -> answer(tx, sagaId, id, next, causationId));
        }));
    }

    private Uni<Outcome> answer(
            ReservationStore.Tx tx, UUID sagaId, UUID reservationId, Outcome state, UUID causationId) {
        InventoryReply reply = state == Outcome.COMMITTED
                ? new InventoryReply.ReservationCommitted(sagaId, reservationId)
                : new InventoryReply.ReservationReleased(sagaId, reservationId);
        return reply(tx, reply, sagaId, causationId).replaceWith(state);
    }

    /** Releases reservations past their expiry (run by the leader); returns how many. */
    public Uni<Integer> releaseExpired(int batch) {
        // one saga after the other; settle() re-checks the status under the row lock: a commit that won the race stays
        return store.expired(batch)
                .flatMap(sagas -> Multi.createFrom()
                        .iterable(sagas)
                        .onItem()
                        .transformToUniAndConcatenate(saga -> settle(saga, null, Settle.EXPIRE))
                        .collect()
                        .with(Collectors.counting())
                        .map(Long::intValue));
    }

    private static Uni<Void> reply(ReservationStore.Tx tx, InventoryReply reply, UUID sagaId, UUID causationId) {
        return tx.append(Envelope.of(reply, 0, Instant.now(), sagaId, causationId));
    }
}
