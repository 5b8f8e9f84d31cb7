package dev.bazaar.kit.leader;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Leadership among a service's replicas: a PostgreSQL session advisory lock held on a dedicated connection. The lock
 * lives exactly as long as that connection, so a replica that dies or loses its connection loses leadership and
 * another one takes it at its next {@link #tryAcquire()}. One lease per job name (e.g. "outbox-relay",
 * "reservation-expiry").
 */
public final class LeaderLease {

    private static final Logger LOG = Logger.getLogger(LeaderLease.class);

    private final Pool pool;
    private final String name;
    private final AtomicReference<SqlConnection> held = new AtomicReference<>();

    public LeaderLease(Pool pool, String name) {
        this.pool = pool;
        this.name = name;
    }

    public String name() {
        return name;
    }

    public boolean isHeld() {
        return held.get() != null;
    }

    /** The connection that holds the lock (present only while leader); queries on it fail once leadership is lost. */
    public SqlConnection connection() {
        return held.get();
    }

    /** Becomes leader if nobody is; true when this replica holds the lease afterwards. */
    public Uni<Boolean> tryAcquire() {
        if (isHeld()) {
            return verify();
        }
        return pool.getConnection()
                .flatMap(conn -> conn.preparedQuery("SELECT pg_try_advisory_lock(hashtext($1)) AS acquired")
                        .execute(Tuple.of(name))
                        .map(rows -> rows.iterator().next().getBoolean("acquired"))
                        .flatMap(acquired -> {
                            if (!acquired) {
                                return conn.close().replaceWith(false);
                            }
                            conn.closeHandler(() -> lost(conn, "connection closed"));
                            conn.exceptionHandler(e -> lost(conn, e.getMessage()));
                            held.set(conn);
                            LOG.infof("leader for %s", name);
                            return Uni.createFrom().item(true);
                        })
                        .onFailure()
                        .call(e -> conn.close().onFailure().recoverWithNull()))
                .onFailure()
                .recoverWithItem(e -> {
                    LOG.debugf("could not try %s leadership: %s", name, e.getMessage());
                    return false;
                });
    }

    /** Checks the held connection still answers; if not, leadership is given up. */
    private Uni<Boolean> verify() {
        SqlConnection conn = held.get();
        if (conn == null) {
            return Uni.createFrom().item(false);
        }
        return conn.query("SELECT 1").execute().replaceWith(true).onFailure().recoverWithItem(e -> {
            lost(conn, e.getMessage());
            return false;
        });
    }

    /**
     * For schedulers: runs the job only on the leader (every replica calls this on its timer; one runs the job).
     * Empty when this replica is not the leader.
     */
    public <T> Uni<java.util.Optional<T>> runIfLeader(java.util.function.Supplier<Uni<T>> job) {
        return tryAcquire()
                .flatMap(leader -> leader
                        ? job.get().map(java.util.Optional::ofNullable)
                        : Uni.createFrom().item(java.util.Optional.<T>empty()));
    }

    /**
     * Gives leadership up: unlocks, then hands the connection back. Closing a pooled connection does not end its
     * database session, so without the unlock the lock would stay with the pool's idle connection until the process
     * exits, and no other replica could lead meanwhile. If the unlock cannot run (the connection is already broken),
     * the session is gone and the lock with it.
     */
    public Uni<Void> release() {
        SqlConnection conn = held.getAndSet(null);
        if (conn == null) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("SELECT pg_advisory_unlock(hashtext($1))")
                .execute(Tuple.of(name))
                .onFailure()
                .recoverWithNull()
                .call(x -> conn.close().onFailure().recoverWithNull())
                .replaceWithVoid();
    }

    private void lost(SqlConnection conn, String why) {
        if (held.compareAndSet(conn, null)) {
            LOG.warnf("lost leadership for %s: %s", name, why);
            conn.close().subscribe().with(ok -> {}, e -> {});
        }
    }
}
