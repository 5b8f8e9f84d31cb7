package dev.bazaar.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SendPolicyTest {

    private final SendPolicy policy = new SendPolicy(4, Duration.ofSeconds(30), Duration.ofMinutes(1));
    private final Instant now = Instant.parse("2026-12-10T10:00:00Z");

    @Test
    void aFailedSendWaitsTwiceAsLongEachTimeUpToTheCap() {
        assertThat(policy.afterFailure(1, now)).isEqualTo(new SendPolicy.RetryAt(now.plusSeconds(30)));
        assertThat(policy.afterFailure(2, now)).isEqualTo(new SendPolicy.RetryAt(now.plusSeconds(60)));
        assertThat(policy.afterFailure(3, now)).isEqualTo(new SendPolicy.RetryAt(now.plusSeconds(60)));
        assertThat(policy.backoff(40)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void theLastAttemptsFailureIsDead() {
        assertThat(policy.afterFailure(4, now)).isInstanceOf(SendPolicy.Dead.class);
        assertThat(policy.afterFailure(9, now)).isInstanceOf(SendPolicy.Dead.class);
    }

    @Test
    void aStoredErrorNeverHoldsAnAddress() {
        String error = SendPolicy.describe(new IOException(
                "550 5.1.1 <bob@bazaar.test>: mailbox unavailable for " + "sam.seller+x@example.co.uk"));
        assertThat(error)
                .doesNotContain("bob@", "sam.seller", "example.co.uk")
                .contains("IOException", "550 5.1.1", "<address>");
    }
}
