package dev.bazaar.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bazaar.kit.support.KitKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OutboxRelayTest {

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    final List<OutboxRelay> relays = new ArrayList<>();
    final List<KafkaProducer<String, String>> producers = new ArrayList<>();
    final String lockName = "kit-test-relay-" + UUID.randomUUID();

    @BeforeEach
    void givenAnEmptyOutbox() {
        pool.query("DELETE FROM kit_outbox").execute().await().indefinitely();
    }

    @AfterEach
    void stopRelays() {
        relays.forEach(r -> r.stop().await().atMost(Duration.ofSeconds(10)));
        producers.forEach(p -> p.close(Duration.ofSeconds(2)));
    }

    @Test
    void publishesOnlyAfterTheTransactionCommits() {
        String topic = KitKafka.newTopic(3);
        startRelay(10);
        SqlConnection tx = pool.getConnection().await().indefinitely();
        var transaction = tx.begin().await().indefinitely();
        UUID id = UUID.randomUUID();
        Outbox.append(tx, new OutboxMessage(id, topic, "order-1", "OrderPlaced", "{\"n\":1}"))
                .await()
                .indefinitely();

        assertThat(KitKafka.read(topic, 1, Duration.ofSeconds(2), Duration.ZERO))
                .as("nothing is published while the transaction is open")
                .isEmpty();

        transaction.commit().await().indefinitely();
        tx.close().await().indefinitely();

        List<ConsumerRecord<String, String>> records = KitKafka.read(topic, 1, Duration.ofSeconds(15), Duration.ZERO);
        assertThat(records).hasSize(1);
        ConsumerRecord<String, String> r = records.get(0);
        assertThat(r.key()).isEqualTo("order-1");
        assertThat(r.value()).isEqualTo("{\"n\":1}");
        assertThat(header(r, OutboxRelay.HEADER_MESSAGE_ID)).isEqualTo(id.toString());
        assertThat(header(r, OutboxRelay.HEADER_MESSAGE_TYPE)).isEqualTo("OrderPlaced");
        await().atMost(Duration.ofSeconds(5)).until(() -> unsent() == 0);
    }

    @Test
    void publishesNothingWhenTheTransactionRollsBack() {
        String topic = KitKafka.newTopic(1);
        startRelay(10);
        pool.withTransaction(tx -> Outbox.append(tx, message(topic, "k", "rolled-back"))
                        .flatMap(v -> Uni.createFrom().failure(new IllegalStateException("business rule failed"))))
                .onFailure()
                .recoverWithNull()
                .await()
                .indefinitely();
        pool.withTransaction(tx -> Outbox.append(tx, message(topic, "k", "committed")))
                .await()
                .indefinitely();

        // one partition and one key: had the rolled-back row been published, it would come first
        List<ConsumerRecord<String, String>> records =
                KitKafka.read(topic, 1, Duration.ofSeconds(15), Duration.ofMillis(500));
        assertThat(records).extracting(ConsumerRecord::value).containsExactly("committed");
    }

    @Test
    void keepsOrderPerKeyAcrossARelayRestartMidBatch() {
        String topic = KitKafka.newTopic(6);
        int perKey = 60;
        List<String> keys = List.of("a", "b", "c", "d");
        appendInterleaved(topic, keys, perKey);

        OutboxRelay first = startRelay(7);
        await().atMost(Duration.ofSeconds(20)).until(() -> unsent() < keys.size() * perKey);
        first.stop().await().atMost(Duration.ofSeconds(10));
        long leftAfterStop = unsent();
        assertThat(leftAfterStop).as("the restart happened mid-way").isPositive();

        startRelay(7);
        List<ConsumerRecord<String, String>> records =
                KitKafka.read(topic, keys.size() * perKey, Duration.ofSeconds(60), Duration.ofMillis(500));

        Map<String, List<Integer>> seen = new LinkedHashMap<>();
        records.forEach(
                r -> seen.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(Integer.parseInt(r.value())));
        List<Integer> expected =
                java.util.stream.IntStream.range(0, perKey).boxed().toList();
        keys.forEach(
                k -> assertThat(seen.get(k)).as("key %s in order, once each", k).isEqualTo(expected));
    }

    @Test
    void aFailingKeyStopsWhileOtherKeysGoOnThenResumesInOrder() {
        String good = KitKafka.newTopic(1);
        String missing = "kit-test-late-" + UUID.randomUUID();
        pool.withTransaction(tx -> Outbox.append(tx, message(missing, "stuck", "first"))
                        .flatMap(v -> Outbox.append(tx, message(missing, "stuck", "second")))
                        .flatMap(v -> Outbox.append(tx, message(good, "free", "1")))
                        .flatMap(v -> Outbox.append(tx, message(good, "free", "2"))))
                .await()
                .indefinitely();
        startRelay(10);

        assertThat(KitKafka.read(good, 2, Duration.ofSeconds(20), Duration.ZERO))
                .extracting(ConsumerRecord::value)
                .containsExactly("1", "2");
        await().atMost(Duration.ofSeconds(20)).until(() -> attempts("first") > 0);
        assertThat(attempts("second"))
                .as("the key stopped at its first failure")
                .isZero();

        KitKafka.createTopic(missing, 1);
        assertThat(KitKafka.read(missing, 2, Duration.ofSeconds(90), Duration.ofMillis(300)))
                .extracting(ConsumerRecord::value)
                .containsExactly("first", "second");
    }

    @Test
    void twoRelaysNeverPublishAtOnceAndTheOtherTakesOverWhenTheLeaderDies() {
        String topic = KitKafka.newTopic(3);
        OutboxRelay one = startRelay(20);
        OutboxRelay two = startRelay(20);
        await().atMost(Duration.ofSeconds(10)).until(() -> one.isLeader() || two.isLeader());
        assertThat(one.isLeader() && two.isLeader()).as("exactly one leader").isFalse();

        appendInterleaved(topic, List.of("x", "y"), 25);
        assertThat(KitKafka.read(topic, 50, Duration.ofSeconds(20), Duration.ofMillis(500)))
                .hasSize(50);

        OutboxRelay leader = one.isLeader() ? one : two;
        OutboxRelay follower = leader == one ? two : one;
        // the leader's database session dies (crash, network): its advisory lock goes with it
        // (this test's relays hold the only advisory lock in this database: other tests stop theirs)
        int terminated =
                pool.query("""
                SELECT pg_terminate_backend(l.pid) FROM pg_locks l
                WHERE l.locktype = 'advisory' AND l.granted AND l.pid <> pg_backend_pid()
                  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())""").execute().map(rows -> rows.rowCount()).await().indefinitely();
        assertThat(terminated).isEqualTo(1);
        // ... and its process is gone (it might otherwise win the lock back, which would be fine too)
        leader.stop().await().atMost(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(15)).until(follower::isLeader);
        assertThat(leader.isLeader()).isFalse();

        appendInterleaved(topic, List.of("z"), 20);
        List<ConsumerRecord<String, String>> all =
                KitKafka.read(topic, 70, Duration.ofSeconds(30), Duration.ofMillis(500));
        assertThat(all).hasSize(70);
        assertThat(all.stream()
                        .map(r -> header(r, OutboxRelay.HEADER_MESSAGE_ID))
                        .distinct())
                .hasSize(70);
    }

    private OutboxRelay startRelay(int batchSize) {
        KafkaProducer<String, String> producer = KitKafka.producer();
        producers.add(producer);
        OutboxRelay relay = new OutboxRelay(
                vertx,
                pool,
                producer,
                new OutboxRelay.Settings(
                        lockName,
                        Duration.ofMillis(100),
                        batchSize,
                        Duration.ofMillis(200),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(5),
                        Duration.ofDays(1)),
                null);
        relays.add(relay);
        relay.start();
        return relay;
    }

    private void appendInterleaved(String topic, List<String> keys, int perKey) {
        for (int i = 0; i < perKey; i++) {
            int n = i;
            pool.withTransaction(tx -> {
                        Uni<Void> chain = Uni.createFrom().voidItem();
                        for (String key : keys) {
                            chain = chain.flatMap(v -> Outbox.append(tx, message(topic, key, Integer.toString(n))));
                        }
                        return chain;
                    })
                    .await()
                    .indefinitely();
        }
    }

    private static OutboxMessage message(String topic, String key, String payload) {
        return new OutboxMessage(UUID.randomUUID(), topic, key, "TestEvent", payload);
    }

    private long unsent() {
        return pool.query("SELECT count(*) FROM kit_outbox WHERE sent_at IS NULL")
                .execute()
                .map(rows -> rows.iterator().next().getLong(0))
                .await()
                .indefinitely();
    }

    private int attempts(String payload) {
        return pool.preparedQuery("SELECT attempts FROM kit_outbox WHERE payload = $1")
                .execute(Tuple.of(payload))
                .map(rows -> rows.iterator().next().getInteger(0))
                .await()
                .indefinitely();
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
