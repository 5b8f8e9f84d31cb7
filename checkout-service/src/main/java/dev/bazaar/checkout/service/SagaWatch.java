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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Waiting on a saga through the database, never through one pod's memory: the saga may be moved by any replica. Both a
 * confirm waiting a few seconds for the end and a status stream open for minutes wait for the database's notifications
 * ({@link SagaNotifications}: the saga's row notifies at commit whenever its status changes, on every replica) and read
 * the saga only then — no polling while it does not move — plus a safety look now and then in case a notification was
 * missed while the listening connection reconnected (every {@link #CONFIRM_SAFETY_LOOK} for a confirm, every
 * {@link #STREAM_SAFETY_LOOK} for a stream).
 */
@ApplicationScoped
public class SagaWatch {

    /** A confirm looks at its saga this often even without a notification. */
    static final Duration CONFIRM_SAFETY_LOOK = Duration.ofSeconds(1);
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
        if (answered(current)) {
            return Uni.createFrom().item(current);
        }
        AtomicReference<SagaRecord> last = new AtomicReference<>(current);
        return follow(current, Instant.now().plus(max), CONFIRM_SAFETY_LOOK)
                .invoke(last::set)
                .select()
                .where(SagaWatch::answered)
                .toUni()
                .ifNoItem()
                .after(max)
                .recoverWithItem(last::get)
                .map(found -> found == null ? last.get() : found);
    }

    private static boolean answered(SagaRecord s) {
        return s.status().isTerminal() || s.status().waitsOnBuyer();
    }

    /**
     * Every status the saga takes from {@code current} on (starting with it), until it is terminal or {@code max} has
     * passed. Driven by the database's notifications ({@link SagaNotifications}): an idle stream does not query at
     * all, apart from a look every {@link #STREAM_SAFETY_LOOK} in case a notification was missed while the listening
     * connection reconnected. Statuses passed between two looks are skipped: the stream shows where the saga is.
     */
    public Multi<SagaRecord> changes(SagaRecord current, Duration max) {
        return follow(current, Instant.now().plus(max), STREAM_SAFETY_LOOK);
    }

    private Multi<SagaRecord> follow(SagaRecord current, Instant until, Duration safetyLook) {
        return Multi.createFrom().emitter(em -> {
            em.emit(current);
            if (current.status().isTerminal()) {
                em.complete();
                return;
            }
            new Follower(em, current, until, safetyLook).start();
        });
    }

    /** One stream: at most one read in flight; a wake-up during a read asks for one more read after it. */
    private final class Follower {
        private final MultiEmitter<? super SagaRecord> em;
        private final Instant until;
        private final Duration safetyLook;
        private final AtomicReference<SagaRecord> last;
        private final AtomicBoolean reading = new AtomicBoolean();
        private final AtomicBoolean again = new AtomicBoolean();
        private final AtomicBoolean done = new AtomicBoolean();

        Follower(MultiEmitter<? super SagaRecord> em, SagaRecord current, Instant until, Duration safetyLook) {
            this.em = em;
            this.until = until;
            this.safetyLook = safetyLook;
            this.last = new AtomicReference<>(current);
        }

        void start() {
            Runnable unregister = notifications.onChange(last.get().id(), this::look);
            long timer = vertx.setPeriodic(safetyLook.toMillis(), t -> look());
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
            store.load(seen.id())
                    .subscribe()
                    .with(
                            found -> {
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
                            },
                            e -> {
                                reading.set(false);
                                em.fail(e);
                            });
        }
    }
}
