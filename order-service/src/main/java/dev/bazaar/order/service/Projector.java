package dev.bazaar.order.service;

import dev.bazaar.order.domain.Order;
import dev.bazaar.order.domain.OrderAnalytics;
import dev.bazaar.order.persistence.AnalyticsStore;
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
 * downtime. The analytics ({@link AnalyticsStore}) are rebuilt with them: every order's contribution, then every
 * payout kept from payment.events; this also repairs aggregates a crash left short (see {@link AnalyticsStore}).
 */
@ApplicationScoped
public class Projector {

    private static final Logger LOG = Logger.getLogger(Projector.class);

    public record RebuildResult(String generation, int orders, int payouts) {
    }

    /** An order folded up to a sequence, with the events it was folded from (the analytics read their days). */
    private record Folded(Order order, List<OrderAnalytics.Recorded> events) {
    }

    private final OrderStore store;
    private final OrderProjections views;
    private final ProjectionGenerations generations;
    private final ReadModelIndexes indexes;
    private final AnalyticsStore analytics;
    private final Analytics payouts;
    private final Clock clock;

    public Projector(OrderStore store, OrderProjections views, ProjectionGenerations generations,
            ReadModelIndexes indexes, AnalyticsStore analytics, Analytics payouts, Clock clock) {
        this.store = store;
        this.analytics = analytics;
        this.payouts = payouts;
        this.views = views;
        this.generations = generations;
        this.indexes = indexes;
        this.clock = clock;
    }

    /**
     * Folds the order up to {@code seq} and writes its views and its analytics contribution in the live generation
     * (and one being rebuilt).
     */
    public Uni<Void> project(UUID orderId, long seq) {
        return fold(orderId, seq).flatMap(f -> {
            if (!f.order().exists()) {
                return Uni.createFrom().voidItem();
            }
            return generations().flatMap(g -> {
                Uni<Void> live = write(f, g.active());
                return g.rebuilding() == null ? live : live.flatMap(x -> write(f, g.rebuilding()));
            });
        });
    }

    private Uni<Void> write(Folded f, String suffix) {
        Order o = f.order();
        return views.project(o, suffix).flatMap(x -> analytics.apply(suffix, "order:" + o.orderId(), o.version(),
                OrderAnalytics.of(o, f.events())));
    }

    private Uni<Folded> fold(UUID orderId, long seq) {
        return store.load(orderId, null).map(stored -> {
            List<EventStore.Stored> upTo = stored.stream().filter(s -> s.seq() <= seq).toList();
            return new Folded(Order.replay(upTo.stream().map(EventStore.Stored::event).toList()),
                    upTo.stream().map(s -> new OrderAnalytics.Recorded(s.event(), s.recordedAt())).toList());
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
        String next = "g" + clock.millis();
        return generations().flatMap(before -> indexes.ensure(next)
                .flatMap(x -> generations.startRebuild(next))
                .flatMap(x -> store.heads())
                .flatMap(heads -> {
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    for (EventStore.Head h : List.copyOf(heads)) {
                        chain = chain.flatMap(n -> fold(h.orderId(), h.seq()).flatMap(f -> f.order().exists()
                                ? write(f, next) : Uni.createFrom().voidItem()).replaceWith(n + 1));
                    }
                    return chain;
                })
                .flatMap(n -> payouts.rebuildPayouts(next).flatMap(p -> generations.activate(next)
                        .flatMap(x -> views.drop(before.active()))
                        .flatMap(x -> analytics.drop(before.active()))
                        .invoke(() -> LOG.infof("projections rebuilt from %d order(s) and %d payout(s) into "
                                + "generation %s", n, p, next))
                        .replaceWith(new RebuildResult(next, n, p)))));
    }
}
