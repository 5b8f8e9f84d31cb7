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
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * The dead-letter queues of the topics a service consumes (every {@code mp.messaging.incoming.*.dead-letter-queue.topic}
 * it configures): what waits in each, and its replay once the cause is fixed. A DLQ holds only what no retry can
 * fix — an unreadable or invalid message, or a bug — because transient failures are waited out in place
 * ({@link Transients}). Depth — what waits for this service — is the gauge {@code bazaar_dlq_depth{topic}}.
 * <p>
 * <b>A replay runs in this service's process.</b> {@link #replay} hands each waiting letter — oldest first, in offset
 * order within each partition — to this service's own handler of the letter's original topic: the method its
 * {@code @Incoming} channel runs, named by the consumer class ({@link Replayable}). It awaits each handler on a worker
 * thread, for at most {@code bazaar.kit.dead-letters.replay-timeout} (2 minutes). Nothing is written to Kafka but the
 * replay group's offsets: the service needs no WRITE right on a topic it does not own, and no other service's
 * consumers see the record again. A letter of a topic that no handler of this service names, or whose handler fails
 * again (an {@link Inbound.UnreadableMessage}, a bug, the timeout), stops the replay there: the letters before it are
 * committed, it and those after it keep waiting, and the answer names it ({@link Stopped}) with the reason.
 * <p>
 * <b>Where a replay has got to is per service</b>: the consumer group {@code bazaar.dlq-replay.<application>.<dlq>}
 * ({@code quarkus.application.name}, e.g. {@code bazaar.dlq-replay.payment-service.payment.commands.dlq}), so a replay
 * through one service never hides a letter from another. A DLQ is shared by every consumer of its topic
 * ({@code order.events.dlq} receives what payment, catalog's restock and order's projector could not handle), so this
 * service's replay also passes the letters other services dead-lettered to its own handler. That is harmless: every
 * handler is idempotent — by message id ({@link IdempotentConsumer}), by aggregate version or sequence
 * ({@link VersionGuard}), or by the saga's or aggregate's own state — so a record it had handled already changes
 * nothing, exactly as when Kafka redelivers one. For the same reason a replayed letter may meet a live record of the
 * same key being handled at that moment.
 */
@ApplicationScoped
@IfBuildProperty(name = "bazaar.kit.dead-letters.enabled", stringValue = "true")
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final String PREFIX = "mp.messaging.incoming.";
    private static final String SUFFIX = ".dead-letter-queue.topic";
    static final Duration DEFAULT_REPLAY_TIMEOUT = Duration.ofMinutes(2);

    /** One dead letter: where it sits, where it came from and why it was given up. */
    public record Letter(
            String topic,
            int partition,
            long offset,
            String key,
            String originalTopic,
            long originalOffset,
            String reason,
            Instant at,
            String value) {}

    /** A DLQ: how many letters wait (not replayed yet), and the first of them. */
    public record Queue(String topic, long depth, List<Letter> letters) {}

    /** The letter a replay stopped at: where it sits, the topic it came from, and why it was not handled this time. */
    public record Stopped(String topic, int partition, long offset, String key, String originalTopic, String reason) {}

    /**
     * What a replay did: how many letters this service's handlers took (their offsets are committed), and the letter
     * it stopped at — null when every waiting letter was handled.
     */
    public record Replay(String topic, int replayed, Stopped stoppedAt) {}

    /** How the service reaches and signs in to Kafka ({@code kafka.bootstrap.servers}, {@code security.protocol}, sasl.*, ssl.*). */
    private final Properties connection;
    /** This service's DLQs, each with the topics whose channels dead-letter to it. */
    private final Map<String, Set<String>> sources;

    private final List<String> topics;
    /** {@code quarkus.application.name}: whose replay group. */
    private final String service;

    private final Duration replayTimeout;
    private final MeterRegistry registry;
    private final Iterable<? extends Replayable> consumers;
    private final Map<String, AtomicLong> depths = new ConcurrentHashMap<>();
    private volatile Map<String, List<Function<String, Uni<Void>>>> handlers;
    private volatile boolean running;

    @Inject
    public DeadLetters(MeterRegistry registry, Instance<Replayable> consumers) {
        this(ConfigProvider.getConfig(), registry, consumers);
    }

    DeadLetters(Config config, MeterRegistry registry, Iterable<? extends Replayable> consumers) {
        this.connection = connection(config);
        this.registry = registry;
        this.consumers = consumers;
        this.service = config.getValue("quarkus.application.name", String.class);
        this.replayTimeout = config.getOptionalValue("bazaar.kit.dead-letters.replay-timeout", Duration.class)
                .orElse(DEFAULT_REPLAY_TIMEOUT);
        Map<String, Set<String>> found = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(PREFIX) && name.endsWith(SUFFIX)) {
                String channel = name.substring(PREFIX.length(), name.length() - SUFFIX.length());
                String source = config.getOptionalValue(PREFIX + channel + ".topic", String.class)
                        .orElse(channel);
                config.getOptionalValue(name, String.class)
                        .ifPresent(dlq ->
                                found.computeIfAbsent(dlq, k -> new TreeSet<>()).add(source));
            }
        }
        this.sources = Collections.unmodifiableMap(found);
        this.topics = List.copyOf(found.keySet());
    }

    /** The service's own Kafka connection and credentials (with SASL on, its user and ACLs apply to DLQ work too). */
    static Properties connection(Config config) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.getValue("kafka.bootstrap.servers", String.class));
        for (String name : config.getPropertyNames()) {
            String key = name.startsWith("kafka.") ? name.substring("kafka.".length()) : null;
            if (key != null && (key.equals("security.protocol") || key.startsWith("sasl.") || key.startsWith("ssl."))) {
                config.getOptionalValue(name, String.class)
                        .filter(v -> !v.isBlank())
                        .ifPresent(v -> p.put(key, v));
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

    /** The consumer group that records how far {@code service} has replayed {@code dlq}. */
    static String group(String service, String dlq) {
        return "bazaar.dlq-replay." + service + "." + dlq;
    }

    String group(String dlq) {
        return group(service, dlq);
    }

    /** Per topic, this service's handlers of its records ({@link Replayable}; several if several channels read it). */
    Map<String, List<Function<String, Uni<Void>>>> handlers() {
        Map<String, List<Function<String, Uni<Void>>>> h = handlers;
        if (h == null) {
            Map<String, List<Function<String, Uni<Void>>>> all = new TreeMap<>();
            for (Replayable consumer : consumers) {
                consumer.replayHandlers()
                        .forEach((topic, handler) -> all.computeIfAbsent(topic, k -> new ArrayList<>())
                                .add(Objects.requireNonNull(handler, topic)));
            }
            all.replaceAll((topic, list) -> List.copyOf(list));
            handlers = h = Collections.unmodifiableMap(all);
        }
        return h;
    }

    void start(@Observes StartupEvent start) {
        for (String t : topics) {
            AtomicLong depth = depths.computeIfAbsent(t, k -> new AtomicLong());
            Gauge.builder("bazaar.dlq.depth", depth, AtomicLong::get)
                    .tag("topic", t)
                    .description("Dead letters not replayed yet")
                    .register(registry);
        }
        Map<String, List<Function<String, Uni<Void>>>> known = handlers();
        sources.forEach((dlq, from) -> from.stream()
                .filter(t -> !known.containsKey(t))
                .forEach(t -> LOG.warnf(
                        "%s has no replay handler for %s: a replay of %s stops at its first letter from %s (its consumer "
                                + "should implement Replayable)",
                        service, t, dlq, t)));
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
        return Uni.createFrom()
                .item(() -> {
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
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /**
     * Hands every waiting letter of {@code dlq} to this service's handler of its original topic, oldest first (in
     * offset order within a partition), committing each one handled; stops at the first letter without a handler or
     * whose handler fails. Nothing is produced to Kafka. Runs on a worker thread, one replay at a time.
     */
    public Uni<Replay> replay(String dlq) {
        if (!topics.contains(dlq)) {
            return Uni.createFrom()
                    .failure(new IllegalArgumentException("not a dead-letter queue of this service: " + dlq));
        }
        return Uni.createFrom().item(() -> replayNow(dlq)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private synchronized Replay replayNow(String dlq) {
        Map<String, List<Function<String, Uni<Void>>>> known = handlers();
        try (KafkaConsumer<String, String> consumer = consumer(dlq)) {
            List<ConsumerRecord<String, String>> read = new ArrayList<>();
            long depth = waiting(consumer, dlq, (record, end) -> read.add(record));
            int replayed = 0;
            Stopped stopped = null;
            for (ConsumerRecord<String, String> r : oldestFirst(read)) {
                String failure = handle(known, r);
                if (failure != null) {
                    stopped = new Stopped(r.topic(), r.partition(), r.offset(), r.key(), originalTopic(r), failure);
                    break;
                }
                consumer.commitSync(
                        Map.of(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1)));
                replayed++;
            }
            depths.computeIfAbsent(dlq, k -> new AtomicLong()).set(Math.max(0, depth - replayed));
            if (stopped == null) {
                LOG.infof("replayed %d dead letter(s) of %s in %s", replayed, dlq, service);
            } else {
                LOG.warnf(
                        "replay of %s in %s stopped after %d letter(s) at %s/%d/%d (from %s): %s",
                        dlq,
                        service,
                        replayed,
                        stopped.topic(),
                        stopped.partition(),
                        stopped.offset(),
                        stopped.originalTopic(),
                        stopped.reason());
            }
            return new Replay(dlq, replayed, stopped);
        }
    }

    /** Runs one letter through this service's handler(s) of its original topic: null when handled, else why not. */
    private String handle(Map<String, List<Function<String, Uni<Void>>>> known, ConsumerRecord<String, String> r) {
        String original = originalTopic(r);
        List<Function<String, Uni<Void>>> handlers = known.get(original);
        if (handlers == null || handlers.isEmpty()) {
            return service + " has no handler for " + original + " (it replays letters of " + known.keySet() + ")";
        }
        for (Function<String, Uni<Void>> handler : handlers) {
            try {
                Uni.createFrom()
                        .deferred(() -> handler.apply(r.value()))
                        .ifNoItem()
                        .after(replayTimeout)
                        .failWith(() -> new TimeoutException("the handler did not finish within " + replayTimeout))
                        .await()
                        .indefinitely();
            } catch (RuntimeException e) {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                LOG.warnf(
                        cause,
                        "replaying dead letter %s/%d/%d (from %s) in %s failed",
                        r.topic(),
                        r.partition(),
                        r.offset(),
                        original,
                        service);
                return cause.getMessage() == null
                        ? cause.getClass().getName()
                        : cause.getClass().getSimpleName() + ": " + cause.getMessage();
            }
        }
        return null;
    }

    /** Oldest first across partitions (by record timestamp), never out of offset order within one partition. */
    static List<ConsumerRecord<String, String>> oldestFirst(List<ConsumerRecord<String, String>> records) {
        Map<Integer, ArrayDeque<ConsumerRecord<String, String>>> partitions = new TreeMap<>();
        records.stream()
                .sorted(Comparator.comparingLong(ConsumerRecord::offset))
                .forEach(r -> partitions
                        .computeIfAbsent(r.partition(), p -> new ArrayDeque<>())
                        .add(r));
        Comparator<ArrayDeque<ConsumerRecord<String, String>>> byHead =
                Comparator.<ArrayDeque<ConsumerRecord<String, String>>>comparingLong(
                                q -> q.peek().timestamp())
                        .thenComparingInt(q -> q.peek().partition());
        PriorityQueue<ArrayDeque<ConsumerRecord<String, String>>> heads = new PriorityQueue<>(byHead);
        heads.addAll(partitions.values());
        List<ConsumerRecord<String, String>> out = new ArrayList<>(records.size());
        while (!heads.isEmpty()) {
            ArrayDeque<ConsumerRecord<String, String>> q = heads.poll();
            out.add(q.poll());
            if (!q.isEmpty()) {
                heads.add(q);
            }
        }
        return out;
    }

    private interface Visitor {
        void visit(ConsumerRecord<String, String> record, long end);
    }

    /** Reads what waits in a DLQ (after the replay group's offsets, up to the end as of now); answers how many. */
    private static long waiting(KafkaConsumer<String, String> consumer, String topic, Visitor visitor) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
        Map<TopicPartition, OffsetAndMetadata> committed =
                consumer.committed(new java.util.HashSet<>(partitions), Duration.ofSeconds(10));
        long depth = 0;
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata from = committed.get(tp);
            long start = from == null
                    ? consumer.beginningOffsets(List.of(tp), Duration.ofSeconds(10))
                            .get(tp)
                    : from.offset();
            consumer.seek(tp, start);
            depth += Math.max(0, ends.get(tp) - start);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline
                && partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
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
                var description = admin.describeTopics(List.of(t))
                        .allTopicNames()
                        .get(10, TimeUnit.SECONDS)
                        .get(t);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                description
                        .partitions()
                        .forEach(x -> latest.put(new TopicPartition(t, x.partition()), OffsetSpec.latest()));
                Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
                latest.keySet().forEach(tp -> earliest.put(tp, OffsetSpec.earliest()));
                var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
                var starts = admin.listOffsets(earliest).all().get(10, TimeUnit.SECONDS);
                var committed = admin.listConsumerGroupOffsets(group(t))
                        .partitionsToOffsetAndMetadata()
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
        return new Letter(
                r.topic(),
                r.partition(),
                r.offset(),
                r.key(),
                originalTopic(r),
                header(r, "dead-letter-offset") == null ? -1 : Long.parseLong(header(r, "dead-letter-offset")),
                header(r, "dead-letter-reason"),
                Instant.ofEpochMilli(r.timestamp()),
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
