package dev.bazaar.checkout.domain.saga;

import dev.bazaar.checkout.domain.CheckoutStatus;
import java.util.EnumMap;
import java.util.Map;

/**
 * How many sagas may run at once, learnt from how long their steps take (ADR 0029). A fixed cap is either too high for
 * the platform it runs on (admitted sagas queue behind each other until their steps time out and compensate, which
 * adds work exactly when there is least room: bench/run at 50 confirms/s on two cores, 690 admitted sagas failed with
 * a cap of 50) or too low for a bigger one. This limit moves in one-second windows, AIMD as TCP does:
 * <ul>
 * <li>a window in which the limit was what held the load back (sagas running at {@value #BINDING_PERCENT} % of it or
 * more, or a confirm refused) and more than {@value #SLOW_SHARE_PERCENT} % of the steps were slow, or a step timed out,
 * multiplies the limit by {@value #DECREASE} (never below the floor). While fewer sagas run, slow steps are not ours
 * to fix by admitting fewer (a cold JVM, a pause, a neighbour's load): a lower limit would only refuse work the
 * platform is keeping up with;</li>
 * <li>a window with steps and none of that adds 10 % (at least one), up to the ceiling.</li>
 * </ul>
 * A step is slow when it took longer than its threshold: the larger of the configured target and {@code tolerance}
 * times the step's own baseline. The baseline follows the step's fast samples at once and its slow ones only very
 * slowly (a low quantile, as a minimum RTT is), so a step that is slow by nature — a real card network's
 * authorization takes a second — is not mistaken for a queue, while one that queues behind other sagas is. Steps that
 * wait on a person (the buyer's card challenge, a fraud review) are not samples.
 *
 * <p>It also says how long a refused client should wait: the clients waiting outside are about the refusals per
 * second times the Retry-After each was given (Little's law); the platform admits about the admissions per second;
 * so the wait to advise is their ratio, at least the configured base, at most the configured maximum, and up by at most
 * half a window (the refusals just counted came from clients told the older wait).
 *
 * <p>Pure: the caller passes the time ({@code nanos}, any monotonic origin); safe to call from several threads.
 */
public final class AdmissionLimit {

    static final double DECREASE = 0.8;
    static final int SLOW_SHARE_PERCENT = 5;
    static final int BINDING_PERCENT = 80;
    private static final long WINDOW_NANOS = 1_000_000_000L;
    /** How fast a slow sample moves the baseline up (a fast one moves it down at {@link #BASELINE_DOWN}). */
    private static final double BASELINE_UP = 0.0005;

    private static final double BASELINE_DOWN = 0.2;
    /** Weight of the newest window in the refusal and admission rates. */
    private static final double RATE_WEIGHT = 0.3;

    public record Settings(
            int floor,
            int ceiling,
            long stepTargetMillis,
            double tolerance,
            int baseRetryAfterSeconds,
            int maxRetryAfterSeconds) {
        public Settings {
            if (floor < 1 || ceiling < floor) {
                throw new IllegalArgumentException("need 1 <= floor <= ceiling, got " + floor + " and " + ceiling);
            }
            if (stepTargetMillis < 1 || tolerance < 1) {
                throw new IllegalArgumentException("need a positive step target and a tolerance of at least 1");
            }
            if (baseRetryAfterSeconds < 1 || maxRetryAfterSeconds < baseRetryAfterSeconds) {
                throw new IllegalArgumentException("need 1 <= base Retry-After <= max Retry-After");
            }
        }
    }

    private final Settings settings;
    private final Map<CheckoutStatus, Double> baselineMillis = new EnumMap<>(CheckoutStatus.class);
    private double limit;
    private long windowStart;
    private boolean started;
    private int samples;
    private int slow;
    private boolean timedOut;
    private boolean binding;
    private long advisedSeconds;
    private int admissions;
    private double waiting;
    private double admissionRate;
    private int retryAfter;

    public AdmissionLimit(Settings settings) {
        this.settings = settings;
        this.limit = settings.ceiling();
        this.retryAfter = settings.baseRetryAfterSeconds();
    }

    /** The sagas that may run at once now. */
    public synchronized int limit(long nanos) {
        roll(nanos);
        return (int) limit;
    }

    /** A step of a saga ended after {@code millis}; steps that wait on a person are ignored. */
    public synchronized void stepTook(CheckoutStatus step, long millis, long nanos) {
        if (step == null
                || step.isTerminal()
                || step == CheckoutStatus.QUOTED
                || step.waitsOnBuyer()
                || step == CheckoutStatus.AWAITING_REVIEW) {
            return;
        }
        roll(nanos);
        Double baseline = baselineMillis.get(step);
        double threshold =
                Math.max((double) settings.stepTargetMillis(), baseline == null ? 0 : baseline * settings.tolerance());
        samples++;
        if (millis > threshold) {
            slow++;
        }
        double m = Math.max(1, millis);
        baselineMillis.put(
                step, baseline == null ? m : baseline + (m - baseline) * (m < baseline ? BASELINE_DOWN : BASELINE_UP));
    }

    /** A step ran past its deadline: the platform could not keep up (or a participant is down). */
    public synchronized void stepTimedOut(long nanos) {
        roll(nanos);
        timedOut = true;
    }

    /** A confirm started a saga while {@code running} others ran. */
    public synchronized void admitted(long running, long nanos) {
        roll(nanos);
        admissions++;
        if ((running + 1) * 100 >= limit * BINDING_PERCENT) {
            binding = true;
        }
    }

    /** A confirm was refused; answers the Retry-After (seconds) to give it. */
    public synchronized int refused(long nanos) {
        roll(nanos);
        binding = true;
        advisedSeconds += retryAfter;
        return retryAfter;
    }

    /** The step's baseline in milliseconds, or -1 before its first sample (for metrics and tests). */
    public synchronized double baselineMillis(CheckoutStatus step) {
        return baselineMillis.getOrDefault(step, -1.0);
    }

    /** Closes every window that ended before {@code nanos}; an idle second leaves the limit where it is. */
    private void roll(long nanos) {
        if (!started) {
            started = true;
            windowStart = nanos;
            return;
        }
        long elapsed = nanos - windowStart;
        if (elapsed < WINDOW_NANOS) {
            return;
        }
        if (binding && (timedOut || (samples > 0 && slow * 100L > samples * (long) SLOW_SHARE_PERCENT))) {
            limit = Math.max(settings.floor(), limit * DECREASE);
        } else if (samples > 0) {
            limit = Math.min(settings.ceiling(), limit + Math.max(1, limit * 0.1));
        }
        long windows = elapsed / WINDOW_NANOS;
        // the window just closed, then as many empty ones as passed: each client refused in it waits what it was told,
        // so the clients waiting are the seconds advised per second (Little's law)
        waiting = waiting + (advisedSeconds - waiting) * RATE_WEIGHT;
        admissionRate = admissionRate + (admissions - admissionRate) * RATE_WEIGHT;
        double idle = Math.pow(1 - RATE_WEIGHT, (double) Math.min(windows - 1, 60));
        waiting *= idle;
        admissionRate *= idle;
        double wait = waiting / Math.max(1, admissionRate);
        // up by half at most per window: the refusals just counted came from clients told the older, shorter wait
        retryAfter = (int) Math.min(
                Math.min(settings.maxRetryAfterSeconds(), retryAfter + Math.max(1, retryAfter / 2)),
                Math.max(settings.baseRetryAfterSeconds(), Math.ceil(wait)));
        samples = 0;
        slow = 0;
        timedOut = false;
        binding = false;
        advisedSeconds = 0;
        admissions = 0;
        windowStart += windows * WINDOW_NANOS;
    }
}
