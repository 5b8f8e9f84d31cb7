package dev.bazaar.kit.consumer;

import io.smallrye.mutiny.Uni;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Which failures pass by themselves, and the one way consumers wait them out. A message whose handling fails for a
 * transient reason — the database away (a failover, a restart, connections killed, too many clients), a timeout, a
 * serialization or deadlock abort, a {@link TransientFailure} — is handled again with backoff, in place, for as long
 * as it takes: nothing is dead-lettered, nothing reordered. Anything else (an unreadable or invalid message, a bug) fails
 * at once and the channel's failure strategy sends it to the DLQ, from which an admin replays it once fixed
 * ({@link DeadLetters}). Handlers are idempotent, so handling a message again is safe.
 */
public final class Transients {

    private static final Logger LOG = Logger.getLogger(Transients.class);

    /** SQLSTATE classes and codes that a retry can outlive. */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "53", "57", "58");

    private static final Set<String> TRANSIENT_CODES = Set.of("40001", "40P01", "55P03", "25006");

    static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private Transients() {}

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof Inbound.UnreadableMessage) {
                return false;
            }
            if (t instanceof TransientFailure
                    || t instanceof TimeoutException
                    || t instanceof IOException
                    || t instanceof io.smallrye.mutiny.TimeoutException) {
                return true;
            }
            String state = sqlState(t);
            if (state != null) {
                return TRANSIENT_CODES.contains(state) || TRANSIENT_CLASSES.contains(state.substring(0, 2));
            }
            String type = t.getClass().getName();
            String message = String.valueOf(t.getMessage());
            // the reactive SQL client's own words when the server or the pool goes away
            if (type.endsWith("ClosedConnectionException")
                    || type.endsWith("ConnectTimeoutException")
                    || (type.startsWith("com.mongodb.Mongo")
                            && (type.contains("Socket")
                                    || type.contains("Timeout")
                                    || type.contains("NotPrimary")
                                    || type.contains("NodeIsRecovering")))
                    || type.contains("Timeout")
                    || message.contains("Connection is closed")
                    || message.contains("Connection refused")
                    || message.contains("connection was closed")
                    || (message.contains("Timeout") && message.contains("connection"))) {
                return true;
            }
        }
        return false;
    }

    /** PostgreSQL's SQLSTATE of a reactive-client error (read by name: not every service has that client). */
    private static String sqlState(Throwable t) {
        if (!t.getClass().getName().equals("io.vertx.pgclient.PgException")) {
            return null;
        }
        try {
            Object state = t.getClass().getMethod("getSqlState").invoke(t);
            return state instanceof String s && s.length() >= 2 ? s : null;
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    /**
     * Handles a message, again and again while it fails transiently (backoff from 100 ms doubling to 10 s, logged
     * with the attempt count); any other failure ends it.
     */
    public static <T> Uni<T> retried(String what, Supplier<Uni<T>> handling) {
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        return Uni.createFrom()
                .<T>deferred(handling::get)
                .onFailure(Transients::isTransient)
                .invoke(e -> {
                    int n = attempts.incrementAndGet();
                    if (n == 1 || n % 10 == 0) {
                        LOG.warnf(e, "%s failed transiently (attempt %d); trying again", what, n);
                    }
                })
                .onFailure(Transients::isTransient)
                .retry()
                .withBackOff(FIRST_BACKOFF, MAX_BACKOFF)
                .indefinitely();
    }
}
