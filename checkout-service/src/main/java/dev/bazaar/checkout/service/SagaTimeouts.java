package dev.bazaar.checkout.service;

import dev.bazaar.checkout.config.CheckoutConfig;
import dev.bazaar.kit.leader.LeaderJob;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Every replica sweeps for saga steps past their deadline and compensates them. No leader is needed: each timeout is
 * a compare-and-set transition, so two replicas sweeping the same saga move it once. This is also how sagas left
 * running by a replica that died get finished: their replies are consumed by whichever replica owns the partition,
 * and a step whose command or reply was lost times out here.
 */
@ApplicationScoped
public class SagaTimeouts {

    private static final Logger LOG = Logger.getLogger(SagaTimeouts.class);

    private final Sagas sagas;
    private final CheckoutConfig config;

    public SagaTimeouts(Sagas sagas, CheckoutConfig config) {
        this.sagas = sagas;
        this.config = config;
    }

    void start(@Observes StartupEvent start) {
        if (!config.timeoutsFitTheReservation()) {
            // warned, not refused: a reservation that expires first fails only the slowest sagas (RESERVATION_LOST at
            // the commit, compensated: the authorization is voided), but those buyers lose a checkout they completed
            LOG.warnf(
                    "the saga's step timeouts add up to %s (the buyer-action window included), not less than the "
                            + "stock reservation's %s: a saga that uses its whole time loses its stock at the commit. Lengthen "
                            + "bazaar.checkout.reservation-ttl or shorten bazaar.checkout.timeouts.* (ADR 0015).",
                    config.timeouts().total(), config.reservationTtl());
        }
    }

    /** Every {@code bazaar.checkout.sweep-interval} (1 s); a sweep still working when the next is due is skipped. */
    @Scheduled(
            identity = "saga-timeouts",
            every = "${bazaar.checkout.sweep-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return LeaderJob.everyReplica("saga timeout sweep", sagas::sweepTimeouts, n -> {
            if (n > 0) {
                LOG.infof("timed out %d saga step(s)", n);
            }
        });
    }
}
