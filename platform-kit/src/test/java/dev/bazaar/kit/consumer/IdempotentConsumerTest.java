package dev.bazaar.kit.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IdempotentConsumerTest {

    @Inject
    Pool pool;

    UUID account = UUID.randomUUID();

    @BeforeEach
    void givenAnAccountAtZero() {
        pool.query("CREATE TABLE IF NOT EXISTS kit_test_account (id uuid PRIMARY KEY, balance bigint NOT NULL)")
                .execute()
                .await()
                .indefinitely();
        pool.preparedQuery("INSERT INTO kit_test_account (id, balance) VALUES ($1, 0)")
                .execute(Tuple.of(account))
                .await()
                .indefinitely();
    }

    @Test
    void aRedeliveredMessageIsAppliedOnce() {
        UUID message = UUID.randomUUID();
        Optional<Long> first = credit(message, 100);
        Optional<Long> second = credit(message, 100);

        assertThat(first).contains(1L);
        assertThat(second).as("the redelivery is recognised").isEmpty();
        assertThat(balance()).isEqualTo(100);
    }

    @Test
    void concurrentDuplicatesAreAppliedOnce() {
        UUID message = UUID.randomUUID();
        List<Optional<Long>> results = Uni.join()
                .all(creditAsync(message, 7), creditAsync(message, 7), creditAsync(message, 7), creditAsync(message, 7))
                .andFailFast()
                .await()
                .indefinitely();

        assertThat(results).filteredOn(Optional::isPresent).hasSize(1);
        assertThat(balance()).isEqualTo(7);
    }

    @Test
    void aFailedEffectLeavesNoRecordSoTheMessageCanBeRetried() {
        UUID message = UUID.randomUUID();
        assertThatThrownBy(() -> IdempotentConsumer.process(
                                pool,
                                "kit-test",
                                message,
                                tx -> tx.preparedQuery(
                                                "UPDATE kit_test_account SET balance = balance + 5 WHERE id = $1")
                                        .execute(Tuple.of(account))
                                        .flatMap(r -> Uni.createFrom()
                                                .failure(new IllegalStateException("downstream failed"))))
                        .await()
                        .indefinitely())
                .hasMessageContaining("downstream failed");
        assertThat(balance()).isZero();

        assertThat(credit(message, 5)).isPresent();
        assertThat(balance()).isEqualTo(5);
    }

    @Test
    void theSameMessageIdIsSeparatePerConsumer() {
        UUID message = UUID.randomUUID();
        credit(message, 1);
        Optional<Long> other = IdempotentConsumer.process(
                        pool,
                        "kit-test-other",
                        message,
                        tx -> tx.preparedQuery("UPDATE kit_test_account SET balance = balance + 1 WHERE id = $1")
                                .execute(Tuple.of(account))
                                .map(r -> (long) r.rowCount()))
                .await()
                .indefinitely();
        assertThat(other).isPresent();
        assertThat(balance()).isEqualTo(2);
    }

    private Optional<Long> credit(UUID message, long amount) {
        return creditAsync(message, amount).await().indefinitely();
    }

    private Uni<Optional<Long>> creditAsync(UUID message, long amount) {
        return IdempotentConsumer.process(
                pool,
                "kit-test",
                message,
                tx -> tx.preparedQuery("UPDATE kit_test_account SET balance = balance + $2 WHERE id = $1")
                        .execute(Tuple.of(account, amount))
                        .map(r -> (long) r.rowCount()));
    }

    private long balance() {
        return pool.preparedQuery("SELECT balance FROM kit_test_account WHERE id = $1")
                .execute(Tuple.of(account))
                .map(rows -> rows.iterator().next().getLong(0))
                .await()
                .indefinitely();
    }
}
