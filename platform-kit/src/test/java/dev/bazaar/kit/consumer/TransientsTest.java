package dev.bazaar.kit.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TransientsTest {

    static PgException pg(String sqlState) {
        return new PgException("x", "ERROR", sqlState, null);
    }

    static class ProviderDown extends RuntimeException implements TransientFailure {}

    @Test
    void theDatabaseGoingAwayAndTimeoutsPass() {
        assertThat(Transients.isTransient(pg("08006"))).as("connection failure").isTrue();
        assertThat(Transients.isTransient(pg("57P01")))
                .as("admin shutdown (a failover)")
                .isTrue();
        assertThat(Transients.isTransient(pg("53300")))
                .as("too many connections")
                .isTrue();
        assertThat(Transients.isTransient(pg("40001")))
                .as("serialization failure")
                .isTrue();
        assertThat(Transients.isTransient(pg("40P01"))).as("deadlock").isTrue();
        assertThat(Transients.isTransient(pg("25006")))
                .as("a read-only replica after failover")
                .isTrue();
        assertThat(Transients.isTransient(new TimeoutException())).isTrue();
        assertThat(Transients.isTransient(new IOException("Connection reset by peer")))
                .isTrue();
        assertThat(Transients.isTransient(new IllegalStateException("Connection is closed")))
                .isTrue();
        assertThat(Transients.isTransient(new ProviderDown())).isTrue();
        assertThat(Transients.isTransient(new RuntimeException("wrapped", pg("08001"))))
                .as("a cause")
                .isTrue();
    }

    @Test
    void badInputAndBugsDoNot() {
        assertThat(Transients.isTransient(pg("23505"))).as("unique violation").isFalse();
        assertThat(Transients.isTransient(pg("22P02"))).as("invalid input").isFalse();
        assertThat(Transients.isTransient(new Inbound.UnreadableMessage("not JSON")))
                .isFalse();
        assertThat(Transients.isTransient(new IllegalArgumentException("bad amount")))
                .isFalse();
        assertThat(Transients.isTransient(new NullPointerException())).isFalse();
    }

    @Test
    void aTransientFailureIsHandledAgainUntilItPassesAndAnyOtherEndsAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        String done = Transients.retried(
                        "test",
                        () -> calls.incrementAndGet() < 4
                                ? Uni.createFrom().failure(pg("57P01"))
                                : Uni.createFrom().item("done"))
                .await()
                .atMost(Duration.ofSeconds(10));
        assertThat(done).isEqualTo("done");
        assertThat(calls).hasValue(4);

        AtomicInteger bad = new AtomicInteger();
        assertThatThrownBy(() -> Transients.retried("test", () -> {
                            bad.incrementAndGet();
                            return Uni.createFrom().failure(new IllegalArgumentException("invalid"));
                        })
                        .await()
                        .atMost(Duration.ofSeconds(10)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(bad).hasValue(1);
    }
}
