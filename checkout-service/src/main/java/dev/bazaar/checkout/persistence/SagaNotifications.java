package dev.bazaar.checkout.persistence;

import dev.bazaar.kit.pg.ListenConnections;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import org.jboss.logging.Logger;

/**
 * One LISTEN connection per replica on channel {@code checkout_status} (the trigger of V4 notifies a saga's id when
 * its status changes, at commit). Streams register for the saga they follow and are woken only by it, so an open
 * stream costs nothing while its saga does not move. The connection reconnects by itself; streams also look again
 * every few seconds, so a notification missed during a reconnect only delays an update.
 */
@ApplicationScoped
public class SagaNotifications {

    private static final Logger LOG = Logger.getLogger(SagaNotifications.class);
    static final String CHANNEL = "checkout_status";

    private final Map<UUID, Set<Runnable>> listeners = new ConcurrentHashMap<>();
    private final PgSubscriber subscriber;

    public SagaNotifications(ListenConnections connections) {
        this.subscriber = connections.subscriber();
        subscriber.channel(CHANNEL).handler(this::notified);
    }

    void start(@Observes StartupEvent start) {
        subscriber
                .connect()
                .onFailure()
                .invoke(e -> LOG.warnf(e, "cannot LISTEN on %s yet; retrying", CHANNEL))
                .onFailure()
                .retry()
                .withBackOff(java.time.Duration.ofMillis(200), java.time.Duration.ofSeconds(5))
                .indefinitely()
                .subscribe()
                .with(x -> LOG.debugf("listening on %s", CHANNEL), e -> LOG.errorf(e, "LISTEN failed"));
    }

    void stop(@Observes ShutdownEvent stop) {
        subscriber.closeAndForget();
    }

    /** Calls {@code wake} whenever saga {@code id}'s status changes, until the answer is run. */
    public Runnable onChange(UUID id, Runnable wake) {
        listeners.computeIfAbsent(id, k -> new CopyOnWriteArraySet<>()).add(wake);
        return () -> listeners.computeIfPresent(id, (k, set) -> {
            set.remove(wake);
            return set.isEmpty() ? null : set;
        });
    }

    /** How many streams wait on this replica (for tests and the gauge). */
    public int waiting() {
        return listeners.values().stream().mapToInt(Set::size).sum();
    }

    private void notified(String payload) {
        UUID id;
        try {
            id = UUID.fromString(payload);
        } catch (IllegalArgumentException e) {
            return;
        }
        Set<Runnable> wakes = listeners.get(id);
        if (wakes != null) {
            wakes.forEach(Runnable::run);
        }
    }
}
