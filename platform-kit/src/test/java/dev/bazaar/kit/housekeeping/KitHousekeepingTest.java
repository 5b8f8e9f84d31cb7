package dev.bazaar.kit.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Expired Idempotency-Keys and processed-message records past the retention are purged; live ones stay. */
@QuarkusTest
class KitHousekeepingTest {

    @Inject
    Pool pool;

    @Inject
    KitHousekeeping housekeeping;

    long count(String sql, Object... args) {
        return pool.preparedQuery(sql)
                .execute(Tuple.from(args))
                .await()
                .atMost(Duration.ofSeconds(10))
                .iterator()
                .next()
                .getLong(0);
    }

    @Test
    void whatIsNoLongerNeededGoesAndTheRestStays() {
        String expired = "expired-" + UUID.randomUUID();
        String live = "live-" + UUID.randomUUID();
        pool.preparedQuery(
                        "INSERT INTO kit_idempotency_key (scope, idem_key, request_hash, expires_at, claim_id) VALUES "
                                + "('t', $1, 'h', now() - interval '1 second', NULL), ('t', $2, 'h', now() + interval '1 day', NULL)")
                .execute(Tuple.of(expired, live))
                .await()
                .atMost(Duration.ofSeconds(10));
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO kit_processed_message (consumer, message_id, processed_at) VALUES "
                        + "('t', $1, now() - interval '31 days'), ('t', $2, now() - interval '29 days')")
                .execute(Tuple.of(old, recent))
                .await()
                .atMost(Duration.ofSeconds(10));

        KitHousekeeping.Purged purged = housekeeping.purge().await().atMost(Duration.ofSeconds(30));
        assertThat(purged.idempotencyKeys()).isGreaterThanOrEqualTo(1);
        assertThat(purged.processedMessages()).isGreaterThanOrEqualTo(1);
        assertThat(count("SELECT count(*) FROM kit_idempotency_key WHERE idem_key = $1", expired))
                .isZero();
        assertThat(count("SELECT count(*) FROM kit_idempotency_key WHERE idem_key = $1", live))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM kit_processed_message WHERE message_id = $1", old))
                .isZero();
        assertThat(count("SELECT count(*) FROM kit_processed_message WHERE message_id = $1", recent))
                .isEqualTo(1);
    }
}
