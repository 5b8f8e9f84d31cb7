package dev.bazaar.checkout.service;

import dev.bazaar.checkout.config.CheckoutConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Every replica sweeps for saga steps past their deadline and compensates them. No leader is needed: each timeout is
 * a compare-and-set transition, so two replicas sweeping the same saga move it once. This is also how sagas left
 * running by a replica that died get finished: their replies are consumed by whichever replica owns the partition,
 * and a step whose command or reply was lost times out here.
 */
@ApplicationScoped
public class SagaTimeouts {

    private static final Logger LOG = Logger.getLogger(SagaTimeouts.class);

    private final Vertx vertx;
    private final Sagas sagas;
    private final CheckoutConfig config;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    public SagaTimeouts(Vertx vertx, Sagas sagas, CheckoutConfig config) {
        this.vertx = vertx;
        this.sagas = sagas;
        this.config = config;
    }

    void start(@Observes StartupEvent start) {
        if (!config.timeoutsFitTheReservation()) {
            // warned, not refused: a reservation that expires first fails only the slowest sagas (RESERVATION_LOST at
            // the commit, compensated: the authorization is voided), but those buyers lose a checkout they completed
            LOG.warnf("the saga's step timeouts add up to %s (the buyer-action window included), not less than the "
                    + "stock reservation's %s: a saga that uses its whole time loses its stock at the commit. Lengthen "
                    + "bazaar.checkout.reservation-ttl or shorten bazaar.checkout.timeouts.* (ADR 0015).",
                    config.timeouts().total(), config.reservationTtl());
        }
        if (config.sweepInterval().isZero()) {
            return;
        }
        timer = vertx.setPeriodic(config.sweepInterval().toMillis(), id -> {
            if (!running.compareAndSet(false, true)) {
                return; // the previous sweep is still working
            }
            sagas.sweepTimeouts().eventually(() -> running.set(false)).subscribe().with(
                    n -> {
                        if (n > 0) {
                            LOG.infof("timed out %d saga step(s)", n);
                        }
                    },
                    e -> LOG.warnf("saga timeout sweep failed: %s", e.getMessage()));
        });
    }

    void stop(@Observes ShutdownEvent stop) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
