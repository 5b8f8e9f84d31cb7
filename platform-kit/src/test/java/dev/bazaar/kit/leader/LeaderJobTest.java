package dev.bazaar.kit.leader;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Two replicas' jobs on one lease (a PostgreSQL advisory lock), against the test devstack's PostgreSQL. */
@QuarkusTest
class LeaderJobTest {

    @Inject
    Pool pool;

    private final List<String> ran = new ArrayList<>();

    private void tick(LeaderJob job, String replica) {
        job.tick(() -> Uni.createFrom().item(replica), ran::add).await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void oneReplicaLeadsAndAReleasedOneNeverTakesTheLeaseBack() {
        String name = "leader-job-test:" + UUID.randomUUID();
        LeaderJob a = new LeaderJob(pool, name);
        LeaderJob b = new LeaderJob(pool, name);

        tick(a, "a");
        tick(b, "b");
        tick(a, "a");
        assertThat(ran).as("only the holder works").containsExactly("a", "a");
        assertThat(locksHeld(name)).isEqualTo(1);

        a.release(); // a's replica is shutting down
        tick(a, "a"); // its scheduler fires once more before it stops
        tick(b, "b");
        assertThat(ran)
                .as("the stopping replica did not work nor take the lease back; the other one leads")
                .containsExactly("a", "a", "b");
        b.release();
        assertThat(locksHeld(name))
                .as("released means unlocked, not only back in the pool")
                .isZero();
    }

    /** Sessions holding the lease's advisory lock (pg_try_advisory_lock(hashtext(name)): a bigint key). */
    private long locksHeld(String name) {
        return pool.preparedQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
                        + " AND classid = ((hashtext($1)::bigint >> 32) & 4294967295)::oid"
                        + " AND objid = (hashtext($1)::bigint & 4294967295)::oid AND objsubid = 1")
                .execute(Tuple.of(name))
                .await()
                .atMost(Duration.ofSeconds(10))
                .iterator()
                .next()
                .getLong(0);
    }
}
