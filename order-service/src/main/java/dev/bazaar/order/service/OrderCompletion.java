package dev.bazaar.order.service;

import dev.bazaar.kit.leader.LeaderLease;
import dev.bazaar.order.config.OrderConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

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
    private final Orders orders;
    private final OrderConfig config;
    private final Clock clock;
    private final LeaderLease lease;
    private long timer = -1;

    public OrderCompletion(Vertx vertx, Pool pool, Orders orders, OrderConfig config, Clock clock) {
        this.vertx = vertx;
        this.pool = pool;
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

    /** Completes every order whose last delivery is older than the return window at {@code now}; answers how many. */
    public Uni<Integer> runOnce(Instant now) {
        Duration window = config.returnWindow();
        return pool.preparedQuery("""
                SELECT DISTINCT d.order_id FROM order_event d
                WHERE d.type = 'GroupDelivered' AND d.recorded_at <= $1
                  AND NOT EXISTS (SELECT 1 FROM order_event e WHERE e.order_id = d.order_id
                                  AND e.type IN ('OrderCompleted', 'OrderCancelled'))
                LIMIT 500""").execute(Tuple.of(now.minus(window).atOffset(ZoneOffset.UTC))).flatMap(rows -> {
                    List<UUID> due = new ArrayList<>();
                    for (Row r : rows) {
                        due.add(r.getUUID("order_id"));
                    }
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    for (UUID id : due) {
                        chain = chain.flatMap(n -> orders.execute(id, null, o -> o.complete(now, window),
                                Orders.After.NOTHING).map(o -> n + 1));
                    }
                    return chain;
                });
    }
}
