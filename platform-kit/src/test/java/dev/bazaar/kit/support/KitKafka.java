package dev.bazaar.kit.support;

import dev.bazaar.devstack.testing.KafkaTopics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Real Kafka for the kit's tests: fresh topics (auto-creation is off), producers, and reading a topic whole. */
public final class KitKafka {

    private KitKafka() {}

    public static String newTopic(int partitions) {
        String name = "kit-test-" + UUID.randomUUID();
        createTopic(name, partitions);
        return name;
    }

    public static void createTopic(String name, int partitions) {
        try (AdminClient admin = AdminClient.create(KafkaTopics.client(Map.of()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                    .all()
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + name, e);
        }
    }

    public static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(KafkaTopics.client(Map.of(
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.ACKS_CONFIG,
                "all",
                // a missing topic fails a send quickly instead of after a minute
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                1500,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName())));
    }

    /** Reads the topic from the start until {@code expected} records arrived, then for {@code settle} more. */
    public static List<ConsumerRecord<String, String>> read(
            String topic, int expected, Duration timeout, Duration settle) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(KafkaTopics.client(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG,
                "kit-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName())))) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            Instant settleUntil = null;
            while (Instant.now().isBefore(deadline)
                    && (settleUntil == null || Instant.now().isBefore(settleUntil))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                if (settleUntil == null && records.size() >= expected) {
                    settleUntil = Instant.now().plus(settle);
                }
            }
        }
        return records;
    }
}
