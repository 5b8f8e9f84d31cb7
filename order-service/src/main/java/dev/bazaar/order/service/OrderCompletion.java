package dev.bazaar.order.service;

import dev.bazaar.kit.leader.LeaderJob;
import dev.bazaar.order.config.OrderConfig;
import dev.bazaar.order.domain.Order;
import dev.bazaar.order.persistence.EventStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Closes orders whose return windows have all passed (OrderCompleted: the order is final, sellers' funds may be
 * released). Every replica ticks; only the leader works. The aggregate decides, so a run that finds an order not yet
 * due, or already completed, appends nothing.
 */
@ApplicationScoped
public class OrderCompletion {

    private static final Logger LOG = Logger.getLogger(OrderCompletion.class);

    private final Pool pool;
    private final EventStore store;
    private final Orders orders;
    private final OrderConfig config;
    private final Clock clock;
    private final LeaderJob job;

    public OrderCompletion(Pool pool, EventStore store, Orders orders, OrderConfig config, Clock clock) {
        this.pool = pool;
        this.store = store;
        this.orders = orders;
        this.config = config;
        this.clock = clock;
        this.job = new LeaderJob(pool, "order-service:completion");
    }

    /** Every {@code bazaar.orders.completion-interval} (1 h; {@code off} in the module's tests, which call runOnce). */
    @Scheduled(
            identity = "order-completion",
            every = "${bazaar.orders.completion-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return job.tick(() -> runOnce(clock.instant()), n -> {
            if (n > 0) {
                LOG.infof("completed %d order(s)", n);
            }
        });
    }

    void stop(@Observes ShutdownEvent stop) {
        job.release();
    }

    /**
     * Completes every order whose delivered groups' return windows (each the shop's when the order was placed) have
     * all passed at {@code now}; answers how many. Pages through the due list by (due, order id), so an order that
     * cannot complete yet (a return still open) is passed over, never blocks the others. Orders placed before shops
     * had their own windows are due the configured window after their last delivery.
     */
    public Uni<Integer> runOnce(Instant now) {
        int size = config.completionPageSize();
        return store.settleLegacyDue(pool, config.returnWindow())
                .flatMap(x -> DueSweep.run(
                        after -> store.completionDue(pool, now, after, size),
                        EventStore.Due.START,
                        size,
                        d -> orders.execute(
                                        d.orderId(),
                                        null,
                                        o -> o.complete(now, config.returnWindow()),
                                        Orders.After.NOTHING)
                                .map(Order::completed)));
    }
}
