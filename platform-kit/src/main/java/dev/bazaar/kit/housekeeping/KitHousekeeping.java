package dev.bazaar.kit.housekeeping;

import dev.bazaar.kit.leader.LeaderLease;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Purges what the kit's tables no longer need, on the leader every {@code bazaar.kit.housekeeping-interval} (1 h; 0 =
 * never): Idempotency-Keys past their expiry, and processed-message records older than
 * {@code bazaar.kit.processed-message-retention} (30 days — longer than Kafka keeps a record, 7 days here, so a
 * redelivery is always recognised). In batches of 5,000 rows, so a large backlog never holds a long transaction.
 */
@ApplicationScoped
@IfBuildProperty(name = "bazaar.kit.postgres.enabled", stringValue = "true")
public class KitHousekeeping {

    private static final Logger LOG = Logger.getLogger(KitHousekeeping.class);
    static final int BATCH = 5_000;

    /** What one run removed. */
    public record Purged(long idempotencyKeys, long processedMessages) {
    }

    private final Vertx vertx;
    private final Pool pool;
    private final LeaderLease lease;
    private final Duration interval;
    private final Duration retention;
    private long timer = -1;

    public KitHousekeeping(Vertx vertx, Pool pool,
            @ConfigProperty(name = "quarkus.application.name") String service,
            @ConfigProperty(name = "bazaar.kit.housekeeping-interval", defaultValue = "1h") Duration interval,
            @ConfigProperty(name = "bazaar.kit.processed-message-retention", defaultValue = "30d") Duration retention) {
        this.vertx = vertx;
        this.pool = pool;
        this.lease = new LeaderLease(pool, service + ":kit-housekeeping");
        this.interval = interval;
        this.retention = retention;
    }

    void start(@Observes StartupEvent start) {
        if (interval.isZero()) {
            return;
        }
        timer = vertx.setPeriodic(interval.toMillis(), id -> lease.runIfLeader(this::purge).subscribe().with(
                r -> r.filter(p -> p.idempotencyKeys() + p.processedMessages() > 0).ifPresent(p -> LOG.infof(
                        "purged %d expired Idempotency-Key(s) and %d processed-message record(s)", p.idempotencyKeys(),
                        p.processedMessages())),
                e -> LOG.warnf("kit housekeeping failed: %s", e.getMessage())));
    }

    void stop(@Observes ShutdownEvent stop) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        lease.release().await().atMost(Duration.ofSeconds(5));
    }

    /** One run, now. */
    public Uni<Purged> purge() {
        return drain("DELETE FROM kit_idempotency_key WHERE ctid IN (SELECT ctid FROM kit_idempotency_key "
                + "WHERE expires_at < now() LIMIT " + BATCH + ")", Tuple.tuple(), 0)
                .flatMap(keys -> drain("DELETE FROM kit_processed_message WHERE ctid IN (SELECT ctid FROM "
                        + "kit_processed_message WHERE processed_at < now() - make_interval(secs => $1) LIMIT "
                        + BATCH + ")", Tuple.of((double) retention.toSeconds()), 0)
                        .map(messages -> new Purged(keys, messages)));
    }

    private Uni<Long> drain(String sql, Tuple args, long done) {
        return pool.preparedQuery(sql).execute(args).flatMap(rows -> rows.rowCount() < BATCH
                ? Uni.createFrom().item(done + rows.rowCount())
                : drain(sql, args, done + rows.rowCount()));
    }
}
