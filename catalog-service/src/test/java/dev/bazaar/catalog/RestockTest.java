package dev.bazaar.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.Lines.GroupRefund;
import dev.bazaar.contracts.messaging.Lines.StockLine;
import dev.bazaar.contracts.messaging.MessageCodec;
import dev.bazaar.contracts.messaging.OrderEvent;
import dev.bazaar.contracts.messaging.Topic;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.devstack.testing.KafkaTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RestockTest {

    @Inject
    Pool pool;

    UUID variant;

    @BeforeEach
    void givenAVariantWithThreeOnHand() {
        variant = UUID.fromString(
                CatalogFixtures.freshShopWithProduct(pool, "boots", "Boot", 9000, 900, CatalogFixtures.stock("B-1", 3))
                        .get(0));
    }

    @Test
    void aCancelledOrderRestocksItsLinesOnceEvenWhenRedelivered() {
        UUID order = UUID.randomUUID();
        var cancelled = Envelope.of(
                new OrderEvent.OrderCancelled(
                        order,
                        "buyer changed their mind",
                        List.of(GroupRefund.of(
                                UUID.randomUUID(),
                                UUID.randomUUID(),
                                Money.usd(18000),
                                Money.usd(0),
                                Money.usd(0),
                                Money.usd(1440))),
                        List.of(new StockLine(variant, 2))),
                3,
                Instant.now(),
                null,
                null);
        var returned = Envelope.of(
                new OrderEvent.ReturnApproved(
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        List.of(),
                        List.of(new StockLine(variant, 1))),
                5,
                Instant.now(),
                null,
                null);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaTopics.client(Map.of(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName())))) {
            String json = MessageCodec.encodeToString(cancelled);
            producer.send(new ProducerRecord<>(Topic.ORDER_EVENTS.topicName(), order.toString(), json));
            producer.send(new ProducerRecord<>(Topic.ORDER_EVENTS.topicName(), order.toString(), json));
            producer.send(new ProducerRecord<>(
                    Topic.ORDER_EVENTS.topicName(), returned.key(), MessageCodec.encodeToString(returned)));
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> onHand() == 6);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> onHand() == 6);
        assertThat(processed(cancelled.id())).isEqualTo(1);
    }

    private int onHand() {
        return pool.preparedQuery("SELECT on_hand FROM inventory WHERE variant_id = $1")
                .execute(Tuple.of(variant))
                .map(r -> r.iterator().next().getInteger(0))
                .await()
                .indefinitely();
    }

    private long processed(UUID messageId) {
        // the restock's own record: the shop sales (ShopSales) keep theirs for the same event
        return pool.preparedQuery(
                        "SELECT count(*) FROM kit_processed_message WHERE message_id = $1 AND consumer = 'catalog.restock'")
                .execute(Tuple.of(messageId))
                .map(r -> r.iterator().next().getLong(0))
                .await()
                .indefinitely();
    }
}
