package dev.bazaar.order.service;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.OrderEvent;
import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.order.domain.Order;
import dev.bazaar.order.persistence.EventStore;
import dev.bazaar.order.persistence.OrderStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Runs a decision against an order: load its events, fold, decide, append at the version seen — in one transaction
 * with the events' outbox rows (so {@code order.events} gets exactly what was stored, in order) and whatever else the
 * caller writes ({@code after}: a reply). If another writer appended first, the whole step is retried on the new state
 * (up to 5 times, then 409), so concurrent commands on one order lose no event; a refusal appends nothing. The
 * transaction itself is {@link OrderStore}'s.
 */
@ApplicationScoped
public class Orders {

    /**
     * Something more to write in the same transaction, seeing the order after the new events. {@code tx} is the
     * store's transaction, to be handed to a persistence method (e.g. {@link OrderStore#reply}).
     */
    public interface After {
        Uni<Void> write(OrderStore.Tx tx, Order order, List<OrderEvent> appended);

        After NOTHING = (tx, o, e) -> Uni.createFrom().voidItem();
    }

    private final OrderStore store;

    public Orders(OrderStore store) {
        this.store = store;
    }

    public Uni<Order> load(UUID orderId, Instant asOf) {
        return store.load(orderId, asOf)
                .map(stored -> Order.replay(
                        stored.stream().map(EventStore.Stored::event).toList()));
    }

    public Uni<List<EventStore.Stored>> history(UUID orderId, Instant asOf) {
        return store.load(orderId, asOf);
    }

    public Uni<Order> execute(UUID orderId, Envelope<?> cause, Function<Order, List<OrderEvent>> decide, After after) {
        return store.locked(orderId, (tx, stored) -> {
                    Order order = Order.replay(
                            stored.stream().map(EventStore.Stored::event).toList());
                    long version = order.version();
                    List<OrderEvent> next = decide.apply(order);
                    return store.append(tx, orderId, version, cause, next)
                            .flatMap(x -> {
                                next.forEach(order::apply);
                                return after.write(tx, order, next);
                            })
                            .replaceWith(order);
                })
                .onFailure(EventStore.Conflict.class)
                .retry()
                .withBackOff(Duration.ofMillis(5), Duration.ofMillis(200))
                .withJitter(0.5)
                .atMost(5)
                .onFailure(EventStore.Conflict.class)
                .transform(e -> new ProblemException.Conflict(
                        "concurrent-update", "The order changed while this was being decided; try again."));
    }
}
