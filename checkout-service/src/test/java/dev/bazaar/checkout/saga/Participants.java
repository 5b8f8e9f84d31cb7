package dev.bazaar.checkout.saga;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.Message;
import dev.bazaar.contracts.messaging.MessageCodec;
import dev.bazaar.contracts.messaging.Topic;
import dev.bazaar.devstack.testing.KafkaTopics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Plays inventory, payment and order for the saga tests of this module: reads the commands checkout sends to the real
 * Kafka and answers each with the replies a script gives (none, to let a step time out). Only sagas a test registered
 * are answered; every command of theirs is recorded in arrival order. (The real services meet the saga in
 * system-tests; here the point is to drive every reply order, including late and duplicate ones.)
 */
final class Participants implements AutoCloseable {

    /** A received command with its envelope (for causation) and its topic. */
    record Received(Topic topic, Envelope<?> envelope) {
        Message payload() {
            return envelope.payload();
        }

        String type() {
            return envelope.type();
        }
    }

    private final Map<UUID, Function<Message, List<Message>>> scripts = new ConcurrentHashMap<>();
    private final Map<UUID, List<Received>> received = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    Participants() {
        thread = new Thread(this::run, "saga-participants");
        thread.setDaemon(true);
        thread.start();
    }

    /** Answers the commands of saga {@code sagaId} with {@code script} (return an empty list to stay silent). */
    void script(UUID sagaId, Function<Message, List<Message>> script) {
        received.putIfAbsent(sagaId, new CopyOnWriteArrayList<>());
        scripts.put(sagaId, script);
    }

    List<Received> received(UUID sagaId) {
        return received.getOrDefault(sagaId, List.of());
    }

    List<String> types(UUID sagaId) {
        return received(sagaId).stream().map(Received::type).toList();
    }

    /** Sends a reply as the participant would (through Kafka, keyed by saga id). */
    static void reply(Message reply, UUID causation) {
        Envelope<Message> env = Envelope.of(reply, 0, Instant.now(), UUID.fromString(reply.key()), causation);
        KafkaTopics.send(env.topic().topicName(), env.key(), MessageCodec.encodeToString(env));
    }

    private void run() {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(KafkaTopics.client(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG,
                "checkout-saga-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName())))) {
            consumer.subscribe(List.of(
                    Topic.INVENTORY_COMMANDS.topicName(),
                    Topic.PAYMENT_COMMANDS.topicName(),
                    Topic.ORDER_COMMANDS.topicName()));
            while (running.get()) {
                consumer.poll(Duration.ofMillis(50)).forEach(r -> {
                    UUID saga;
                    try {
                        saga = UUID.fromString(r.key());
                    } catch (RuntimeException e) {
                        return;
                    }
                    Function<Message, List<Message>> script = scripts.get(saga);
                    if (script == null) {
                        return;
                    }
                    Topic topic = Topic.byName(r.topic()).orElseThrow();
                    if (!(MessageCodec.decode(topic, r.value()) instanceof MessageCodec.Decoded.Ok ok)) {
                        throw new IllegalStateException("checkout sent an unreadable command: " + r.value());
                    }
                    received.get(saga).add(new Received(topic, ok.envelope()));
                    for (Message reply : script.apply(ok.payload())) {
                        reply(reply, ok.envelope().id());
                    }
                });
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(5_000);
    }
}
