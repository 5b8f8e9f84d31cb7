package dev.bazaar.order.service;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.Lines.OrderGroup;
import dev.bazaar.contracts.messaging.OrderEvent;
import dev.bazaar.kit.outbox.Outbox;
import dev.bazaar.order.domain.Order;
import dev.bazaar.order.persistence.EventStore;
import dev.bazaar.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Runs a decision against an order: load its events, fold, decide, append at the version seen — in one transaction
 * with the events' outbox rows (so {@code order.events} gets exactly what was stored, in order) and whatever else the
 * caller writes ({@code after}: a reply, an index row). If another writer appended first, the whole step is retried
 * on the new state (up to 5 times, then 409), so concurrent commands on one order lose no event; a refusal appends
 * nothing.
 */
@ApplicationScoped
public class Orders {

    /** Something more to write in the same transaction, seeing the order after the new events. */
    public interface After {
        Uni<Void> write(SqlClient tx, Order order, List<OrderEvent> appended);

        After NOTHING = (tx, o, e) -> Uni.createFrom().voidItem();
    }

    private final Pool pool;
    private final EventStore store;

    public Orders(Pool pool, EventStore store) {
        this.pool = pool;
        this.store = store;
    }

    public Uni<Order> load(UUID orderId, Instant asOf) {
        return store.load(pool, orderId, asOf).map(stored -> Order.replay(stored.stream()
                .map(EventStore.Stored::event).toList()));
    }

    public Uni<List<EventStore.Stored>> history(UUID orderId, Instant asOf) {
        return store.load(pool, orderId, asOf);
    }

    public Uni<Order> execute(UUID orderId, Envelope<?> cause, Function<Order, List<OrderEvent>> decide, After after) {
        return pool.withTransaction(tx -> lock(tx, orderId).flatMap(l -> store.load(tx, orderId, null))
                .flatMap(stored -> {
            Order order = Order.replay(stored.stream().map(EventStore.Stored::event).toList());
            long version = order.version();
            List<OrderEvent> next = decide.apply(order);
            return store.append(tx, orderId, version, next)
                    .flatMap(x -> publish(tx, cause, version, next))
                    .flatMap(x -> index(tx, next))
                    .flatMap(x -> {
                        next.forEach(order::apply);
                        return after.write(tx, order, next);
                    })
                    .replaceWith(order);
        })).onFailure(EventStore.Conflict.class).retry().withBackOff(Duration.ofMillis(5), Duration.ofMillis(200))
                .withJitter(0.5).atMost(5)
                .onFailure(EventStore.Conflict.class).transform(e -> new ProblemException.Conflict("concurrent-update",
                        "The order changed while this was being decided; try again."));
    }

    /**
     * Writers of one order queue on a transaction-scoped advisory lock (also across replicas), so they rarely meet
     * the event store's version check; the check stays the guarantee.
     */
    private static Uni<Void> lock(SqlClient tx, UUID orderId) {
        return tx.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1, 17))")
                .execute(Tuple.of(orderId.toString())).replaceWithVoid();
    }

    private static Uni<Void> publish(SqlClient tx, Envelope<?> cause, long version, List<OrderEvent> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        long seq = version;
        for (OrderEvent e : events) {
            long s = ++seq;
            chain = chain.flatMap(x -> Outbox.append(tx, cause == null ? Envelope.of(e, s, Instant.now(), null, null)
                    : Envelope.causedBy(cause, e, s, Instant.now())));
        }
        return chain;
    }

    /** Lookups sellers need: an order's shops, a return's order. */
    private static Uni<Void> index(SqlClient tx, List<OrderEvent> events) {
        List<Uni<?>> writes = new ArrayList<>();
        for (OrderEvent e : events) {
            if (e instanceof OrderEvent.OrderPlaced p) {
                writes.add(tx.preparedQuery("INSERT INTO order_shop (order_id, shop_id) VALUES ($1, $2) "
                        + "ON CONFLICT DO NOTHING").executeBatch(p.groups().stream().map(OrderGroup::shopId)
                                .map(s -> Tuple.of(p.orderId(), s)).toList()));
            } else if (e instanceof OrderEvent.ReturnRequested r) {
                writes.add(tx.preparedQuery("INSERT INTO order_return (return_id, order_id, shop_id) VALUES ($1, $2, $3)")
                        .execute(Tuple.of(r.returnId(), r.orderId(), r.shopId())));
            }
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Uni<?> w : writes) {
            chain = chain.flatMap(x -> w.replaceWithVoid());
        }
        return chain;
    }
}
