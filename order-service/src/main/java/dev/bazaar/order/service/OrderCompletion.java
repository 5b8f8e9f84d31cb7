package dev.bazaar.order.service;

import dev.bazaar.kit.leader.LeaderLease;
import dev.bazaar.order.config.OrderConfig;
import dev.bazaar.order.persistence.EventStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Closes orders whose return windows have all passed (OrderCompleted: the order is final, sellers' funds may be
 * released). Every replica ticks; only the leader works. The aggregate decides, so a run that finds an order not yet
 * due, or already completed, appends nothing.
 */
@ApplicationScoped
public class OrderCompletion {

    private static final Logger LOG = Logger.getLogger(OrderCompletion.class);

    private final Vertx vertx;
    private final Pool pool;
    private final EventStore store;
    private final Orders orders;
    private final OrderConfig config;
    private final Clock clock;
    private final LeaderLease lease;
    private long timer = -1;

    public OrderCompletion(Vertx vertx, Pool pool, EventStore store, Orders orders, OrderConfig config, Clock clock) {
        this.vertx = vertx;
        this.pool = pool;
        this.store = store;
        this.orders = orders;
        this.config = config;
        this.clock = clock;
        this.lease = new LeaderLease(pool, "order-service:completion");
    }

    void start(@Observes StartupEvent start) {
        if (config.completionInterval().isZero()) {
            return;
        }
        timer = vertx.setPeriodic(config.completionInterval().toMillis(), id -> lease.runIfLeader(() ->
                runOnce(clock.instant())).subscribe().with(n -> n.filter(c -> c > 0).ifPresent(c -> LOG.infof(
                        "completed %d order(s)", c)), e -> LOG.warnf("order completion failed: %s", e.getMessage())));
    }

    void stop(@Observes ShutdownEvent stop) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        lease.release().await().atMost(Duration.ofSeconds(5));
    }

    /**
     * Completes every order whose last delivery is older than the return window at {@code now}; answers how many. Pages
     * through the due list by (last delivery, order id), so an order that cannot complete yet (a return still open)
     * is passed over, never blocks the others.
     */
    public Uni<Integer> runOnce(Instant now) {
        return page(now.minus(config.returnWindow()), now, EventStore.Due.START, 0);
    }

    private Uni<Integer> page(Instant deliveredBy, Instant now, EventStore.Due after, int done) {
        return store.completionDue(pool, deliveredBy, after, config.completionPageSize()).flatMap(due -> {
            Uni<Integer> chain = Uni.createFrom().item(done);
            for (EventStore.Due d : due) {
                chain = chain.flatMap(n -> orders.execute(d.orderId(), null, o -> o.complete(now,
                        config.returnWindow()), Orders.After.NOTHING)
                        .map(o -> o.completed() ? n + 1 : n));
            }
            return due.size() < config.completionPageSize() ? chain
                    : chain.flatMap(n -> page(deliveredBy, now, due.get(due.size() - 1), n));
        });
    }
}
