package dev.bazaar.kit.leader;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One run of a job at a time across every replica and every trigger (a timer on the leader, an admin's "run now"): a
 * PostgreSQL session advisory lock taken on a dedicated connection for the length of the run. A replica that dies
 * mid-run loses its connection and with it the lock, so the next run can start. Unlike {@link LeaderLease} (held for
 * as long as a replica leads), this lock is held only while the job runs.
 */
public final class JobLock {

    private final Pool pool;
    private final String name;

    public JobLock(Pool pool, String name) {
        this.pool = pool;
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Runs the job if no other run holds the lock; empty (and nothing run) when one does. */
    public <T> Uni<Optional<T>> runExclusively(Supplier<Uni<T>> job) {
        return pool.getConnection()
                .flatMap(conn -> conn.preparedQuery("SELECT pg_try_advisory_lock(hashtext($1)) AS acquired")
                        .execute(Tuple.of(name))
                        .map(rows -> rows.iterator().next().getBoolean("acquired"))
                        .flatMap(acquired -> acquired
                                ? Uni.createFrom()
                                        .<T>deferred(job::get)
                                        .map(Optional::ofNullable)
                                        .onTermination()
                                        .call(() -> unlock(conn))
                                : Uni.createFrom().item(Optional.<T>empty()))
                        .onTermination()
                        .call(() -> conn.close().onFailure().recoverWithNull()));
    }

    private Uni<Void> unlock(SqlConnection conn) {
        return conn.preparedQuery("SELECT pg_advisory_unlock(hashtext($1))")
                .execute(Tuple.of(name))
                .replaceWithVoid()
                .onFailure()
                .recoverWithNull();
    }
}
