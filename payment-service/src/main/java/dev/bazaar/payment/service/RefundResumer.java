package dev.bazaar.payment.service;

import dev.bazaar.kit.leader.LeaderJob;
import dev.bazaar.payment.config.PaymentConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Finishes refunds a crash or an outage left PENDING, settles payments waiting for the provider's answer, and reads
 * back those waiting for the buyer's 3-D Secure challenge once per {@code bazaar.payments.action-recheck-after}
 * (PaymentReconciler), every {@code bazaar.payments.refund-resume-interval} (10 s; {@code off} = only on demand);
 * every replica ticks, only the leader works.
 */
@ApplicationScoped
public class RefundResumer {

    private static final Logger LOG = Logger.getLogger(RefundResumer.class);

    /** What one tick did: refunds resumed, payments settled, payments waiting for the buyer read back. */
    record Resumed(int refunds, int settled, int awaiting) {}

    private final Refunds refunds;
    private final PaymentReconciler reconciler;
    private final LeaderJob job;
    private final Duration actionRecheck;

    public RefundResumer(Pool pool, Refunds refunds, PaymentReconciler reconciler, PaymentConfig config) {
        this.refunds = refunds;
        this.reconciler = reconciler;
        this.job = new LeaderJob(pool, "payment-service:refund-resume");
        this.actionRecheck = config.actionRecheckAfter();
    }

    @Scheduled(
            identity = "refund-resume",
            every = "${bazaar.payments.refund-resume-interval:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return job.tick(
                () -> refunds.resumePending()
                        .flatMap(r -> reconciler.runOnce(Duration.ofSeconds(2)).map(p -> new Resumed(r, p, 0)))
                        .flatMap(c -> reconciler
                                .resumeAwaiting(actionRecheck)
                                .map(a -> new Resumed(c.refunds(), c.settled(), a))),
                c -> {
                    if (c.refunds() + c.settled() + c.awaiting() > 0) {
                        LOG.infof(
                                "resumed %d pending refund(s), looked again at %d payment(s) waiting for "
                                        + "the provider and %d waiting for the buyer",
                                c.refunds(), c.settled(), c.awaiting());
                    }
                });
    }

    void stop(@Observes ShutdownEvent stop) {
        job.release();
    }
}
