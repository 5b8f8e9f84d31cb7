package dev.bazaar.checkout.service;

import dev.bazaar.checkout.persistence.SagaNotifications;
import dev.bazaar.checkout.persistence.SagaRecord;
import dev.bazaar.checkout.persistence.SagaStore;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Waiting on a saga through the database, never through one pod's memory: the saga may be moved by any replica. A
 * confirm waiting a few seconds for the end polls the row's version (a primary-key read) — 25 ms after a change,
 * backing off to 200 ms while nothing moves — and reads the whole saga only when it moved; status streams, which may
 * stay open for minutes, wait for the database's notifications instead.
 */
@ApplicationScoped
public class SagaWatch {

    /** The first re-read comes quickly (most sagas end within a few hundred ms); later ones back off to 200 ms. */
    static final Duration POLL = Duration.ofMillis(25);
    static final Duration MAX_POLL = Duration.ofMillis(200);
    /** A stream looks at its saga this often even without a notification. */
    static final Duration STREAM_SAFETY_LOOK = Duration.ofSeconds(5);

    private final SagaStore store;
    private final SagaNotifications notifications;
    private final Vertx vertx;

    public SagaWatch(SagaStore store, SagaNotifications notifications, Vertx vertx) {
        this.store = store;
        this.notifications = notifications;
        this.vertx = vertx;
    }

    /**
     * The saga once it is COMPLETED or FAILED or waits on its buyer (AWAITING_BUYER_ACTION: the buyer's app needs the
     * client secret now, and nothing will move until the buyer acts), or as it is when {@code max} has passed.
     */
    public Uni<SagaRecord> awaitAnswer(SagaRecord current, Duration max) {
        return poll(current, Instant.now().plus(max), POLL);
    }

    private Uni<SagaRecord> poll(SagaRecord s, Instant until, Duration delay) {
        if (s.status().isTerminal() || s.status().waitsOnBuyer() || !Instant.now().isBefore(until)) {
            return Uni.createFrom().item(s);
        }
        Duration next = delay.multipliedBy(2).compareTo(MAX_POLL) > 0 ? MAX_POLL : delay.multipliedBy(2);
        return Uni.createFrom().voidItem().onItem().delayIt().by(delay)
                .flatMap(x -> store.version(s.id()))
                .flatMap(v -> v.isPresent() && v.get() != s.version()
                        ? store.load(s.id()).map(Optional::orElseThrow)
                        : Uni.createFrom().item(s))
                .flatMap(moved -> poll(moved, until, moved.version() != s.version() ? POLL : next));
    }

    /**
     * Every status the saga takes from {@code current} on (starting with it), until it is terminal or {@code max} has
     * passed. Driven by the database's notifications ({@link SagaNotifications}): an idle stream does not query at
     * all, apart from a look every {@link #STREAM_SAFETY_LOOK} in case a notification was missed while the listening
     * connection reconnected. Statuses passed between two looks are skipped: the stream shows where the saga is.
     */
    public Multi<SagaRecord> changes(SagaRecord current, Duration max) {
        Instant until = Instant.now().plus(max);
        return Multi.createFrom().emitter(em -> {
            em.emit(current);
            if (current.status().isTerminal()) {
                em.complete();
                return;
            }
            new Follower(em, current, until).start();
        });
    }

    /** One stream: at most one read in flight; a wake-up during a read asks for one more read after it. */
    private final class Follower {
        private final MultiEmitter<? super SagaRecord> em;
        private final Instant until;
        private final AtomicReference<SagaRecord> last;
        private final AtomicBoolean reading = new AtomicBoolean();
        private final AtomicBoolean again = new AtomicBoolean();
        private final AtomicBoolean done = new AtomicBoolean();

        Follower(MultiEmitter<? super SagaRecord> em, SagaRecord current, Instant until) {
            this.em = em;
            this.until = until;
            this.last = new AtomicReference<>(current);
        }

        void start() {
            Runnable unregister = notifications.onChange(last.get().id(), this::look);
            long timer = vertx.setPeriodic(STREAM_SAFETY_LOOK.toMillis(), t -> look());
            em.onTermination(() -> {
                done.set(true);
                unregister.run();
                vertx.cancelTimer(timer);
            });
            look(); // it may have moved between the first read and registering
        }

        void look() {
            if (done.get() || em.isCancelled()) {
                return;
            }
            if (!Instant.now().isBefore(until)) {
                em.complete();
                return;
            }
            if (!reading.compareAndSet(false, true)) {
                again.set(true);
                return;
            }
            SagaRecord seen = last.get();
            store.load(seen.id()).subscribe().with(found -> {
                SagaRecord next = found.orElse(seen);
                last.set(next);
                reading.set(false);
                if (next.status() != seen.status()) {
                    em.emit(next);
                }
                if (next.status().isTerminal()) {
                    em.complete();
                } else if (again.getAndSet(false)) {
                    look();
                }
            }, e -> {
                reading.set(false);
                em.fail(e);
            });
        }
    }
}
