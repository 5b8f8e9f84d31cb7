package dev.bazaar.order.service;

import dev.bazaar.kit.leader.LeaderJob;
import dev.bazaar.order.config.OrderConfig;
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
 * Delivery that nobody confirmed: a group shipped in full longer than {@code bazaar.orders.auto-deliver-after} ago
 * (14 days) is delivered by the platform, so the seller's holding period and the buyer's return window start even when
 * neither the buyer, the seller nor a carrier said so. Every replica ticks; only the leader works; the aggregate
 * decides (a group not shipped in full, delivered or cancelled appends nothing).
 */
@ApplicationScoped
public class DeliveryConfirmation {

    private static final Logger LOG = Logger.getLogger(DeliveryConfirmation.class);

    private final Pool pool;
    private final EventStore store;
    private final Orders orders;
    private final OrderConfig config;
    private final Clock clock;
    private final LeaderJob job;

    public DeliveryConfirmation(Pool pool, EventStore store, Orders orders, OrderConfig config, Clock clock) {
        this.pool = pool;
        this.store = store;
        this.orders = orders;
        this.config = config;
        this.clock = clock;
        this.job = new LeaderJob(pool, "order-service:auto-delivery");
    }

    /** Every {@code bazaar.orders.delivery-interval} (1 h; {@code off} in the module's tests, which call runOnce). */
    @Scheduled(
            identity = "order-auto-delivery",
            every = "${bazaar.orders.delivery-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return job.tick(() -> runOnce(clock.instant()), n -> {
            if (n > 0) {
                LOG.infof("delivered %d group(s) nobody confirmed", n);
            }
        });
    }

    void stop(@Observes ShutdownEvent stop) {
        job.release();
    }

    /** Delivers every group shipped in full before {@code now − auto-deliver-after}; answers how many. */
    public Uni<Integer> runOnce(Instant now) {
        Instant shippedBy = now.minus(config.autoDeliverAfter());
        int size = config.completionPageSize();
        return DueSweep.run(
                after -> store.deliveryDue(pool, shippedBy, after, size),
                EventStore.ShippedDue.START,
                size,
                d -> orders.execute(
                                d.orderId(),
                                null,
                                o -> o.autoDeliver(d.shopId(), now, config.autoDeliverAfter()),
                                Orders.After.NOTHING)
                        .map(o -> o.groups().stream()
                                .anyMatch(g -> g.group().shopId().equals(d.shopId()) && now.equals(g.deliveredAt()))));
    }
}
