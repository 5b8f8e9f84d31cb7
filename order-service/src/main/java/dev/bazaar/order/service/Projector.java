package dev.bazaar.order.service;

import dev.bazaar.order.domain.Order;
import dev.bazaar.order.persistence.EventStore;
import dev.bazaar.order.persistence.OrderProjections;
import dev.bazaar.order.persistence.OrderStore;
import dev.bazaar.order.persistence.ProjectionGenerations;
import dev.bazaar.order.persistence.ReadModelIndexes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Keeps the read models in step with the event store. For each {@code order.events} record (our own; consumed by
 * {@code messaging.ProjectionConsumer}) the projector folds the stored events of its order up to its sequence and
 * writes every view of the order, guarded by the sequence — so a replayed or late record changes nothing, and the
 * Kafka offset is the checkpoint.
 * <p>
 * A rebuild replays the whole store into a fresh generation of the collections (indexed first) while new events go to
 * both, then switches readers to it ({@code projection_meta}) and drops the old one: views identical to live ones, no
 * downtime.
 */
@ApplicationScoped
public class Projector {

    private static final Logger LOG = Logger.getLogger(Projector.class);

    public record RebuildResult(String generation, int orders) {
    }

    private final OrderStore store;
    private final OrderProjections views;
    private final ProjectionGenerations generations;
    private final ReadModelIndexes indexes;
    private final Clock clock;

    public Projector(OrderStore store, OrderProjections views, ProjectionGenerations generations,
            ReadModelIndexes indexes, Clock clock) {
        this.store = store;
        this.views = views;
        this.generations = generations;
        this.indexes = indexes;
        this.clock = clock;
    }

    /** Folds the order up to {@code seq} and writes its views in the live generation (and one being rebuilt). */
    public Uni<Void> project(UUID orderId, long seq) {
        return fold(orderId, seq).flatMap(o -> {
            if (!o.exists()) {
                return Uni.createFrom().voidItem();
            }
            return generations().flatMap(g -> {
                Uni<Void> live = views.project(o, g.active());
                return g.rebuilding() == null ? live : live.flatMap(x -> views.project(o, g.rebuilding()));
            });
        });
    }

    private Uni<Order> fold(UUID orderId, long seq) {
        return store.load(orderId, null).map(stored -> Order.replay(stored.stream().filter(s -> s.seq() <= seq)
                .map(EventStore.Stored::event).toList()));
    }

    /** The generation readers use ("" = the original collections) and the one being rebuilt, if any. */
    public Uni<ProjectionGenerations.Generations> generations() {
        return generations.current();
    }

    public Uni<String> active() {
        return generations.active();
    }

    public Uni<RebuildResult> rebuild() {
        String next = "g" + clock.millis();
        return generations().flatMap(before -> indexes.ensure(next)
                .flatMap(x -> generations.startRebuild(next))
                .flatMap(x -> store.heads())
                .flatMap(heads -> {
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    for (EventStore.Head h : List.copyOf(heads)) {
                        chain = chain.flatMap(n -> fold(h.orderId(), h.seq()).flatMap(o -> views.project(o, next))
                                .replaceWith(n + 1));
                    }
                    return chain;
                })
                .flatMap(n -> generations.activate(next)
                        .flatMap(x -> views.drop(before.active()))
                        .invoke(() -> LOG.infof("projections rebuilt from %d order(s) into generation %s", n, next))
                        .replaceWith(new RebuildResult(next, n))));
    }
}
