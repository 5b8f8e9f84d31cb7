package dev.bazaar.kit.consumer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The dead-letter queues of the topics a service consumes (every {@code mp.messaging.incoming.*.dead-letter-queue.topic}
 * it configures): what waits in each, and its replay to the original topic once the cause is fixed. A DLQ holds only
 * what no retry can fix — an unreadable or invalid message, or a bug — because transient failures are waited out in
 * place ({@link Transients}). Where a DLQ has been replayed up to is one consumer group per DLQ
 * ({@code bazaar.dlq-replay.<dlq>}) shared by every service: a record is replayed once, to its original topic, where
 * every consumer (idempotent) sees it again. Depth — what waits — is the gauge {@code bazaar_dlq_depth{topic}}.
 */
@ApplicationScoped
@IfBuildProperty(name = "bazaar.kit.dead-letters.enabled", stringValue = "true")
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final String PREFIX = "mp.messaging.incoming.";
    private static final String SUFFIX = ".dead-letter-queue.topic";

    /** One dead letter: where it sits, where it came from and why it was given up. */
    public record Letter(String topic, int partition, long offset, String key, String originalTopic, long originalOffset,
            String reason, Instant at, String value) {
    }

    /** A DLQ: how many letters wait (not replayed yet), and the first of them. */
    public record Queue(String topic, long depth, List<Letter> letters) {
    }

    /** How the service reaches and signs in to Kafka ({@code kafka.bootstrap.servers}, {@code security.protocol}, sasl.*, ssl.*). */
    private final Properties connection;
    private final List<String> topics;
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> depths = new ConcurrentHashMap<>();
    private volatile boolean running;

    public DeadLetters(MeterRegistry registry) {
        Config config = ConfigProvider.getConfig();
        this.connection = connection(config);
        this.registry = registry;
        TreeSet<String> found = new TreeSet<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(PREFIX) && name.endsWith(SUFFIX)) {
                config.getOptionalValue(name, String.class).ifPresent(found::add);
            }
        }
        this.topics = List.copyOf(found);
    }

    /** The service's own Kafka connection and credentials (with SASL on, its user and ACLs apply to DLQ work too). */
    static Properties connection(Config config) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.getValue("kafka.bootstrap.servers", String.class));
        for (String name : config.getPropertyNames()) {
            String key = name.startsWith("kafka.") ? name.substring("kafka.".length()) : null;
            if (key != null && (key.equals("security.protocol") || key.startsWith("sasl.") || key.startsWith("ssl."))) {
                config.getOptionalValue(name, String.class).filter(v -> !v.isBlank()).ifPresent(v -> p.put(key, v));
            }
        }
        return p;
    }

    private Properties base() {
        Properties p = new Properties();
        p.putAll(connection);
        return p;
    }

    public List<String> topics() {
        return topics;
    }

    static String group(String dlq) {
        return "bazaar.dlq-replay." + dlq;
    }

    void start(@Observes StartupEvent start) {
        for (String t : topics) {
            AtomicLong depth = depths.computeIfAbsent(t, k -> new AtomicLong());
            Gauge.builder("bazaar.dlq.depth", depth, AtomicLong::get).tag("topic", t)
                    .description("Dead letters not replayed yet").register(registry);
        }
        running = true;
        Thread.ofVirtual().name("dlq-depth").start(() -> {
            while (running) {
                try {
                    refreshDepths();
                } catch (RuntimeException e) {
                    LOG.debugf("DLQ depths not refreshed: %s", e.getMessage());
                }
                sleep(30_000);
            }
        });
    }

    void stop(@Observes ShutdownEvent stop) {
        running = false;
    }

    /** Every DLQ with its depth and up to {@code max} of its waiting letters, oldest first. */
    public Uni<List<Queue>> list(int max) {
        return Uni.createFrom().item(() -> {
            List<Queue> out = new ArrayList<>();
            for (String t : topics) {
                try (KafkaConsumer<String, String> consumer = consumer(t)) {
                    List<Letter> letters = new ArrayList<>();
                    long depth = waiting(consumer, t, (record, end) -> {
                        if (letters.size() < max) {
                            letters.add(letter(record));
                        }
                    });
                    depths.computeIfAbsent(t, k -> new AtomicLong()).set(depth);
                    out.add(new Queue(t, depth, letters));
                }
            }
            return out;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /**
     * Sends every waiting letter of {@code dlq} back to its original topic (same key, value and headers, without the
     * dead-letter headers, with {@code bazaar-replayed-from}), then records them replayed. Answers how many.
     */
    public Uni<Integer> replay(String dlq) {
        if (!topics.contains(dlq)) {
            return Uni.createFrom().failure(new IllegalArgumentException("not a dead-letter queue of this service: "
                    + dlq));
        }
        return Uni.createFrom().item(() -> {
            synchronized (this) {
                try (KafkaConsumer<String, String> consumer = consumer(dlq);
                        KafkaProducer<String, String> producer = producer()) {
                    List<ConsumerRecord<String, String>> waiting = new ArrayList<>();
                    waiting(consumer, dlq, (record, end) -> waiting.add(record));
                    Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                    for (ConsumerRecord<String, String> r : waiting) {
                        RecordHeaders headers = new RecordHeaders();
                        for (Header h : r.headers()) {
                            if (!h.key().startsWith("dead-letter-")) {
                                headers.add(h);
                            }
                        }
                        headers.add("bazaar-replayed-from", (r.topic() + "/" + r.partition() + "/" + r.offset())
                                .getBytes(StandardCharsets.UTF_8));
                        producer.send(new ProducerRecord<>(originalTopic(r), null, r.key(), r.value(), headers));
                        done.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                    }
                    producer.flush();
                    consumer.commitSync(done);
                    LOG.infof("replayed %d dead letter(s) of %s", waiting.size(), dlq);
                    depths.computeIfAbsent(dlq, k -> new AtomicLong()).set(0);
                    return waiting.size();
                }
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private interface Visitor {
        void visit(ConsumerRecord<String, String> record, long end);
    }

    /** Reads what waits in a DLQ (after the replay group's offsets, up to the end as of now); answers how many. */
    private static long waiting(KafkaConsumer<String, String> consumer, String topic, Visitor visitor) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new java.util.HashSet<>(partitions),
                Duration.ofSeconds(10));
        long depth = 0;
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata from = committed.get(tp);
            long start = from == null ? consumer.beginningOffsets(List.of(tp), Duration.ofSeconds(10)).get(tp)
                    : from.offset();
            consumer.seek(tp, start);
            depth += Math.max(0, ends.get(tp) - start);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline && partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (r.offset() < ends.get(tp)) {
                    visitor.visit(r, ends.get(tp));
                }
            }
        }
        return depth;
    }

    /** Depth of every DLQ: its end offsets less the replay group's (an Admin client: no records read). */
    void refreshDepths() {
        Properties p = base();
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(p)) {
            for (String t : topics) {
                var description = admin.describeTopics(List.of(t)).allTopicNames().get(10, TimeUnit.SECONDS).get(t);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                description.partitions().forEach(x -> latest.put(new TopicPartition(t, x.partition()),
                        OffsetSpec.latest()));
                Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
                latest.keySet().forEach(tp -> earliest.put(tp, OffsetSpec.earliest()));
                var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
                var starts = admin.listOffsets(earliest).all().get(10, TimeUnit.SECONDS);
                var committed = admin.listConsumerGroupOffsets(group(t)).partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS);
                long depth = 0;
                for (TopicPartition tp : latest.keySet()) {
                    OffsetAndMetadata c = committed.get(tp);
                    long from = c == null ? starts.get(tp).offset() : c.offset();
                    depth += Math.max(0, ends.get(tp).offset() - from);
                }
                depths.computeIfAbsent(t, k -> new AtomicLong()).set(depth);
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("cannot read the DLQs' offsets: " + e.getMessage(), e);
        }
    }

    private static String originalTopic(ConsumerRecord<String, String> r) {
        Header h = r.headers().lastHeader("dead-letter-topic");
        if (h != null) {
            return new String(h.value(), StandardCharsets.UTF_8);
        }
        return r.topic().endsWith(".dlq") ? r.topic().substring(0, r.topic().length() - 4) : r.topic();
    }

    private static Letter letter(ConsumerRecord<String, String> r) {
        String value = r.value();
        return new Letter(r.topic(), r.partition(), r.offset(), r.key(), originalTopic(r),
                header(r, "dead-letter-offset") == null ? -1 : Long.parseLong(header(r, "dead-letter-offset")),
                header(r, "dead-letter-reason"), Instant.ofEpochMilli(r.timestamp()),
                value == null ? null : value.length() > 2_000 ? value.substring(0, 2_000) + "…" : value);
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private KafkaConsumer<String, String> consumer(String dlq) {
        Properties p = base();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group(dlq));
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }

    private KafkaProducer<String, String> producer() {
        Properties p = base();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
