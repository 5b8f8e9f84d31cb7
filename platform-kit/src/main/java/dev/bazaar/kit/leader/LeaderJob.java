package dev.bazaar.kit.leader;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The one shape of a periodic job in Bazaar. The job is a Quarkus scheduled method that returns this class's tick:
 *
 * <pre>{@code
 * @Scheduled(identity = "payout-run", every = "${bazaar.payments.payout-run-interval:1h}",
 *         concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
 * Uni<Void> run() {
 *     return job.tick(() -> payouts.run(clock.instant()), r -> LOG.infof("payout run: %s", r));
 * }
 * }</pre>
 *
 * Every replica's scheduler fires; only the holder of the job's {@link LeaderLease} works ({@link #tick}), or every
 * replica does when the work is safe to run concurrently ({@link #everyReplica}). A tick still running when the next
 * one is due is skipped ({@code SKIP}), a failure is logged with its stack trace and never stops the schedule, and the
 * interval is a property whose value {@code off} means "only on demand" (tests drive such jobs themselves).
 */
public final class LeaderJob {

    private static final Logger LOG = Logger.getLogger(LeaderJob.class);

    private final LeaderLease lease;
    private final AtomicBoolean stopped = new AtomicBoolean();

    /** A job led by the lease {@code name} (one name per job, e.g. "payment-service:payout-run"). */
    public LeaderJob(Pool pool, String name) {
        this.lease = new LeaderLease(pool, name);
    }

    public String name() {
        return lease.name();
    }

    /**
     * Runs {@code work} if this replica holds (or takes) the lease, then {@code report}s its result; never fails. After
     * {@link #release()} a tick does nothing: a stopping replica neither takes the lease back (delaying the next leader
     * until its process exits) nor asks a pool that is closing for a connection.
     */
    public <T> Uni<Void> tick(Supplier<Uni<T>> work, Consumer<? super T> report) {
        return Uni.createFrom()
                .deferred(() -> stopped.get() ? Uni.createFrom().item(Optional.<T>empty()) : lease.runIfLeader(work))
                .call(result ->
                        stopped.get() ? lease.release() : Uni.createFrom().voidItem())
                .invoke(result -> result.ifPresent(report))
                .onFailure()
                .invoke(e -> LOG.warnf(e, "%s failed; the next tick tries again", lease.name()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    /** A tick for work every replica does (it is idempotent or per replica); never fails. */
    public static <T> Uni<Void> everyReplica(String name, Supplier<Uni<T>> work, Consumer<? super T> report) {
        return Uni.createFrom()
                .deferred(work::get)
                .invoke(report)
                .onFailure()
                .invoke(e -> LOG.warnf(e, "%s failed; the next tick tries again", name))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    /** Gives the lease up for good, so another replica leads at its next tick; call on shutdown. */
    public void release() {
        stopped.set(true);
        lease.release().await().atMost(Duration.ofSeconds(5));
    }
}
