package dev.bazaar.order.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bazaar.order.domain.Order;
import dev.bazaar.order.domain.OrderAnalytics;
import dev.bazaar.order.persistence.AnalyticsStore;
import dev.bazaar.order.persistence.EventStore;
import dev.bazaar.order.persistence.OrderProjections;
import dev.bazaar.order.persistence.OrderStore;
import dev.bazaar.order.persistence.ProjectionGenerations;
import dev.bazaar.order.persistence.ReadModelIndexes;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

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
 * <p>
 * An order's events come in a burst (placed, paid, confirmed within a second or two), so the projector keeps the
 * events it read of the most recent orders and reads only the ones after them: the store is append-only, and one
 * order's records arrive in sequence on one partition. A replica that takes the partition over reads them afresh.
 */
@ApplicationScoped
public class Projector {

    private static final Logger LOG = Logger.getLogger(Projector.class);

    public record RebuildResult(String generation, int orders, int payouts) {}

    /** An order folded up to a sequence, with the events it was folded from (the analytics read their days). */
    private record Folded(Order order, List<OrderAnalytics.Recorded> events) {}

    /** How many orders' events are kept, and for how long after their last use. */
    static final int RECENT_ORDERS = 1_000;

    static final Duration RECENT_FOR = Duration.ofMinutes(2);

    private final OrderStore store;
    private final Cache<UUID, List<EventStore.Stored>> recent = Caffeine.newBuilder()
            .maximumSize(RECENT_ORDERS)
            .expireAfterAccess(RECENT_FOR)
            .build();
    private final OrderProjections views;
    private final ProjectionGenerations generations;
    private final ReadModelIndexes indexes;
    private final AnalyticsStore analytics;
    private final Analytics payouts;
    private final Clock clock;

    public Projector(
            OrderStore store,
            OrderProjections views,
            ProjectionGenerations generations,
            ReadModelIndexes indexes,
            AnalyticsStore analytics,
            Analytics payouts,
            Clock clock) {
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
        return history(orderId, seq).map(stored -> folded(stored, seq)).flatMap(f -> {
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
        return views.project(o, suffix)
                .flatMap(x ->
                        analytics.apply(suffix, "order:" + o.orderId(), o.version(), OrderAnalytics.of(o, f.events())));
    }

    private Uni<Folded> fold(UUID orderId, long seq) {
        return store.load(orderId, null).map(stored -> folded(stored, seq));
    }

    private static Folded folded(List<EventStore.Stored> stored, long seq) {
        List<EventStore.Stored> upTo =
                stored.stream().filter(s -> s.seq() <= seq).toList();
        return new Folded(
                Order.replay(upTo.stream().map(EventStore.Stored::event).toList()),
                upTo.stream()
                        .map(s -> new OrderAnalytics.Recorded(s.event(), s.recordedAt()))
                        .toList());
    }

    /** The order's events at least up to {@code seq}: those kept from before, and the ones after them read. */
    private Uni<List<EventStore.Stored>> history(UUID orderId, long seq) {
        List<EventStore.Stored> known = recent.getIfPresent(orderId);
        long have = known == null || known.isEmpty() ? 0 : known.getLast().seq();
        if (have >= seq) {
            return Uni.createFrom().item(known);
        }
        return store.loadAfter(orderId, have).map(more -> {
            List<EventStore.Stored> all = new ArrayList<>(have == 0 ? List.of() : known);
            all.addAll(more);
            List<EventStore.Stored> kept = List.copyOf(all);
            recent.put(orderId, kept);
            return kept;
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
        return generations()
                .flatMap(before -> indexes.ensure(next)
                        .flatMap(x -> generations.startRebuild(next))
                        // every replica writes into the new generation too before the store's heads are read
                        .flatMap(x -> generations.settled())
                        .flatMap(x -> store.heads())
                        // one order after the other; n counts the orders replayed
                        .flatMap(heads -> Multi.createFrom()
                                .iterable(List.copyOf(heads))
                                .onItem()
                                .transformToUniAndConcatenate(h -> fold(h.orderId(), h.seq())
                                        .flatMap(f -> f.order().exists()
                                                ? write(f, next)
                                                : Uni.createFrom().voidItem())
                                        .replaceWith(1))
                                .collect()
                                .with(Collectors.summingInt(Integer::intValue)))
                        // every order is in the new generation now: its seller shop documents are whole
                        .flatMap(n -> views.complete(next).replaceWith(n))
                        .flatMap(n -> payouts.rebuildPayouts(next)
                                .flatMap(p -> generations
                                        .activate(next)
                                        // and every replica reads the new one before the old is dropped
                                        .flatMap(x -> generations.settled())
                                        .flatMap(x -> views.drop(before.active()))
                                        .flatMap(x -> analytics.drop(before.active()))
                                        .invoke(() -> LOG.infof(
                                                "projections rebuilt from %d order(s) and %d payout(s) into "
                                                        + "generation %s",
                                                n, p, next))
                                        .replaceWith(new RebuildResult(next, n, p)))));
    }
}
