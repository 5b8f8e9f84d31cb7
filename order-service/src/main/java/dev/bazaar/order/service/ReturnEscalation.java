package dev.bazaar.order.service;

import dev.bazaar.kit.leader.LeaderJob;
import dev.bazaar.order.config.OrderConfig;
import dev.bazaar.order.persistence.OrderIndex;
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
 * A return nobody decided within {@code bazaar.orders.return-decision-within} (3 days) goes to the admins' queue
 * (ReturnEscalated), so a buyer is never left waiting on a seller who does not answer. Every replica ticks; only the
 * leader works; the aggregate decides (a return decided meanwhile appends nothing).
 */
@ApplicationScoped
public class ReturnEscalation {

    private static final Logger LOG = Logger.getLogger(ReturnEscalation.class);

    private final OrderIndex index;
    private final Orders orders;
    private final OrderConfig config;
    private final Clock clock;
    private final LeaderJob job;

    public ReturnEscalation(Pool pool, OrderIndex index, Orders orders, OrderConfig config, Clock clock) {
        this.index = index;
        this.orders = orders;
        this.config = config;
        this.clock = clock;
        this.job = new LeaderJob(pool, "order-service:return-escalation");
    }

    /** Every {@code bazaar.orders.return-escalation-interval} (1 h; {@code off} in the module's tests). */
    @Scheduled(
            identity = "order-return-escalation",
            every = "${bazaar.orders.return-escalation-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return job.tick(() -> runOnce(clock.instant()), n -> {
            if (n > 0) {
                LOG.infof("escalated %d undecided return(s) to the admins' queue", n);
            }
        });
    }

    void stop(@Observes ShutdownEvent stop) {
        job.release();
    }

    /** Escalates every return still undecided that was asked for before {@code now − return-decision-within}. */
    public Uni<Integer> runOnce(Instant now) {
        Instant requestedBy = now.minus(config.returnDecisionWithin());
        int size = config.completionPageSize();
        return DueSweep.run(
                after -> index.undecided(requestedBy, after, size),
                OrderIndex.Undecided.START,
                size,
                d -> orders.execute(d.orderId(), null, o -> o.escalateReturn(d.returnId(), now), Orders.After.NOTHING)
                        .map(o -> o.returns().stream()
                                .anyMatch(r -> r.returnId().equals(d.returnId())
                                        && r.status().equals("ESCALATED"))));
    }
}
