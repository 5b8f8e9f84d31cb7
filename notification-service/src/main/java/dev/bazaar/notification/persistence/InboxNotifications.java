package dev.bazaar.notification.persistence;

import dev.bazaar.kit.pg.ListenConnections;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import org.jboss.logging.Logger;

/**
 * One LISTEN connection per replica on channel {@value #CHANNEL} (V3's trigger notifies an inbox item's recipient at
 * commit when an item is added or read, on whichever replica). Streams register for the recipient they show, and are
 * woken only by it: an open stream costs nothing while its inbox does not change. The connection reconnects by
 * itself; every (re)subscription wakes all registered streams, so a change missed while it was down is caught up.
 */
@ApplicationScoped
public class InboxNotifications {

    private static final Logger LOG = Logger.getLogger(InboxNotifications.class);
    static final String CHANNEL = "bazaar_inbox";

    private final Map<String, Set<Runnable>> listeners = new ConcurrentHashMap<>();
    private final PgSubscriber subscriber;

    public InboxNotifications(ListenConnections connections) {
        this.subscriber = connections.subscriber();
        subscriber.channel(CHANNEL).handler(this::notified).subscribeHandler(this::everyone);
    }

    void start(@Observes StartupEvent start) {
        subscriber
                .connect()
                .onFailure()
                .invoke(e -> LOG.warnf(e, "cannot LISTEN on %s yet; retrying", CHANNEL))
                .onFailure()
                .retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5))
                .indefinitely()
                .subscribe()
                .with(x -> LOG.debugf("listening on %s", CHANNEL), e -> LOG.errorf(e, "LISTEN failed"));
    }

    void stop(@Observes ShutdownEvent stop) {
        subscriber.closeAndForget();
    }

    /** Calls {@code wake} whenever {@code recipient}'s inbox changes, until the answer is run. */
    public Runnable onChange(String recipient, Runnable wake) {
        listeners.computeIfAbsent(recipient, k -> new CopyOnWriteArraySet<>()).add(wake);
        return () -> listeners.computeIfPresent(recipient, (k, set) -> {
            set.remove(wake);
            return set.isEmpty() ? null : set;
        });
    }

    /** How many recipients have streams waiting on this replica (for tests). */
    public int recipients() {
        return listeners.size();
    }

    private void notified(String recipient) {
        Set<Runnable> wakes = listeners.get(recipient);
        if (wakes != null) {
            wakes.forEach(Runnable::run);
        }
    }

    private void everyone() {
        listeners.values().forEach(set -> set.forEach(Runnable::run));
    }
}
