package dev.bazaar.catalog.service;

import dev.bazaar.kit.leader.LeaderJob;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Releases expired reservations every {@code bazaar.catalog.reservation-sweep-interval} (5 s); every replica ticks,
 * only the leader sweeps.
 */
@ApplicationScoped
public class ReservationExpiry {

    private static final Logger LOG = Logger.getLogger(ReservationExpiry.class);

    private final InventoryReservations reservations;
    private final LeaderJob job;

    public ReservationExpiry(Pool pool, InventoryReservations reservations) {
        this.reservations = reservations;
        this.job = new LeaderJob(pool, "catalog-service:reservation-expiry");
    }

    @Scheduled(
            identity = "reservation-expiry",
            every = "${bazaar.catalog.reservation-sweep-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return job.tick(() -> reservations.releaseExpired(200), n -> {
            if (n > 0) {
                LOG.infof("released %d expired reservation(s)", n);
            }
        });
    }

    void stop(@Observes ShutdownEvent stop) {
        job.release();
    }
}
