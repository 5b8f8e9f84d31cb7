package dev.bazaar.kit.warmup;

import dev.bazaar.kit.config.KitSettings;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Runs every {@link WarmUpTask} at start-up, one after another, and reports not ready ({@code warm-up} DOWN in
 * {@code /q/health/ready}) until they have ended — each one done, failed or past the time left — so that a load balancer
 * or Kubernetes sends no traffic to a replica still paying its first-request costs. Readiness never waits longer than
 * {@code bazaar.kit.warm-up.timeout} in all: a warm-up is an optimisation, never a reason to stay out of service.
 */
@ApplicationScoped
@Readiness
public class WarmUp implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(WarmUp.class);

    private final Instance<WarmUpTask> tasks;
    private final Vertx vertx;
    private final KitSettings.Kit settings;
    private final AtomicBoolean done = new AtomicBoolean();
    /** Each task's outcome ("running", "done in 812 ms", "failed: …", "timed out"), for the check's data. */
    private final Map<String, String> outcomes = new ConcurrentHashMap<>();

    public WarmUp(@Any Instance<WarmUpTask> tasks, Vertx vertx, KitSettings.Kit settings) {
        this.tasks = tasks;
        this.vertx = vertx;
        this.settings = settings;
    }

    void onStart(@Observes StartupEvent start) {
        List<WarmUpTask> all = new ArrayList<>();
        tasks.forEach(all::add);
        if (!settings.warmUp().enabled() || all.isEmpty()) {
            done.set(true);
            return;
        }
        long started = System.nanoTime();
        run(all, settings.warmUp().timeout(), outcomes).subscribe().with(x -> {
            done.set(true);
            LOG.infof("warm-up: %s in %d ms", outcomes, (System.nanoTime() - started) / 1_000_000);
        });
    }

    /**
     * Runs {@code all} one after another, each on a Vert.x context of its own, within {@code timeout} for all of them,
     * and writes each one's outcome into {@code outcomes} as it goes; never fails.
     */
    Uni<Void> run(List<WarmUpTask> all, Duration timeout, Map<String, String> outcomes) {
        all.forEach(t -> outcomes.put(t.name(), "waiting"));
        long deadline = System.nanoTime() + timeout.toNanos();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (WarmUpTask task : all) {
            chain = chain.call(() -> runOne(task, deadline, outcomes));
        }
        return chain;
    }

    private Uni<Void> runOne(WarmUpTask task, long deadline, Map<String, String> outcomes) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            outcomes.put(task.name(), "skipped: no time left");
            return Uni.createFrom().voidItem();
        }
        outcomes.put(task.name(), "running");
        long t0 = System.nanoTime();
        return onItsOwnContext(task)
                .ifNoItem()
                .after(Duration.ofNanos(left))
                .fail()
                .invoke(x -> outcomes.put(task.name(), "done in " + millisSince(t0) + " ms"))
                .onFailure()
                .invoke(e -> {
                    String outcome = e instanceof TimeoutException
                            ? "timed out after " + millisSince(t0) + " ms"
                            : "failed after " + millisSince(t0) + " ms: " + e;
                    outcomes.put(task.name(), outcome);
                    LOG.warnf("warm-up %s %s (the service goes on without it)", task.name(), outcome);
                })
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /**
     * A duplicated context marked safe, as a request's is: Hibernate Reactive keeps one session per context and refuses
     * an unsafe one.
     */
    private Uni<Void> onItsOwnContext(WarmUpTask task) {
        Context own = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(own, true);
        return Uni.createFrom()
                .emitter(emitter -> own.runOnContext(
                        x -> Uni.createFrom().deferred(task::run).subscribe().with(emitter::complete, emitter::fail)));
    }

    /** Whether every task has ended (done, failed or out of time). */
    public boolean done() {
        return done.get();
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder check = HealthCheckResponse.named("warm-up").status(done.get());
        outcomes.forEach(check::withData);
        return check.build();
    }
}
