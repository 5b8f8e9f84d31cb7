package dev.bazaar.order.config;

import dev.bazaar.kit.clock.AdjustableClock;
import dev.bazaar.kit.clock.ClockConfig;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The time the service runs on: the system clock, adjustable forward in dev and test profiles (a demo or a system test
 * lets the automatic delivery, the return window or a seller's time to decide a return pass without waiting days:
 * {@code POST /api/v1/admin/clock}); tests may replace it.
 */
public class Clocks {

    @Produces
    @Singleton
    @DefaultBean
    AdjustableClock clock(ClockConfig config) {
        return new AdjustableClock(Clock.systemUTC(), config.adjustable());
    }
}
