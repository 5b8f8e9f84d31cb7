package dev.bazaar.kit.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bazaar.kit.problem.Problem;
import dev.bazaar.kit.support.KitKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A DLQ replay hands the letters to this service's own handlers, in process (against the test devstack's Kafka, each
 * test on a fresh DLQ): in order, committed in this service's replay group, and stopped — nothing lost — at a letter
 * that has no handler here or whose handler fails again.
 */
@QuarkusTest
class DeadLetterReplayTest {

    final String source = "kit-test-" + UUID.randomUUID();
    final String dlq = source + ".dlq";
    final List<String> handled = new CopyOnWriteArrayList<>();
    final AtomicBoolean fixed = new AtomicBoolean();
    final List<KafkaProducer<String, String>> producers = new ArrayList<>();

    /** The consumer under replay: records what it handled; "poison" is unreadable (until fixed), "hang" never ends. */
    final Function<String, Uni<Void>> handler = json -> {
        if (json.equals("poison") && !fixed.get()) {
            throw new Inbound.UnreadableMessage("not a message of " + source);
        }
        if (json.equals("broken") && !fixed.get()) {
            return Uni.createFrom().failure(new IllegalStateException("a bug"));
        }
        if (json.equals("hang") && !fixed.get()) {
            return Uni.createFrom().nothing();
        }
        return Uni.createFrom().voidItem().invoke(() -> handled.add(json));
    };

    @AfterEach
    void closeProducers() {
        producers.forEach(p -> p.close(Duration.ofSeconds(2)));
    }

    Config config(String application) {
        Map<String, String> props = new HashMap<>();
        Config app = ConfigProvider.getConfig();
        for (String name : app.getPropertyNames()) {
            if (name.startsWith("kafka.")) {
                app.getOptionalValue(name, String.class).ifPresent(v -> props.put(name, v));
            }
        }
        props.put("quarkus.application.name", application);
        props.put("mp.messaging.incoming.in.topic", source);
        props.put("mp.messaging.incoming.in.dead-letter-queue.topic", dlq);
        props.put("bazaar.kit.dead-letters.replay-timeout", "PT2S");
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(props, "test", 500))
                .build();
    }

    DeadLetters deadLetters(String application, Replayable... consumers) {
        return new DeadLetters(config(application), new SimpleMeterRegistry(), List.of(consumers));
    }

    Replayable consumer() {
        return () -> Map.of(source, handler);
    }

    /** Dead-letters {@code values} in this order (one partition), as a failed channel would, from {@code topic}. */
    void deadLetter(String topic, String... values) throws Exception {
        KafkaProducer<String, String> producer = KitKafka.producer();
        producers.add(producer);
        for (String v : values) {
            RecordHeaders headers = new RecordHeaders();
            headers.add("dead-letter-topic", topic.getBytes(StandardCharsets.UTF_8));
            headers.add("dead-letter-reason", "failed first time".getBytes(StandardCharsets.UTF_8));
            producer.send(new ProducerRecord<>(dlq, 0, "key-" + v, v, headers)).get(10, TimeUnit.SECONDS);
        }
    }

    static DeadLetters.Queue queue(DeadLetters letters) {
        return letters.list(500).await().atMost(Duration.ofSeconds(60)).getFirst();
    }

    /** Where {@code application}'s replay group has committed the DLQ's partition 0 (-1: nothing yet). */
    long committed(String application) throws Exception {
        try (Admin admin = Admin.create(DeadLetters.connection(config(application)))) {
            OffsetAndMetadata o = admin.listConsumerGroupOffsets(DeadLetters.group(application, dlq))
                    .partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS)
                    .get(new TopicPartition(dlq, 0));
            return o == null ? -1 : o.offset();
        }
    }

    @Test
    void aReplayHandsEveryLetterToTheHandlerInOrderAndCommitsThemForThisServiceOnly() throws Exception {
        KitKafka.createTopic(dlq, 1);
        deadLetter(source, "one", "two", "three", "four");
        DeadLetters letters = deadLetters("kit-test", consumer());
        assertThat(letters.topics()).containsExactly(dlq);
        assertThat(queue(letters).depth()).isEqualTo(4);

        DeadLetters.Replay replay = letters.replay(dlq).await().atMost(Duration.ofSeconds(60));

        assertThat(replay.replayed()).isEqualTo(4);
        assertThat(replay.stoppedAt()).isNull();
        assertThat(handled)
                .as("the service's own handler, in offset order")
                .containsExactly("one", "two", "three", "four");
        assertThat(queue(letters).depth()).as("nothing waits any more").isZero();
        assertThat(committed("kit-test"))
                .as("committed in bazaar.dlq-replay.kit-test.<dlq>")
                .isEqualTo(4);
        assertThat(DeadLetters.group("payment-service", "payment.commands.dlq"))
                .isEqualTo("bazaar.dlq-replay.payment-service.payment.commands.dlq");

        // another service sharing the DLQ still finds every letter waiting for it
        DeadLetters other = deadLetters("other-service", consumer());
        assertThat(committed("other-service")).isEqualTo(-1);
        assertThat(queue(other).depth()).isEqualTo(4);
        assertThat(queue(other).letters())
                .extracting(DeadLetters.Letter::value)
                .containsExactly("one", "two", "three", "four");

        // a second replay finds nothing left and handles nothing again
        DeadLetters.Replay again = letters.replay(dlq).await().atMost(Duration.ofSeconds(60));
        assertThat(again.replayed()).isZero();
        assertThat(again.stoppedAt()).isNull();
        assertThat(handled).hasSize(4);
    }

    @Test
    void aReplayStopsAtALetterWhoseHandlerFailsAndLeavesItAndTheLaterOnesWaiting() throws Exception {
        KitKafka.createTopic(dlq, 1);
        deadLetter(source, "one", "two", "poison", "three");
        DeadLetters letters = deadLetters("kit-test", consumer());

        DeadLetters.Replay replay = letters.replay(dlq).await().atMost(Duration.ofSeconds(60));

        assertThat(replay.replayed()).isEqualTo(2);
        assertThat(replay.stoppedAt())
                .isEqualTo(new DeadLetters.Stopped(
                        dlq, 0, 2, "key-poison", source, "UnreadableMessage: not a message of " + source));
        assertThat(handled).containsExactly("one", "two");
        DeadLetters.Queue waiting = queue(letters);
        assertThat(waiting.depth()).as("the failed letter and the one after it").isEqualTo(2);
        assertThat(waiting.letters()).extracting(DeadLetters.Letter::value).containsExactly("poison", "three");
        assertThat(committed("kit-test")).isEqualTo(2);

        // until the cause is fixed, every replay stops at that letter and takes nothing after it
        DeadLetters.Replay stillStopped = letters.replay(dlq).await().atMost(Duration.ofSeconds(60));
        assertThat(stillStopped.replayed()).isZero();
        assertThat(stillStopped.stoppedAt().offset()).isEqualTo(2);
        assertThat(queue(letters).depth()).isEqualTo(2);

        // the cause fixed, a replay takes the rest
        fixed.set(true);
        DeadLetters.Replay rest = letters.replay(dlq).await().atMost(Duration.ofSeconds(60));
        assertThat(rest.replayed()).isEqualTo(2);
        assertThat(rest.stoppedAt()).isNull();
        assertThat(handled).containsExactly("one", "two", "poison", "three");
        assertThat(queue(letters).depth()).isZero();
    }

    @Test
    void aHandlerThatFailsLaterOrNeverFinishesStopsTheReplayToo() throws Exception {
        KitKafka.createTopic(dlq, 1);
        deadLetter(source, "broken", "one");
        DeadLetters letters = deadLetters("kit-test", consumer());

        DeadLetters.Replay broken = letters.replay(dlq).await().atMost(Duration.ofSeconds(60));
        assertThat(broken.replayed()).isZero();
        assertThat(broken.stoppedAt().offset()).isZero();
        assertThat(broken.stoppedAt().reason()).isEqualTo("IllegalStateException: a bug");
        assertThat(queue(letters).depth()).isEqualTo(2);

        fixed.set(true);
        assertThat(letters.replay(dlq).await().atMost(Duration.ofSeconds(60)).replayed())
                .isEqualTo(2);
        fixed.set(false);
        deadLetter(source, "hang");
        DeadLetters.Replay hung = letters.replay(dlq).await().atMost(Duration.ofSeconds(60));
        assertThat(hung.replayed()).isZero();
        assertThat(hung.stoppedAt().offset()).isEqualTo(2);
        assertThat(hung.stoppedAt().reason()).contains("did not finish within PT2S");
        assertThat(queue(letters).depth()).isEqualTo(1);
        assertThat(handled).containsExactly("broken", "one");
    }

    @Test
    void aLetterOfATopicThisServiceHasNoHandlerForIsNotLost() throws Exception {
        KitKafka.createTopic(dlq, 1);
        String elsewhere = "kit-test-elsewhere-" + UUID.randomUUID();
        deadLetter(source, "one");
        deadLetter(elsewhere, "stranger");
        deadLetter(source, "two");
        DeadLetters letters = deadLetters("kit-test", consumer());

        DeadLetters.Replay replay = letters.replay(dlq).await().atMost(Duration.ofSeconds(60));

        assertThat(replay.replayed()).isEqualTo(1);
        assertThat(replay.stoppedAt().offset()).isEqualTo(1);
        assertThat(replay.stoppedAt().originalTopic()).isEqualTo(elsewhere);
        assertThat(replay.stoppedAt().reason()).contains("kit-test has no handler for " + elsewhere);
        assertThat(handled).containsExactly("one");
        DeadLetters.Queue waiting = queue(letters);
        assertThat(waiting.depth()).isEqualTo(2);
        assertThat(waiting.letters())
                .extracting(DeadLetters.Letter::originalTopic)
                .containsExactly(elsewhere, source);

        // with no consumer at all, nothing is taken either
        DeadLetters none = deadLetters("kit-test");
        assertThat(none.replay(dlq).await().atMost(Duration.ofSeconds(60)).replayed())
                .isZero();
        assertThat(queue(none).depth()).isEqualTo(2);
        // a service that does handle that topic takes it (and the next) in its own group
        DeadLetters both = deadLetters("kit-test", consumer(), () -> Map.of(elsewhere, handler));
        assertThat(both.replay(dlq).await().atMost(Duration.ofSeconds(60)).replayed())
                .isEqualTo(2);
        assertThat(handled).containsExactly("one", "stranger", "two");
        assertThat(queue(letters).depth()).isZero();
    }

    @Test
    void lettersComeOldestFirstAcrossPartitionsAndInOffsetOrderWithinOne() {
        List<ConsumerRecord<String, String>> read =
                List.of(record(1, 0, 100), record(0, 0, 300), record(1, 1, 200), record(0, 1, 50), record(2, 0, 250));
        // partition 0 keeps 0/0 (t=300) before 0/1 (t=50): offset order wins within a partition
        assertThat(DeadLetters.oldestFirst(read))
                .extracting(r -> r.partition() + "/" + r.offset())
                .containsExactly("1/0", "1/1", "2/0", "0/0", "0/1");
    }

    static ConsumerRecord<String, String> record(int partition, long offset, long timestamp) {
        return new ConsumerRecord<>(
                "x.dlq",
                partition,
                offset,
                timestamp,
                org.apache.kafka.common.record.TimestampType.CREATE_TIME,
                0,
                0,
                null,
                "v",
                new RecordHeaders(),
                java.util.Optional.empty());
    }

    @Test
    void theAdminSeesAStoppedReplayAsAProblemNamingTheLetterAndTheReason() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Response ok = DeadLetterResource.answer(new DeadLetters.Replay("a.dlq", 3, null));
        assertThat(ok.getStatus()).isEqualTo(200);
        JsonNode body = json.valueToTree(ok.getEntity());
        assertThat(body.get("topic").asText()).isEqualTo("a.dlq");
        assertThat(body.get("replayed").asInt()).isEqualTo(3);

        Response stopped = DeadLetterResource.answer(new DeadLetters.Replay(
                "a.dlq", 2, new DeadLetters.Stopped("a.dlq", 4, 17, "k", "a", "UnreadableMessage: unknown type Foo")));
        assertThat(stopped.getStatus()).isEqualTo(409);
        assertThat(stopped.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        JsonNode problem = json.valueToTree(stopped.getEntity());
        assertThat(problem.get("type").asText()).isEqualTo("https://bazaar.dev/problems/dead-letter-replay-stopped");
        assertThat(problem.get("status").asInt()).isEqualTo(409);
        assertThat(problem.get("replayed").asInt()).isEqualTo(2);
        assertThat(problem.get("stoppedAt").get("partition").asInt()).isEqualTo(4);
        assertThat(problem.get("stoppedAt").get("offset").asLong()).isEqualTo(17);
        assertThat(problem.get("stoppedAt").get("reason").asText()).isEqualTo("UnreadableMessage: unknown type Foo");
        assertThat(problem.get("detail").asText())
                .contains("Replayed 2 letter(s) of a.dlq", "a.dlq/4/17", "unknown type Foo", "still wait");
        assertThat(problem.get("instance").asText()).isEqualTo("/api/v1/admin/dead-letters/a.dlq/replay");
    }
}
