package dev.bazaar.payment.service;

import dev.bazaar.kit.leader.LeaderJob;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Runs due payouts every {@code bazaar.payments.payout-run-interval} (1 h; {@code off} = only on demand, as in tests);
 * every replica ticks, only the leader pays (and never during an admin's run).
 */
@ApplicationScoped
public class PayoutScheduler {

    private static final Logger LOG = Logger.getLogger(PayoutScheduler.class);

    private final Payouts payouts;
    private final LeaderJob job;
    private final Clock clock;

    public PayoutScheduler(Pool pool, Payouts payouts, Clock clock) {
        this.payouts = payouts;
        this.job = new LeaderJob(pool, "payment-service:payout-run");
        this.clock = clock;
    }

    @Scheduled(
            identity = "payout-run",
            every = "${bazaar.payments.payout-run-interval:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return job.tick(
                () -> payouts.run(clock.instant()),
                run -> run.filter(x -> x.paid() + x.failed() + x.unknown() > 0)
                        .ifPresent(x -> LOG.infof(
                                "payout run: %d paid (%s), %d failed, %d without an answer yet (resumed next " + "run)",
                                x.paid(), x.total(), x.failed(), x.unknown())));
    }

    void stop(@Observes ShutdownEvent stop) {
        job.release();
    }
}
