package dev.bazaar.catalog.config;

import dev.bazaar.kit.clock.AdjustableClock;
import dev.bazaar.kit.clock.ClockConfig;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The time the service runs on: the system clock, adjustable forward in dev and test profiles, so a demo or a test can
 * let a commission schedule come into force, or a seller's sales drop out of the trailing 30 days, without waiting
 * ({@code POST /api/v1/admin/clock}).
 */
public class Clocks {

    @Produces
    @Singleton
    @DefaultBean
    AdjustableClock clock(ClockConfig config) {
        return new AdjustableClock(Clock.systemUTC(), config.adjustable());
    }
}
