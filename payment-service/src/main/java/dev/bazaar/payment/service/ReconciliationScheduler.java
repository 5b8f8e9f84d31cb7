package dev.bazaar.payment.service;

import dev.bazaar.kit.leader.LeaderJob;
import dev.bazaar.payment.config.PaymentConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Reconciles the books with the provider every {@code bazaar.payments.reconcile-interval} (24 h; {@code off} = only on
 * demand); every replica ticks, only the leader runs it.
 */
@ApplicationScoped
public class ReconciliationScheduler {

    private static final Logger LOG = Logger.getLogger(ReconciliationScheduler.class);

    private final Reconciliation reconciliation;
    private final LeaderJob job;
    private final PaymentConfig config;
    private final Clock clock;

    public ReconciliationScheduler(Pool pool, Reconciliation reconciliation, PaymentConfig config, Clock clock) {
        this.reconciliation = reconciliation;
        this.job = new LeaderJob(pool, "payment-service:reconciliation-leader");
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(
            identity = "reconciliation",
            every = "${bazaar.payments.reconcile-interval:24h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return job.tick(
                () -> reconciliation.run(clock.instant().minus(config.reconcileLookback())),
                report -> report.ifPresent(x -> LOG.infof(
                        "reconciliation: %d checked, %d difference(s)",
                        x.checked(), x.differences().size())));
    }

    void stop(@Observes ShutdownEvent stop) {
        job.release();
    }
}
