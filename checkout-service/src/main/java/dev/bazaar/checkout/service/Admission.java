package dev.bazaar.checkout.service;

import dev.bazaar.checkout.config.CheckoutConfig;
import dev.bazaar.checkout.domain.CheckoutStatus;
import dev.bazaar.checkout.domain.saga.AdmissionLimit;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * This replica's admission limit ({@link AdmissionLimit}, ADR 0029), fed by the saga's step times and timeouts, and the
 * Retry-After its refusals give. Each replica learns its own limit from the steps it sees and compares it with the
 * platform-wide count of running sagas; replicas see the same participants, so they learn about the same limit.
 */
@ApplicationScoped
public class Admission {

    private final CheckoutConfig config;
    private final AdmissionLimit limit;

    public Admission(CheckoutConfig config, MeterRegistry metrics) {
        this.config = config;
        CheckoutConfig.Admission a = config.admission();
        int ceiling = config.maxRunning();
        this.limit = new AdmissionLimit(new AdmissionLimit.Settings(
                Math.min(a.minRunning(), ceiling),
                ceiling,
                a.stepTarget().toMillis(),
                a.tolerance(),
                (int) Math.max(1, config.busyRetryAfter().toSeconds()),
                (int) Math.max(
                        config.busyRetryAfter().toSeconds(), a.maxRetryAfter().toSeconds())));
        Gauge.builder("checkout.admission.limit", this, Admission::limit)
                .description("sagas that may run at once (platform-wide count), as this replica learnt it")
                .register(metrics);
    }

    /** The sagas that may run at once. */
    public int limit() {
        return config.admission().adaptive() ? limit.limit(System.nanoTime()) : config.maxRunning();
    }

    public void stepTook(CheckoutStatus step, Duration took) {
        limit.stepTook(step, took.toMillis(), System.nanoTime());
    }

    public void stepTimedOut() {
        limit.stepTimedOut(System.nanoTime());
    }

    /** A confirm started a saga while {@code running} others ran. */
    public void admitted(long running) {
        limit.admitted(running, System.nanoTime());
    }

    /**
     * A confirm was refused: the Retry-After to give it, spread over a quarter more so that the clients refused in the
     * same second do not all come back in the same second.
     */
    public Duration refused() {
        int seconds = limit.refused(System.nanoTime());
        return Duration.ofSeconds(seconds + ThreadLocalRandom.current().nextInt(seconds / 4 + 1));
    }
}
