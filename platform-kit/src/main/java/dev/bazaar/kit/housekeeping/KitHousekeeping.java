package dev.bazaar.kit.housekeeping;

import dev.bazaar.kit.config.KitSettings;
import dev.bazaar.kit.leader.LeaderJob;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Purges what the kit's tables no longer need, on the leader every {@code bazaar.kit.housekeeping-interval} (1 h;
 * {@code off} = never): Idempotency-Keys past their expiry, and processed-message records older than
 * {@code bazaar.kit.processed-message-retention} (30 days — longer than Kafka keeps a record, 7 days here, so a
 * redelivery is always recognised). In batches of 5,000 rows, so a large backlog never holds a long transaction.
 */
@ApplicationScoped
@IfBuildProperty(name = "bazaar.kit.postgres.enabled", stringValue = "true")
public class KitHousekeeping {

    private static final Logger LOG = Logger.getLogger(KitHousekeeping.class);
    static final int BATCH = 5_000;

    /** What one run removed. */
    public record Purged(long idempotencyKeys, long processedMessages) {}

    private final Pool pool;
    private final LeaderJob job;
    private final Duration retention;

    public KitHousekeeping(
            Pool pool, @ConfigProperty(name = "quarkus.application.name") String service, KitSettings.Kit kit) {
        this.pool = pool;
        this.job = new LeaderJob(pool, service + ":kit-housekeeping");
        this.retention = kit.processedMessageRetention();
    }

    @Scheduled(
            identity = "kit-housekeeping",
            every = "${bazaar.kit.housekeeping-interval:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return job.tick(this::purge, p -> {
            if (p.idempotencyKeys() + p.processedMessages() > 0) {
                LOG.infof(
                        "purged %d expired Idempotency-Key(s) and %d processed-message record(s)",
                        p.idempotencyKeys(), p.processedMessages());
            }
        });
    }

    void stop(@Observes ShutdownEvent stop) {
        job.release();
    }

    /** One run, now. */
    public Uni<Purged> purge() {
        return drain(
                        "DELETE FROM kit_idempotency_key WHERE ctid IN (SELECT ctid FROM kit_idempotency_key "
                                + "WHERE expires_at < now() LIMIT " + BATCH + ")",
                        Tuple.tuple(),
                        0)
                .flatMap(keys -> drain(
                                "DELETE FROM kit_processed_message WHERE ctid IN (SELECT ctid FROM "
                                        + "kit_processed_message WHERE processed_at < now() - make_interval(secs => $1) LIMIT "
                                        + BATCH + ")",
                                Tuple.of((double) retention.toSeconds()),
                                0)
                        .map(messages -> new Purged(keys, messages)));
    }

    private Uni<Long> drain(String sql, Tuple args, long done) {
        return pool.preparedQuery(sql)
                .execute(args)
                .flatMap(rows -> rows.rowCount() < BATCH
                        ? Uni.createFrom().item(done + rows.rowCount())
                        : drain(sql, args, done + rows.rowCount()));
    }
}
