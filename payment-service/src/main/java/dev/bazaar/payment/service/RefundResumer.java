package dev.bazaar.payment.service;

import dev.bazaar.kit.leader.LeaderLease;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import dev.bazaar.payment.config.PaymentConfig;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Finishes refunds a crash or an outage left PENDING, settles payments waiting for the provider's answer, and reads
 * back those waiting for the buyer's 3-D Secure challenge once per {@code bazaar.payments.action-recheck-after}
 * (PaymentReconciler); every replica ticks, only the leader works.
 */
@ApplicationScoped
public class RefundResumer {

    private static final Logger LOG = Logger.getLogger(RefundResumer.class);

    private final Vertx vertx;
    private final Refunds refunds;
    private final PaymentReconciler reconciler;
    private final LeaderLease lease;
    private final Duration interval;
    private final Duration actionRecheck;
    private long timer = -1;

    public RefundResumer(Vertx vertx, Pool pool, Refunds refunds, PaymentReconciler reconciler, PaymentConfig config) {
        this.vertx = vertx;
        this.refunds = refunds;
        this.reconciler = reconciler;
        this.lease = new LeaderLease(pool, "payment-service:refund-resume");
        this.interval = config.refundResumeInterval();
        this.actionRecheck = config.actionRecheckAfter();
    }

    void start(@Observes StartupEvent start) {
        if (interval.isZero()) {
            return;
        }
        timer = vertx.setPeriodic(interval.toMillis(), id -> lease.runIfLeader(() -> refunds.resumePending()
                .flatMap(r -> reconciler.runOnce(Duration.ofSeconds(2)).map(p -> new int[] {r, p, 0}))
                .flatMap(c -> reconciler.resumeAwaiting(actionRecheck).map(a -> new int[] {c[0], c[1], a})))
                .subscribe().with(n -> n.filter(c -> c[0] + c[1] + c[2] > 0).ifPresent(c -> LOG.infof(
                        "resumed %d pending refund(s), looked again at %d payment(s) waiting for the provider and "
                                + "%d waiting for the buyer", c[0], c[1], c[2])),
                        e -> LOG.warnf(e, "refund/payment resume failed")));
    }

    void stop(@Observes ShutdownEvent stop) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        lease.release().await().atMost(Duration.ofSeconds(5));
    }
}
