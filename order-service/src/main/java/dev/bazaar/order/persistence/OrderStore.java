package dev.bazaar.order.persistence;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.Message;
import dev.bazaar.contracts.messaging.OrderEvent;
import dev.bazaar.kit.outbox.Outbox;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * The orders' PostgreSQL unit of work, for the service layer: reads of a stream, a transaction that holds an order's
 * lock, and the append that commits with it — the events ({@link EventStore}), their {@code order.events} outbox rows
 * in order, and the sellers' lookups ({@link OrderIndex}) — and replies to commands through the outbox. The
 * transaction {@link #locked} work runs in is an opaque {@link Tx}, only to be handed back to this class's methods.
 */
@ApplicationScoped
public class OrderStore {

    /** A transaction of the order store, opaque outside persistence. */
    public static final class Tx {
        final SqlClient client;

        private Tx(SqlClient client) {
            this.client = client;
        }
    }

    private final Pool pool;
    private final EventStore events;
    private final OrderIndex index;
    private final Clock clock;

    public OrderStore(Pool pool, EventStore events, OrderIndex index, Clock clock) {
        this.pool = pool;
        this.events = events;
        this.index = index;
        this.clock = clock;
    }

    /** The order's stored events (as recorded by {@code asOf}, if given). */
    public Uni<List<EventStore.Stored>> load(UUID orderId, Instant asOf) {
        return events.load(pool, orderId, asOf);
    }

    /** The order's events after sequence {@code after} (an event store is append-only: what came before stays). */
    public Uni<List<EventStore.Stored>> loadAfter(UUID orderId, long after) {
        return events.loadAfter(pool, orderId, after);
    }

    /** Every order's stream and its last sequence. */
    public Uni<List<EventStore.Head>> heads() {
        return events.heads(pool);
    }

    /**
     * Runs {@code work} in one transaction that holds the order's lock, with the order's events as stored. Writers of
     * one order queue on a transaction-scoped advisory lock (also across replicas), so they rarely meet the event
     * store's version check; the check stays the guarantee.
     */
    public <T> Uni<T> locked(UUID orderId, BiFunction<Tx, List<EventStore.Stored>, Uni<T>> work) {
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1, 17))")
                .execute(Tuple.of(orderId.toString()))
                .flatMap(l -> events.load(tx, orderId, null))
                .flatMap(stored -> work.apply(new Tx(tx), stored)));
    }

    /**
     * Appends {@code next} after {@code version} (fails with {@link EventStore.Conflict} if another writer moved it),
     * with their outbox rows ({@code cause}: the message that led to them, if any) and the sellers' lookups.
     */
    public Uni<Void> append(Tx tx, UUID orderId, long version, Envelope<?> cause, List<OrderEvent> next) {
        return events.append(tx.client, orderId, version, next)
                .flatMap(x -> publish(tx.client, cause, version, next))
                .flatMap(x -> index.record(tx.client, next));
    }

    private Uni<Void> publish(SqlClient tx, Envelope<?> cause, long version, List<OrderEvent> next) {
        // one event after the other, in order: the i-th takes sequence version + 1 + i
        return Multi.createFrom()
                .range(0, next.size())
                .onItem()
                .transformToUniAndConcatenate(i -> {
                    OrderEvent e = next.get(i);
                    long s = version + 1 + i;
                    Instant now = clock.instant();
                    return Outbox.append(
                            tx,
                            cause == null ? Envelope.of(e, s, now, null, null) : Envelope.causedBy(cause, e, s, now));
                })
                .collect()
                .last()
                .replaceWithVoid();
    }

    /** The reply to command {@code cause}, in the transaction {@code tx}. */
    public Uni<Void> reply(Tx tx, Envelope<?> cause, Message reply) {
        return reply(tx.client, cause, reply);
    }

    /** The reply to command {@code cause}, alone in its own transaction. */
    public Uni<Void> reply(Envelope<?> cause, Message reply) {
        return pool.withTransaction(tx -> reply(tx, cause, reply));
    }

    private Uni<Void> reply(SqlClient tx, Envelope<?> cause, Message reply) {
        return Outbox.append(tx, Envelope.causedBy(cause, reply, 0, clock.instant()));
    }
}
