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

import java.time.Clock;
import java.time.Duration;

/** Runs due payouts periodically; every replica ticks, only the leader pays (and never during an admin's run). */
@ApplicationScoped
public class PayoutScheduler {

    private static final Logger LOG = Logger.getLogger(PayoutScheduler.class);

    private final Vertx vertx;
    private final Payouts payouts;
    private final LeaderLease lease;
    private final Duration interval;
    private final Clock clock;
    private long timer = -1;

    public PayoutScheduler(Vertx vertx, Pool pool, Payouts payouts, PaymentConfig config, Clock clock) {
        this.vertx = vertx;
        this.payouts = payouts;
        this.lease = new LeaderLease(pool, "payment-service:payout-run");
        this.interval = config.payoutRunInterval();
        this.clock = clock;
    }

    void start(@Observes StartupEvent start) {
        if (interval.isZero()) {
            return;
        }
        timer = vertx.setPeriodic(interval.toMillis(), id -> lease.runIfLeader(() -> payouts.run(clock.instant()))
                .subscribe().with(r -> r.flatMap(x -> x).filter(x -> x.paid() + x.failed() + x.unknown() > 0)
                        .ifPresent(x -> LOG.infof("payout run: %d paid (%s), %d failed, %d without an answer yet "
                                + "(resumed next run)", x.paid(), x.total(), x.failed(), x.unknown())),
                        e -> LOG.warnf("payout run failed: %s", e.getMessage())));
    }

    void stop(@Observes ShutdownEvent stop) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        lease.release().await().atMost(Duration.ofSeconds(5));
    }
}
