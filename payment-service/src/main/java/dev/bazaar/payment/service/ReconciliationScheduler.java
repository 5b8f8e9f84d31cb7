package dev.bazaar.payment.service;

import dev.bazaar.kit.leader.LeaderLease;
import dev.bazaar.payment.config.PaymentConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.Duration;

/** Reconciles the books with the provider daily; every replica ticks, only the leader runs it. */
@ApplicationScoped
public class ReconciliationScheduler {

    private static final Logger LOG = Logger.getLogger(ReconciliationScheduler.class);

    private final Vertx vertx;
    private final Reconciliation reconciliation;
    private final LeaderLease lease;
    private final PaymentConfig config;
    private long timer = -1;

    public ReconciliationScheduler(Vertx vertx, Pool pool, Reconciliation reconciliation, PaymentConfig config) {
        this.vertx = vertx;
        this.reconciliation = reconciliation;
        this.lease = new LeaderLease(pool, "payment-service:reconciliation-leader");
        this.config = config;
    }

    void start(@Observes StartupEvent start) {
        if (config.reconcileInterval().isZero()) {
            return;
        }
        timer = vertx.setPeriodic(config.reconcileInterval().toMillis(), id -> lease.runIfLeader(() ->
                reconciliation.run(Instant.now().minus(config.reconcileLookback()))).subscribe().with(
                        r -> r.flatMap(x -> x).ifPresent(x -> LOG.infof("reconciliation: %d checked, %d difference(s)",
                                x.checked(), x.differences().size())),
                        e -> LOG.warnf("reconciliation failed: %s", e.getMessage())));
    }

    void stop(@Observes ShutdownEvent stop) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        lease.release().await().atMost(Duration.ofSeconds(5));
    }
}
