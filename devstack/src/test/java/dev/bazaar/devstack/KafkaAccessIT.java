package dev.bazaar.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Least privilege on the test devstack's real Kafka (shared with the other modules' tests; left running): a client
 * must sign in, and a service's user may write only the topics it owns and read only what it consumes, in its own
 * consumer groups. The forged-refund attack of issue #21: the public-facing cart's credentials cannot publish
 * {@code order.events}.
 */
class KafkaAccessIT {

    private static String bootstrap;

    @BeforeAll
    static void up() {
        Profile profile = Profile.test(Profile.findRepoRoot());
        new Devstack(profile, System.out).up(EnumSet.of(Component.KAFKA));
        bootstrap = External.kafka(profile);
    }

    @Test
    void theCartsCredentialsCannotPublishOrderEvents() {
        try (KafkaProducer<String, String> cart = producer(KafkaAccess.serviceClient("cart"))) {
            assertThatThrownBy(() -> send(cart, "order.events"))
                    .hasCauseInstanceOf(TopicAuthorizationException.class)
                    .hasMessageContaining("order.events");
            // nor any other topic: the cart publishes nothing
            assertThatThrownBy(() -> send(cart, "payment.events"))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
        // the topic's owner may
        try (KafkaProducer<String, String> order = producer(KafkaAccess.serviceClient("order"))) {
            assertThat(send(order, "order.events").topic()).isEqualTo("order.events");
        }
    }

    @Test
    void aServiceWritesOnlyWhatItOwnsAndTheDeadLettersOfWhatItConsumes() {
        try (KafkaProducer<String, String> catalog = producer(KafkaAccess.serviceClient("catalog"))) {
            assertThat(send(catalog, "catalog.product-events").topic()).isEqualTo("catalog.product-events");
            assertThat(send(catalog, "order.events.dlq").topic()).isEqualTo("order.events.dlq");
            assertThatThrownBy(() -> send(catalog, "payment.replies"))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
            // it consumes order.events, which gives it no right to publish one (a forged ReturnApproved)
            assertThatThrownBy(() -> send(catalog, "order.events"))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
        try (KafkaProducer<String, String> payment = producer(KafkaAccess.serviceClient("payment"))) {
            assertThatThrownBy(() -> send(payment, "payment.commands"))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aServiceReadsWhatItConsumesInItsOwnGroupsOnly() {
        // the cart's product cache reads catalog.product-events in its group
        try (KafkaConsumer<String, String> c = consumer(KafkaAccess.serviceClient("cart"), "cart-product-cache")) {
            c.subscribe(List.of("catalog.product-events"));
            c.poll(Duration.ofSeconds(3));
            assertThat(c.assignment()).isNotEmpty();
        }
        // not a topic it does not consume
        try (KafkaConsumer<String, String> c = consumer(KafkaAccess.serviceClient("cart"), "cart-product-cache")) {
            c.assign(List.of(new org.apache.kafka.common.TopicPartition("payment.events", 0)));
            assertThatThrownBy(() -> c.poll(Duration.ofSeconds(5))).isInstanceOf(TopicAuthorizationException.class);
        }
        // not in another service's group (it would steal that service's partitions and offsets)
        try (KafkaConsumer<String, String> c = consumer(KafkaAccess.serviceClient("cart"), "payment-order-events")) {
            c.subscribe(List.of("catalog.product-events"));
            assertThatThrownBy(() -> c.poll(Duration.ofSeconds(5))).isInstanceOf(GroupAuthorizationException.class);
        }
    }

    @Test
    void nobodyGetsInWithoutTheirPassword() {
        Map<String, Object> anonymous = Map.of(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT");
        try (Admin admin = Admin.create(client(
                anonymous,
                Map.of(
                        CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG,
                        3000,
                        CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG,
                        5000)))) {
            assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
                    .isInstanceOfAny(ExecutionException.class, java.util.concurrent.TimeoutException.class);
        }
        Map<String, Object> wrong = new HashMap<>(KafkaAccess.serviceClient("order"));
        wrong.put(
                "sasl.jaas.config",
                KafkaAccess.jaas(
                        "org.apache.kafka.common.security.scram.ScramLoginModule",
                        KafkaAccess.user("order"),
                        "not-its-password"));
        try (KafkaProducer<String, String> impostor = producer(wrong)) {
            assertThatThrownBy(() -> send(impostor, "order.events"))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    private static RecordMetadata send(KafkaProducer<String, String> producer, String topic) {
        try {
            return producer.send(new ProducerRecord<>(topic, "kafka-access-it", "{}"))
                    .get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("send to " + topic + " failed: " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> client(Map<String, Object> login, Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(login);
        all.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        all.putAll(settings);
        return all;
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> login) {
        return new KafkaProducer<>(
                client(
                        login,
                        Map.of(
                                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                                10000,
                                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                                12000,
                                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                                5000)),
                new StringSerializer(),
                new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(Map<String, Object> login, String group) {
        return new KafkaConsumer<>(
                client(
                        login,
                        Map.of(
                                ConsumerConfig.GROUP_ID_CONFIG,
                                group,
                                ConsumerConfig.CLIENT_ID_CONFIG,
                                "kafka-access-it-" + UUID.randomUUID(),
                                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                                false)),
                new StringDeserializer(),
                new StringDeserializer());
    }
}
