package dev.bazaar.notification.service;

import dev.bazaar.notification.persistence.InboxNotifications;
import dev.bazaar.notification.persistence.InboxStore;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Live unread counts for the portal's badge, across replicas without polling: the streams of one inbox (the same
 * recipients) on this replica share a feed, which the database's notifications ({@link InboxNotifications}) wake when
 * an item of those recipients is added or read, on any replica. A woken feed counts once and sends the count to all
 * its streams; a stream that joins wakes its feed, so it gets the count at once. The last stream to leave ends the
 * feed and its registration.
 */
@ApplicationScoped
public class InboxStreams {

    private static final Logger LOG = Logger.getLogger(InboxStreams.class);

    private final InboxStore store;
    private final InboxNotifications notifications;
    private final Map<List<String>, Feed> feeds = new ConcurrentHashMap<>();

    public InboxStreams(InboxStore store, InboxNotifications notifications) {
        this.store = store;
        this.notifications = notifications;
    }

    /**
     * The unread count of {@code recipients}' items now and after every change (only when it changed), until the
     * subscriber cancels. A slow reader gets the latest count, not every one in between.
     */
    public Multi<Long> unread(List<String> recipients) {
        List<String> key = List.copyOf(recipients);
        return Multi.createFrom()
                .<Long>emitter(
                        em -> {
                            Feed feed = join(key, em);
                            em.onTermination(() -> leave(key, em));
                            feed.look();
                        },
                        BackPressureStrategy.LATEST)
                .skip()
                .repetitions();
    }

    /** How many inboxes have streams on this replica (for tests). */
    public int feeds() {
        return feeds.size();
    }

    private Feed join(List<String> key, MultiEmitter<? super Long> em) {
        return feeds.compute(key, (k, feed) -> {
            Feed f = feed == null ? new Feed(k) : feed;
            f.streams.add(em);
            return f;
        });
    }

    private void leave(List<String> key, MultiEmitter<? super Long> em) {
        feeds.computeIfPresent(key, (k, feed) -> {
            feed.streams.remove(em);
            if (feed.streams.isEmpty()) {
                feed.unregister.forEach(Runnable::run);
                return null;
            }
            return feed;
        });
    }

    /** The streams of one inbox: at most one count in flight; a wake-up during a count asks for one more after it. */
    private final class Feed {
        private final List<String> recipients;
        private final Set<MultiEmitter<? super Long>> streams = new CopyOnWriteArraySet<>();
        private final List<Runnable> unregister = new ArrayList<>();
        private final AtomicBoolean counting = new AtomicBoolean();
        private final AtomicBoolean again = new AtomicBoolean();

        Feed(List<String> recipients) {
            this.recipients = recipients;
            for (String r : recipients) {
                unregister.add(notifications.onChange(r, this::look));
            }
        }

        void look() {
            if (!counting.compareAndSet(false, true)) {
                again.set(true);
                return;
            }
            again.set(false);
            store.unread(recipients)
                    .subscribe()
                    .with(
                            n -> {
                                streams.forEach(s -> s.emit(n));
                                done();
                            },
                            e -> {
                                // the streams end; the portal's EventSource connects again and gets a fresh count
                                LOG.warnf(
                                        e,
                                        "unread count of %s failed; its %d stream(s) end",
                                        recipients,
                                        streams.size());
                                streams.forEach(s -> s.fail(e));
                                done();
                            });
        }

        private void done() {
            counting.set(false);
            if (again.get()) {
                look();
            }
        }
    }
}
