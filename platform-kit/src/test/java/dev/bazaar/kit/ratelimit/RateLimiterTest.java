package dev.bazaar.kit.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bazaar.kit.problem.ProblemException;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The limits against the real Redis: exact under concurrency, refusals carry Retry-After, leases come back. */
@QuarkusTest
class RateLimiterTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    RateLimiter limiter;

    @Test
    void aWindowLetsExactlyTheLimitThroughEvenWhenAllArriveAtOnce() {
        String subject = UUID.randomUUID().toString();
        AtomicInteger allowed = new AtomicInteger();
        List<ProblemException.TooManyRequests> refused = new ArrayList<>();
        List<Uni<Void>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(limiter.acquire("test", subject, 20, Duration.ofMinutes(1), "tests")
                    .invoke(allowed::incrementAndGet)
                    .onFailure(ProblemException.TooManyRequests.class)
                    .recoverWithItem(e -> {
                        synchronized (refused) {
                            refused.add((ProblemException.TooManyRequests) e);
                        }
                        return null;
                    }));
        }
        Uni.join().all(calls).andFailFast().await().atMost(WAIT);
        assertThat(allowed.get()).isEqualTo(20);
        assertThat(refused).hasSize(30);
        assertThat(refused.get(0).status()).isEqualTo(429);
        assertThat(refused.get(0).retryAfter()).isBetween(Duration.ofSeconds(1), Duration.ofMinutes(1));
        assertThat(refused.get(0).getMessage()).contains("20 per minute");
        // another subject has its own window
        limiter.acquire("test", subject + "-other", 20, Duration.ofMinutes(1), "tests")
                .await()
                .atMost(WAIT);
    }

    @Test
    void theWindowEnds() throws InterruptedException {
        String subject = UUID.randomUUID().toString();
        limiter.acquire("test", subject, 1, Duration.ofMillis(300), "tests")
                .await()
                .atMost(WAIT);
        assertThatThrownBy(() -> limiter.acquire("test", subject, 1, Duration.ofMillis(300), "tests")
                        .await()
                        .atMost(WAIT))
                .isInstanceOf(ProblemException.TooManyRequests.class);
        Thread.sleep(400);
        limiter.acquire("test", subject, 1, Duration.ofMillis(300), "tests")
                .await()
                .atMost(WAIT);
    }

    @Test
    void leasesAreCappedReturnedAndExpireByThemselves() throws InterruptedException {
        String subject = UUID.randomUUID().toString();
        RateLimiter.Lease a = limiter.lease("streams", subject, 2, Duration.ofMinutes(1), "streams")
                .await()
                .atMost(WAIT);
        limiter.lease("streams", subject, 2, Duration.ofMinutes(1), "streams")
                .await()
                .atMost(WAIT);
        assertThatThrownBy(() -> limiter.lease("streams", subject, 2, Duration.ofMinutes(1), "streams")
                        .await()
                        .atMost(WAIT))
                .isInstanceOf(ProblemException.TooManyRequests.class)
                .hasMessageContaining("at most 2");
        a.release().await().atMost(WAIT);
        a.release().await().atMost(WAIT); // twice changes nothing
        limiter.lease("streams", subject, 2, Duration.ofMinutes(1), "streams")
                .await()
                .atMost(WAIT);

        String crashed = UUID.randomUUID().toString();
        limiter.lease("streams", crashed, 1, Duration.ofMillis(300), "streams")
                .await()
                .atMost(WAIT);
        Thread.sleep(400); // never released: expires
        limiter.lease("streams", crashed, 1, Duration.ofMillis(300), "streams")
                .await()
                .atMost(WAIT);
    }

    @Test
    void namesReadAsPeopleSayThem() {
        assertThat(RateLimiter.human(Duration.ofSeconds(1))).isEqualTo("second");
        assertThat(RateLimiter.human(Duration.ofSeconds(10))).isEqualTo("10 seconds");
        assertThat(RateLimiter.human(Duration.ofMinutes(1))).isEqualTo("minute");
        assertThat(RateLimiter.human(Duration.ofHours(24))).isEqualTo("24 hours");
    }
}
