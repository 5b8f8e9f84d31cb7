package dev.bazaar.payment.config;

import dev.bazaar.kit.clock.AdjustableClock;
import dev.bazaar.kit.clock.ClockConfig;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The time the service runs on: the system clock, adjustable forward in dev and test profiles (holding periods end
 * without waiting a week: {@code POST /api/v1/admin/clock}); tests may replace it.
 */
public class Clocks {

    @Produces
    @Singleton
    @DefaultBean
    AdjustableClock clock(ClockConfig config) {
        return new AdjustableClock(Clock.systemUTC(), config.adjustable());
    }
}
