package dev.bazaar.checkout.service;

import dev.bazaar.checkout.persistence.SagaRecord;
import dev.bazaar.checkout.persistence.SagaStore;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Waiting on a saga through the database, never through one pod's memory: the saga may be moved by any replica. A
 * waiter polls the row's version (a primary-key read) — 25 ms after a change, backing off to 200 ms while nothing
 * moves — and reads the whole saga only when it moved.
 */
@ApplicationScoped
public class SagaWatch {

    /** The first re-read comes quickly (most sagas end within a few hundred ms); later ones back off to 200 ms. */
    static final Duration POLL = Duration.ofMillis(25);
    static final Duration MAX_POLL = Duration.ofMillis(200);
    static final Duration STREAM_POLL = Duration.ofMillis(100);

    private final SagaStore store;

    public SagaWatch(SagaStore store) {
        this.store = store;
    }

    /** The saga once it is COMPLETED or FAILED, or as it is when {@code max} has passed. */
    public Uni<SagaRecord> awaitTerminal(SagaRecord current, Duration max) {
        return poll(current, Instant.now().plus(max), POLL);
    }

    private Uni<SagaRecord> poll(SagaRecord s, Instant until, Duration delay) {
        if (s.status().isTerminal() || !Instant.now().isBefore(until)) {
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
     * Every state the saga takes from {@code current} on (starting with it), until it is terminal or {@code max} has
     * passed. States the poll did not see are skipped: the stream shows where the saga is, not every step it took.
     */
    public Multi<SagaRecord> changes(SagaRecord current, Duration max) {
        Instant until = Instant.now().plus(max);
        return Multi.createFrom().emitter(em -> {
            em.emit(current);
            follow(em, current, until);
        });
    }

    private void follow(MultiEmitter<? super SagaRecord> em, SagaRecord last, Instant until) {
        if (em.isCancelled()) {
            return;
        }
        if (last.status().isTerminal() || !Instant.now().isBefore(until)) {
            em.complete();
            return;
        }
        Uni.createFrom().voidItem().onItem().delayIt().by(STREAM_POLL)
                .flatMap(x -> store.version(last.id()))
                .flatMap(v -> v.isPresent() && v.get() != last.version()
                        ? store.load(last.id()).map(Optional::orElseThrow)
                        : Uni.createFrom().item(last))
                .subscribe().with(next -> {
                    if (next.version() != last.version() && next.status() != last.status()) {
                        em.emit(next);
                    }
                    follow(em, next, until);
                }, em::fail);
    }
}
