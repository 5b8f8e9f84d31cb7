package dev.bazaar.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bazaar.catalog.service.InventoryReservations;
import dev.bazaar.catalog.service.InventoryReservations.Outcome;
import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.InventoryCommand;
import dev.bazaar.contracts.messaging.InventoryReply;
import dev.bazaar.contracts.messaging.Lines.StockLine;
import dev.bazaar.contracts.messaging.MessageCodec;
import dev.bazaar.contracts.messaging.Topic;
import dev.bazaar.devstack.testing.KafkaTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class InventoryReservationsTest {

    @Inject
    InventoryReservations reservations;

    @Inject
    Pool pool;

    UUID fifty;
    UUID ten;

    @BeforeEach
    void givenTwoVariantsWith50And10InStock() {
        List<String> variants = CatalogFixtures.freshShopWithProduct(
                pool, "sneakers", "Runner", 5000, 500, CatalogFixtures.stock("R-50", 50, "R-10", 10));
        pool.query("TRUNCATE reservation CASCADE").execute().await().indefinitely();
        fifty = UUID.fromString(variants.get(0));
        ten = UUID.fromString(variants.get(1));
    }

    @Test
    void twoHundredConcurrentCheckoutsForFiftyUnitsNeverOversell() {
        List<Uni<Outcome>> racers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            racers.add(reservations.reserve(
                    UUID.randomUUID(),
                    UUID.randomUUID(),
                    List.of(new StockLine(fifty, 1)),
                    Instant.now().plusSeconds(1800),
                    UUID.randomUUID()));
        }
        List<Outcome> outcomes = Uni.join().all(racers).andFailFast().await().atMost(Duration.ofSeconds(60));

        assertThat(outcomes.stream().filter(o -> o == Outcome.RESERVED)).hasSize(50);
        assertThat(outcomes.stream().filter(o -> o == Outcome.REJECTED)).hasSize(150);
        assertThat(stock(fifty)).containsExactly(50, 50);
    }

    @Test
    void allLinesOrNone() {
        UUID saga = UUID.randomUUID();
        Outcome outcome = reserve(saga, new StockLine(fifty, 5), new StockLine(ten, 11));

        assertThat(outcome).isEqualTo(Outcome.REJECTED);
        assertThat(stock(fifty)).as("the line that fitted was not held").containsExactly(50, 0);
        assertThat(stock(ten)).containsExactly(10, 0);
    }

    @Test
    void aReplayedCommandChangesNothing() {
        UUID saga = UUID.randomUUID();
        assertThat(reserve(saga, new StockLine(ten, 4))).isEqualTo(Outcome.RESERVED);
        assertThat(reserve(saga, new StockLine(ten, 4))).isEqualTo(Outcome.RESERVED);
        assertThat(stock(ten)).containsExactly(10, 4);

        assertThat(reservations.commit(saga, null).await().indefinitely()).isEqualTo(Outcome.COMMITTED);
        assertThat(reservations.commit(saga, null).await().indefinitely()).isEqualTo(Outcome.COMMITTED);
        assertThat(stock(ten)).as("sold: on hand down, nothing held").containsExactly(6, 0);
    }

    @Test
    void aCompensatingReleaseAfterACommitPutsTheSoldStockBackOnce() {
        UUID saga = UUID.randomUUID();
        reserve(saga, new StockLine(ten, 4));
        assertThat(reservations.commit(saga, null).await().indefinitely()).isEqualTo(Outcome.COMMITTED);
        assertThat(stock(ten)).containsExactly(6, 0);

        assertThat(reservations.release(saga, null).await().indefinitely())
                .as("the saga failed after its commit: the sale is undone")
                .isEqualTo(Outcome.RELEASED);
        assertThat(stock(ten)).containsExactly(10, 0);
        assertThat(reservations.release(saga, null).await().indefinitely()).isEqualTo(Outcome.RELEASED);
        assertThat(reservations.commit(saga, null).await().indefinitely()).isEqualTo(Outcome.RELEASED);
        assertThat(stock(ten))
                .as("a second release or a late commit changes nothing")
                .containsExactly(10, 0);
    }

    @Test
    void aReleaseGivesTheStockBack() {
        UUID saga = UUID.randomUUID();
        reserve(saga, new StockLine(ten, 3), new StockLine(fifty, 2));
        assertThat(reservations.release(saga, null).await().indefinitely()).isEqualTo(Outcome.RELEASED);
        assertThat(stock(ten)).containsExactly(10, 0);
        assertThat(stock(fifty)).containsExactly(50, 0);
        assertThat(reservations.commit(saga, null).await().indefinitely())
                .as("a released reservation cannot be committed")
                .isEqualTo(Outcome.RELEASED);
    }

    @Test
    void anExpiredReservationIsReleasedByTheSweep() {
        UUID saga = UUID.randomUUID();
        reservations
                .reserve(
                        saga,
                        UUID.randomUUID(),
                        List.of(new StockLine(ten, 7)),
                        Instant.now().minusSeconds(1),
                        null)
                .await()
                .indefinitely();
        await().atMost(Duration.ofSeconds(15)).until(() -> stock(ten).get(1) == 0);
        assertThat(status(saga)).isEqualTo("RELEASED");
    }

    @Test
    void commandsArriveOnKafkaAndRepliesLeaveOnKafka() {
        UUID saga = UUID.randomUUID();
        UUID reservation = UUID.randomUUID();
        var command = Envelope.of(
                new InventoryCommand.ReserveStock(
                        saga,
                        reservation,
                        List.of(new StockLine(ten, 2)),
                        Instant.now().plusSeconds(1800)),
                0,
                Instant.now(),
                saga,
                null);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaTopics.client(Map.of(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName())))) {
            producer.send(new ProducerRecord<>(
                    Topic.INVENTORY_COMMANDS.topicName(), saga.toString(), MessageCodec.encodeToString(command)));
            // a record nobody can read goes to the DLQ instead of blocking the partition
            producer.send(new ProducerRecord<>(
                    Topic.INVENTORY_COMMANDS.topicName(),
                    saga.toString(),
                    "{\"type\":\"ReserveEverything\",\"schemaVersion\":1}"));
            // the same command again (a redelivery): same answer, nothing held twice
            producer.send(new ProducerRecord<>(
                    Topic.INVENTORY_COMMANDS.topicName(), saga.toString(), MessageCodec.encodeToString(command)));
        }

        List<String> replies = read(Topic.INVENTORY_REPLIES.topicName(), saga.toString(), 2);
        assertThat(replies).hasSize(2).allSatisfy(json -> {
            var decoded = (MessageCodec.Decoded.Ok) MessageCodec.decode(Topic.INVENTORY_REPLIES, json);
            assertThat(decoded.envelope().payload())
                    .isEqualTo(new InventoryReply.StockReserved(
                            saga,
                            reservation,
                            ((InventoryCommand.ReserveStock) command.payload())
                                    .expiresAt()
                                    .truncatedTo(java.time.temporal.ChronoUnit.MICROS)));
            assertThat(decoded.envelope().correlationId()).isEqualTo(saga);
        });
        assertThat(stock(ten)).containsExactly(10, 2);
        assertThat(read(Topic.INVENTORY_COMMANDS.dlq(), saga.toString(), 1))
                .singleElement()
                .satisfies(json -> assertThat(json).contains("ReserveEverything"));
    }

    private Outcome reserve(UUID saga, StockLine... lines) {
        return reservations
                .reserve(saga, UUID.randomUUID(), List.of(lines), Instant.now().plusSeconds(1800), null)
                .await()
                .indefinitely();
    }

    /** [on hand, reserved] */
    private List<Integer> stock(UUID variant) {
        return pool.preparedQuery("SELECT on_hand, reserved FROM inventory WHERE variant_id = $1")
                .execute(Tuple.of(variant))
                .map(r -> List.of(
                        r.iterator().next().getInteger(0), r.iterator().next().getInteger(1)))
                .await()
                .indefinitely();
    }

    private String status(UUID saga) {
        return pool.preparedQuery("SELECT status FROM reservation WHERE saga_id = $1")
                .execute(Tuple.of(saga))
                .map(r -> r.iterator().next().getString(0))
                .await()
                .indefinitely();
    }

    private List<String> read(String topic, String key, int expected) {
        List<String> values = new ArrayList<>();
        Predicate<String> mine = k -> k != null && k.equals(key);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(KafkaTopics.client(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG,
                "catalog-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName())))) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plusSeconds(30);
            Instant settle = null;
            while (Instant.now().isBefore(deadline)
                    && (settle == null || Instant.now().isBefore(settle))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (mine.test(r.key())) {
                        values.add(r.value());
                    }
                });
                if (settle == null && values.size() >= expected) {
                    settle = Instant.now().plusMillis(500);
                }
            }
        }
        return values;
    }
}
