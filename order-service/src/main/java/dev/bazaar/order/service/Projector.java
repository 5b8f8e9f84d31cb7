package dev.bazaar.order.service;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.Topic;
import dev.bazaar.kit.consumer.Inbound;
import dev.bazaar.kit.consumer.Replayable;
import dev.bazaar.kit.consumer.Transients;
import dev.bazaar.order.domain.Order;
import dev.bazaar.order.persistence.EventStore;
import dev.bazaar.order.persistence.OrderProjections;
import dev.bazaar.order.persistence.ProjectionGenerations;
import dev.bazaar.order.persistence.ReadModelIndexes;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Keeps the read models in step with the event store. Each {@code order.events} record (our own) names an order and
 * a sequence; the projector folds the stored events up to that sequence and writes every view of the order, guarded
 * by the sequence — so a replayed or late record changes nothing, and the Kafka offset is the checkpoint.
 * <p>
 * A rebuild replays the whole store into a fresh generation of the collections (indexed first) while new events go
 * to both, then switches readers to it ({@code projection_meta}) and drops the old one: views identical to live ones,
 * no downtime.
 */
@ApplicationScoped
public class Projector implements Replayable {

    private static final Logger LOG = Logger.getLogger(Projector.class);

    public record RebuildResult(String generation, int orders) {
    }

    private final Pool pool;
    private final EventStore store;
    private final OrderProjections views;
    private final ProjectionGenerations generations;
    private final ReadModelIndexes indexes;

    public Projector(Pool pool, EventStore store, OrderProjections views, ProjectionGenerations generations,
            ReadModelIndexes indexes) {
        this.pool = pool;
        this.store = store;
        this.views = views;
        this.generations = generations;
        this.indexes = indexes;
    }

    /** A replay of {@code order.events.dlq} projects through the same handler (kit DeadLetters). */
    @Override
    public Map<String, Function<String, Uni<Void>>> replayHandlers() {
        return Map.of(Topic.ORDER_EVENTS.topicName(), this::onEvent);
    }

    @Incoming("order-projections")
    public Uni<Void> onEvent(String json) {
        Envelope<?> env = Inbound.decode(Topic.ORDER_EVENTS, json);
        return Transients.retried("order projections " + env.type(), () -> project(UUID.fromString(env.aggregateId()),
                env.aggregateVersion()));
    }

    /** Folds the order up to {@code seq} and writes its views in the live generation (and one being rebuilt). */
    public Uni<Void> project(UUID orderId, long seq) {
        return store.load(pool, orderId, null).flatMap(stored -> {
            Order o = Order.replay(stored.stream().filter(s -> s.seq() <= seq).map(EventStore.Stored::event).toList());
            if (!o.exists()) {
                return Uni.createFrom().voidItem();
            }
            return generations().flatMap(g -> {
                Uni<Void> live = views.project(o, g.active());
                return g.rebuilding() == null ? live : live.flatMap(x -> views.project(o, g.rebuilding()));
            });
        });
    }

    /** The generation readers use ("" = the original collections) and the one being rebuilt, if any. */
    public Uni<ProjectionGenerations.Generations> generations() {
        return generations.current();
    }

    public Uni<String> active() {
        return generations.active();
    }

    public Uni<RebuildResult> rebuild() {
        String next = "g" + System.currentTimeMillis();
        return generations().flatMap(before -> indexes.ensure(next)
                .flatMap(x -> generations.startRebuild(next))
                .flatMap(x -> pool.query("SELECT order_id, max(seq) AS seq FROM order_event GROUP BY order_id").execute())
                .flatMap(rows -> {
                    List<Row> all = new ArrayList<>();
                    rows.forEach(all::add);
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    for (Row r : all) {
                        UUID id = r.getUUID("order_id");
                        long seq = r.getLong("seq");
                        chain = chain.flatMap(n -> store.load(pool, id, null).flatMap(stored -> {
                            Order o = Order.replay(stored.stream().filter(s -> s.seq() <= seq)
                                    .map(EventStore.Stored::event).toList());
                            return views.project(o, next);
                        }).replaceWith(n + 1));
                    }
                    return chain;
                })
                .flatMap(n -> generations.activate(next)
                        .flatMap(x -> views.drop(before.active()))
                        .invoke(() -> LOG.infof("projections rebuilt from %d order(s) into generation %s", n, next))
                        .replaceWith(new RebuildResult(next, n))));
    }
}
