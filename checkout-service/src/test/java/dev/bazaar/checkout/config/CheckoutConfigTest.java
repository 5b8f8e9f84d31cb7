package dev.bazaar.checkout.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.checkout.domain.CheckoutStatus;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The saga's clocks as shipped (defaults and application.properties), without Quarkus. */
class CheckoutConfigTest {

    static CheckoutConfig shipped(String profile, Map<String, String> overrides) throws IOException {
        SmallRyeConfigBuilder b = new SmallRyeConfigBuilder()
                .withMapping(CheckoutConfig.class)
                // "10s", "30m" as Quarkus reads them
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(
                        CheckoutConfigTest.class.getResource("/application.properties"), 100))
                .withSources(new PropertiesConfigSource(overrides, "overrides", 200));
        if (profile != null) {
            b.withProfile(profile);
        }
        SmallRyeConfig config = b.build();
        return config.getConfigMapping(CheckoutConfig.class);
    }

    @Test
    void theBuyerHasTenMinutesToAuthenticateAndTheStepsStillFitTheReservation() throws IOException {
        for (String profile : new String[] {null, "prod"}) {
            CheckoutConfig c = shipped(profile, Map.of());
            assertThat(c.timeouts().buyerAction()).isEqualTo(Duration.ofMinutes(10));
            assertThat(c.timeouts().of(CheckoutStatus.AWAITING_BUYER_ACTION)).isEqualTo(Duration.ofMinutes(10));
            assertThat(c.timeouts().total())
                    .as("every step to its timeout, the longer of the buyer's window and " + "the review's included")
                    .isEqualTo(Duration.ofSeconds(10 + 30 + 960 + 10 + 10 + 30));
            assertThat(c.timeoutsFitTheReservation()).as("profile %s", profile).isTrue();
        }
    }

    @Test
    void aBuyerWindowAsLongAsTheReservationBreaksTheRule() throws IOException {
        assertThat(shipped(null, Map.of("bazaar.checkout.timeouts.buyer-action", "30m"))
                        .timeoutsFitTheReservation())
                .isFalse();
        assertThat(shipped(
                                null,
                                Map.of(
                                        "bazaar.checkout.timeouts.buyer-action",
                                        "30m",
                                        "bazaar.checkout.reservation-ttl",
                                        "45m"))
                        .timeoutsFitTheReservation())
                .isTrue();
    }

    @Test
    void aReviewIsWaitedForSixteenMinutesAtMostAndStillFitsTheReservation() throws IOException {
        for (String profile : new String[] {null, "prod"}) {
            CheckoutConfig c = shipped(profile, Map.of());
            assertThat(c.timeouts().review()).isEqualTo(Duration.ofMinutes(16));
            assertThat(c.timeouts().of(CheckoutStatus.AWAITING_REVIEW)).isEqualTo(Duration.ofMinutes(16));
            assertThat(c.timeouts().reviewGrace()).isEqualTo(Duration.ofSeconds(60));
        }
        assertThat(shipped(null, Map.of("bazaar.checkout.timeouts.review", "29m"))
                        .timeoutsFitTheReservation())
                .isFalse();
    }
}
