package dev.bazaar.kit.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The service's clock: the system's, moved forward by an offset that only non-production profiles may change
 * ({@code bazaar.clock.adjustable}), so a demo or a system test can let a seller's holding period pass without waiting
 * a week. It only ever moves forward: postings and payouts never see time go back.
 */
public class AdjustableClock extends Clock {

    private final Clock base;
    private final boolean adjustable;
    private final AtomicReference<Duration> offset;

    public AdjustableClock(Clock base, boolean adjustable) {
        this(base, adjustable, new AtomicReference<>(Duration.ZERO));
    }

    private AdjustableClock(Clock base, boolean adjustable, AtomicReference<Duration> offset) {
        this.base = base;
        this.adjustable = adjustable;
        this.offset = offset;
    }

    /**
     * The time without any offset: what the database's own timestamps ({@code now()}) are measured against, whatever
     * the service clock says ({@code clock} itself when it is not an adjustable one).
     */
    public static Clock unadjusted(Clock clock) {
        return clock instanceof AdjustableClock a ? a.base : clock;
    }

    public boolean adjustable() {
        return adjustable;
    }

    public Duration offset() {
        return offset.get();
    }

    /** Moves the clock forward by {@code by} (positive); refused when this environment's clock is not adjustable. */
    public Instant advance(Duration by) {
        if (!adjustable) {
            throw new IllegalStateException("the clock is not adjustable here");
        }
        if (by.isNegative() || by.isZero()) {
            throw new IllegalArgumentException("the clock only moves forward");
        }
        offset.accumulateAndGet(by, Duration::plus);
        return instant();
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new AdjustableClock(base.withZone(zone), adjustable, offset);
    }
}
