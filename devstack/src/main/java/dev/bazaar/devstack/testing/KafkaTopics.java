package dev.bazaar.devstack.testing;

import dev.bazaar.devstack.External;
import dev.bazaar.devstack.KafkaAccess;
import dev.bazaar.devstack.Profile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Tests' access to the test devstack's Kafka: send a record as another service would, and read what a service
 * published (from the beginning of the topic, filtered by key, so tests sharing a topic do not see each other's).
 */
public final class KafkaTopics {

    private static KafkaProducer<String, String> producer;

    private KafkaTopics() {}

    public static String bootstrap() {
        return External.kafka(Profile.test(Profile.findRepoRootOrCwd()));
    }

    /**
     * A test client's settings: the test devstack's bootstrap servers and the super user's login (the broker refuses
     * anonymous clients; tests play other services and read every topic), plus {@code settings}.
     */
    public static Map<String, Object> client(Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(KafkaAccess.adminClient());
        all.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        all.putAll(settings);
        return all;
    }

    public static void send(String topic, String key, String value) {
        try {
            producer().send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic, e);
        }
    }

    /**
     * Waits (up to 30 s) until {@code expected} records whose key matches have arrived, then half a second more so an
     * unexpected extra record is seen too; returns the values in topic order (per partition).
     */
    public static List<String> await(String topic, Predicate<String> key, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(client(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-reader-" + UUID.randomUUID(),
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
                    if (r.key() != null && key.test(r.key())) {
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

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(
                    client(Map.of(ProducerConfig.ACKS_CONFIG, "all")), new StringSerializer(), new StringSerializer());
        }
        return producer;
    }
}
