package dev.bazaar.catalog.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

/** An index refresh that fails is tried again (a refresh re-reads current state); only a lasting failure gives up. */
class SearchIndexRetryTest {

    @Test
    void aRefreshThatFailsTwiceIsTriedUntilItSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        SearchIndexConsumer.patiently(
                        () -> calls.incrementAndGet() <= 2
                                ? Uni.createFrom().failure(new IllegalStateException("OpenSearch is busy"))
                                : Uni.createFrom().voidItem(),
                        "product p",
                        Duration.ofMillis(10))
                .await()
                .atMost(Duration.ofSeconds(30));
        assertThat(calls).hasValue(3);
    }

    @Test
    void theIndexGuardsTimeoutAndOpenBreakerAreTriedAgainToo() {
        AtomicInteger calls = new AtomicInteger();
        SearchIndexConsumer.patiently(
                        () -> switch (calls.incrementAndGet()) {
                            case 1 -> Uni.createFrom().failure(new TimeoutException("ProductIndex#put timed out"));
                            case 2 ->
                                Uni.createFrom()
                                        .failure(new CircuitBreakerOpenException("ProductIndex#put breaker open"));
                            default -> Uni.createFrom().voidItem();
                        },
                        "product p",
                        Duration.ofMillis(10))
                .await()
                .atMost(Duration.ofSeconds(30));
        assertThat(calls).hasValue(3);
    }

    @Test
    void aRefreshThatNeverWorksFailsAfterEveryAttempt() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> SearchIndexConsumer.patiently(
                                () -> {
                                    calls.incrementAndGet();
                                    return Uni.createFrom().failure(new IllegalStateException("OpenSearch is down"));
                                },
                                "product p",
                                Duration.ofMillis(10))
                        .await()
                        .atMost(Duration.ofSeconds(120)))
                .hasMessageContaining("OpenSearch is down");
        assertThat(calls).hasValue(SearchIndexConsumer.ATTEMPTS);
    }
}
