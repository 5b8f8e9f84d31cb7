package dev.bazaar.catalog.service;

import dev.bazaar.kit.leader.LeaderLease;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;

/** Releases expired reservations; every replica ticks, only the leader sweeps. */
@ApplicationScoped
public class ReservationExpiry {

    private static final Logger LOG = Logger.getLogger(ReservationExpiry.class);

    private final Vertx vertx;
    private final InventoryReservations reservations;
    private final LeaderLease lease;
    private final Duration interval;
    private long timer = -1;

    public ReservationExpiry(Vertx vertx, Pool pool, InventoryReservations reservations,
            @ConfigProperty(name = "bazaar.catalog.reservation-sweep-interval", defaultValue = "5s") Duration interval) {
        this.vertx = vertx;
        this.reservations = reservations;
        this.lease = new LeaderLease(pool, "catalog-service:reservation-expiry");
        this.interval = interval;
    }

    void start(@Observes StartupEvent start) {
        timer = vertx.setPeriodic(interval.toMillis(), id -> sweep());
    }

    void stop(@Observes ShutdownEvent stop) {
        vertx.cancelTimer(timer);
        lease.release().await().atMost(Duration.ofSeconds(5));
    }

    void sweep() {
        lease.runIfLeader(() -> reservations.releaseExpired(200)).subscribe().with(
                released -> released.filter(n -> n > 0).ifPresent(n -> LOG.infof("released %d expired reservation(s)", n)),
                e -> LOG.warnf("reservation expiry sweep failed: %s", e.getMessage()));
    }
}
