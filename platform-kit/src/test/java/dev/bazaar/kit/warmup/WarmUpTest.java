package dev.bazaar.kit.warmup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.bazaar.kit.config.KitSettings;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;

/** The start-up warm-up against the kit test app (its PostgreSQL pool and the test's own held task). */
@QuarkusTest
class WarmUpTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    @Readiness // a health check's qualifier: the bean has no @Default
    WarmUp warmUp;

    @Inject
    Vertx vertx;

    @Inject
    Pool pool;

    @Inject
    KitSettings.Kit settings;

    @Test
    void readinessWaitsForTheTasksThenReportsEachOutcome() {
        // the held task keeps the app not ready (the kit test app allows the warm-up ten minutes)
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(503)
                .body("checks.find { it.name == 'warm-up' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'warm-up' }.data.held-by-test", equalTo("running"));

        HeldWarmUp.RELEASE.complete(null);

        await().atMost(WAIT).until(warmUp::done);
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'warm-up' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'warm-up' }.data.held-by-test", startsWith("done in "))
                // the tasks run in turn, in no set order: the pool's ran before the held one or after it
                .body("checks.find { it.name == 'warm-up' }.data.postgres-pool", startsWith("done in "));
    }

    @Test
    void aFailedOrSlowTaskEndsWithItsOutcomeAndTheRestRunWhileTimeIsLeft() {
        Map<String, String> outcomes = new ConcurrentHashMap<>();
        Map<String, Boolean> onDuplicatedContext = new ConcurrentHashMap<>();
        List<WarmUpTask> tasks = List.of(
                task("fails", () -> Uni.createFrom().failure(new IllegalStateException("no catalogue"))),
                task("checks-context", () -> {
                    onDuplicatedContext.put("checks-context", VertxContext.isOnDuplicatedContext());
                    return Uni.createFrom().voidItem();
                }),
                task("never-ends", () -> Uni.createFrom().nothing()),
                task("after-the-time", () -> Uni.createFrom().voidItem()));

        warmUp.run(tasks, Duration.ofMillis(700), outcomes).await().atMost(WAIT);

        assertThat(outcomes.get("fails")).startsWith("failed after ").contains("no catalogue");
        assertThat(outcomes.get("checks-context")).startsWith("done in ");
        assertThat(onDuplicatedContext).containsEntry("checks-context", true);
        assertThat(outcomes.get("never-ends")).startsWith("timed out after ");
        assertThat(outcomes.get("after-the-time")).isEqualTo("skipped: no time left");
    }

    @Test
    void thePoolWarmUpOpensItsConnectionsBeforeAnyRequest() {
        String app = "warm-up-test-" + UUID.randomUUID().toString().substring(0, 8);
        Pool fresh = PgPool.pool(vertx, connectOptions(app), new PoolOptions().setMaxSize(10));
        try {
            assertThat(sessions(app)).as("a new pool has opened nothing").isZero();

            new PoolWarmUp(fresh, settings).run().await().atMost(WAIT);

            assertThat(sessions(app))
                    .as("bazaar.kit.warm-up.connections connections, open and idle in the pool")
                    .isEqualTo(settings.warmUp().connections());
        } finally {
            fresh.closeAndAwait();
        }
    }

    @Test
    void thePoolWarmUpNeitherWaitsForConnectionsOthersHoldNorKeepsAny() {
        String app = "warm-up-test-" + UUID.randomUUID().toString().substring(0, 8);
        Pool small = PgPool.pool(vertx, connectOptions(app), new PoolOptions().setMaxSize(3));
        try {
            // a lease and a listener hold two of the three, as in a service whose pool is no larger than the warm-up
            SqlConnection lease = small.getConnectionAndAwait();
            SqlConnection listener = small.getConnectionAndAwait();
            long t0 = System.nanoTime();

            new PoolWarmUp(small, settings).run().await().atMost(WAIT);

            assertThat(Duration.ofNanos(System.nanoTime() - t0))
                    .as("its queries shared the one connection left")
                    .isLessThan(Duration.ofSeconds(5));
            lease.closeAndAwait();
            listener.closeAndAwait();
            List<SqlConnection> all = Uni.join()
                    .all(small.getConnection(), small.getConnection(), small.getConnection())
                    .andFailFast()
                    .await()
                    .atMost(Duration.ofSeconds(5));
            assertThat(all).as("the warm-up gave back every connection it used").hasSize(3);
            all.forEach(SqlConnection::closeAndAwait);
        } finally {
            small.closeAndAwait();
        }
    }

    private static PgConnectOptions connectOptions(String applicationName) {
        var config = ConfigProvider.getConfig();
        return PgConnectOptions.fromUri(config.getValue("quarkus.datasource.reactive.url", String.class))
                .setUser(config.getValue("quarkus.datasource.username", String.class))
                .setPassword(config.getValue("quarkus.datasource.password", String.class))
                .setProperties(Map.of("application_name", applicationName));
    }

    @Test
    void repeatRunsTheCallsInTurnAndStopsAtTheFirstFailureOrSlowCall() {
        List<Integer> calls = new CopyOnWriteArrayList<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlapping = new AtomicInteger();
        WarmUpTask.repeat(
                        5,
                        Duration.ofSeconds(5),
                        i -> Uni.createFrom()
                                .item(i)
                                .invoke(x -> {
                                    if (running.incrementAndGet() > 1) {
                                        overlapping.incrementAndGet();
                                    }
                                })
                                .onItem()
                                .delayIt()
                                .by(Duration.ofMillis(20))
                                .invoke(x -> {
                                    running.decrementAndGet();
                                    calls.add(x);
                                }))
                .await()
                .atMost(WAIT);
        assertThat(calls).containsExactly(0, 1, 2, 3, 4);
        assertThat(overlapping).as("one call at a time").hasValue(0);

        calls.clear();
        assertThatThrownBy(() -> WarmUpTask.repeat(5, Duration.ofSeconds(5), i -> {
                            calls.add(i);
                            return i == 2
                                    ? Uni.createFrom().failure(new IllegalStateException("catalog down"))
                                    : Uni.createFrom().item(i);
                        })
                        .await()
                        .atMost(WAIT))
                .hasMessageContaining("catalog down");
        assertThat(calls).as("nothing after the failure").containsExactly(0, 1, 2);

        calls.clear();
        assertThatThrownBy(() -> WarmUpTask.repeat(5, Duration.ofMillis(100), i -> {
                            calls.add(i);
                            return i == 1
                                    ? Uni.createFrom().nothing()
                                    : Uni.createFrom().item(i);
                        })
                        .await()
                        .atMost(WAIT))
                .isInstanceOf(TimeoutException.class);
        assertThat(calls).containsExactly(0, 1);
    }

    private long sessions(String applicationName) {
        return pool.preparedQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1")
                .execute(Tuple.of(applicationName))
                .await()
                .atMost(WAIT)
                .iterator()
                .next()
                .getLong(0);
    }

    private static WarmUpTask task(String name, Supplier<Uni<Void>> run) {
        return new WarmUpTask() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Uni<Void> run() {
                return run.get();
            }
        };
    }
}
