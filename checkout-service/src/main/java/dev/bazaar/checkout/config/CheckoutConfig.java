package dev.bazaar.checkout.config;

import dev.bazaar.checkout.domain.CheckoutStatus;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * The saga's clocks. The step timeouts add up to far less than the reservation's lifetime, so a reservation never
 * expires under a saga that is still running (ARCHITECTURE.md).
 */
@ConfigMapping(prefix = "bazaar.checkout")
public interface CheckoutConfig {

    /** How long a quote may be confirmed after it was made (prices and stock move). */
    @WithDefault("30m")
    Duration quoteTtl();

    /** How long the catalog holds the stock of a confirmed checkout unless it is committed first. */
    @WithDefault("30m")
    Duration reservationTtl();

    /** How long {@code POST .../confirm} waits for a terminal state before answering 202. */
    @WithDefault("3s")
    Duration confirmWait();

    /** How often every replica looks for steps past their deadline. */
    @WithDefault("1s")
    Duration sweepInterval();

    Timeouts timeouts();

    interface Timeouts {
        @WithDefault("10s")
        Duration reserving();

        @WithDefault("30s")
        Duration authorizing();

        @WithDefault("10s")
        Duration placing();

        @WithDefault("10s")
        Duration committing();

        @WithDefault("30s")
        Duration capturing();

        default Duration of(CheckoutStatus step) {
            return switch (step) {
                case RESERVING -> reserving();
                case AUTHORIZING -> authorizing();
                case PLACING -> placing();
                case COMMITTING -> committing();
                case CAPTURING -> capturing();
                case QUOTED, COMPLETED, FAILED -> throw new IllegalArgumentException(step + " has no timeout");
            };
        }

        default Duration total() {
            return reserving().plus(authorizing()).plus(placing()).plus(committing()).plus(capturing());
        }
    }
}
