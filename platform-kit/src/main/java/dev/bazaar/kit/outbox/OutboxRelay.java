package dev.bazaar.kit.outbox;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bazaar.contracts.messaging.MessageCodec;
import dev.bazaar.kit.leader.LeaderLease;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka. Only the replica holding the {@link LeaderLease} publishes. Rows of one key
 * (topic + Kafka key) go out one at a time in id order, each marked sent once Kafka acknowledged it; when a send
 * fails, that key stops (its later rows wait) and is retried with backoff, while other keys go on. Rows stay until
 * sent, so a restart resumes where the last relay stopped. Delivery is at least once: a relay that dies between
 * Kafka's ack and marking the row sent publishes that row again, which consumers absorb by message id.
 */
public final class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** The contracts codec's mapper: one Jackson configuration for everything that crosses Kafka. */
    private static final ObjectMapper JSON = MessageCodec.json();

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

    public static final String HEADER_MESSAGE_ID = "message-id";
    public static final String HEADER_MESSAGE_TYPE = "message-type";

    /** How the relay paces itself. */
    public record Settings(
            String lockName,
            Duration pollInterval,
            int batchSize,
            Duration initialBackoff,
            Duration maxBackoff,
            Duration sendTimeout,
            Duration retention) {

        public static Settings defaults(String serviceName) {
            return new Settings(
                    serviceName + ":outbox-relay",
                    Duration.ofSeconds(1),
                    500,
                    Duration.ofMillis(200),
                    Duration.ofMinutes(1),
                    Duration.ofSeconds(30),
                    Duration.ofDays(7));
        }
    }

    private final Vertx vertx;
    private final Pool pool;
    private final Producer<String, String> producer;
    private final Settings settings;
    private final LeaderLease lease;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wake = new AtomicBoolean();
    private volatile boolean stopped = true;
    private volatile boolean listening;
    private long cycles;

    private final AtomicLong unsent = new AtomicLong();
    private final AtomicLong oldestUnsentAgeSeconds = new AtomicLong();
    private final Counter published;
    private final Counter failures;

    public OutboxRelay(
            Vertx vertx, Pool pool, Producer<String, String> producer, Settings settings, MeterRegistry metrics) {
        this.vertx = vertx;
        this.pool = pool;
        this.producer = producer;
        this.settings = settings;
        this.lease = new LeaderLease(pool, settings.lockName());
        if (metrics != null) {
            metrics.gauge("bazaar.outbox.unsent", unsent);
            metrics.gauge("bazaar.outbox.oldest.unsent.age.seconds", oldestUnsentAgeSeconds);
            published = metrics.counter("bazaar.outbox.published");
            failures = metrics.counter("bazaar.outbox.publish.failures");
        } else {
            published = null;
            failures = null;
        }
    }

    public void start() {
        stopped = false;
        schedule(0);
    }

    /**
     * Stops publishing, waits for the cycle in progress to finish (so no send of ours overlaps the next leader's),
     * then gives leadership up so another replica takes over at once.
     */
    public Uni<Void> stop() {
        stopped = true;
        listening = false;
        return Uni.createFrom()
                .item(running::get)
                .repeat()
                .withDelay(Duration.ofMillis(20))
                .until(busy -> !busy)
                .collect()
                .last()
                .ifNoItem()
                .after(settings.sendTimeout().multipliedBy(2))
                .recoverWithItem(false)
                .flatMap(x -> lease.release());
    }

    public boolean isLeader() {
        return lease.isHeld();
    }

    /** Rows not yet published (as of the leader's last cycle). */
    public long unsent() {
        return unsent.get();
    }

    private void schedule(long delayMillis) {
        if (!stopped) {
            vertx.setTimer(Math.max(1, delayMillis), id -> tick());
        }
    }

    private void tick() {
        if (stopped) {
            return;
        }
        if (!running.compareAndSet(false, true)) {
            wake.set(true);
            return;
        }
        wake.set(false);
        cycle().subscribe()
                .with(
                        moreWork -> {
                            running.set(false);
                            schedule(
                                    moreWork || wake.get()
                                            ? 0
                                            : settings.pollInterval().toMillis());
                        },
                        e -> {
                            running.set(false);
                            LOG.warnf(
                                    e,
                                    "outbox relay cycle failed; next try in %d ms",
                                    settings.pollInterval().toMillis());
                            schedule(settings.pollInterval().toMillis());
                        });
    }

    /** One cycle: hold or take leadership, publish a batch; true when there is more to do right away. */
    private Uni<Boolean> cycle() {
        return lease.tryAcquire().flatMap(leader -> {
            if (!leader) {
                listening = false;
                return Uni.createFrom().item(false);
            }
            SqlConnection conn = lease.connection();
            if (conn == null) {
                return Uni.createFrom().item(false);
            }
            Uni<Void> listen = listening ? Uni.createFrom().voidItem() : listen(conn);
            return listen.flatMap(v -> publishBatch(conn)).call(more -> housekeeping(conn, cycles++ % 600 == 0));
        });
    }

    private Uni<Void> listen(SqlConnection conn) {
        PgConnection pg = PgConnection.cast(conn);
        pg.notificationHandler(n -> {
            wake.set(true);
            if (!running.get()) {
                schedule(0);
            }
        });
        return pg.query("LISTEN " + Outbox.CHANNEL)
                .execute()
                .invoke(() -> listening = true)
                .replaceWithVoid();
    }

    private Uni<Boolean> publishBatch(SqlConnection conn) {
        // reading on the lease's connection: if leadership was lost, this fails and nothing is published
        return conn.preparedQuery("""
                SELECT o.id, o.message_id, o.topic, o.message_key, o.type, o.payload, o.headers::text AS headers,
                       o.attempts
                FROM kit_outbox o
                WHERE o.sent_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM kit_outbox w
                                  WHERE w.sent_at IS NULL AND w.topic = o.topic AND w.message_key = o.message_key
                                    AND w.id <= o.id AND w.next_attempt_at > now())
                ORDER BY o.id
                LIMIT $1""").execute(Tuple.of(settings.batchSize())).flatMap(rows -> {
            Map<String, List<Row>> byKey = new LinkedHashMap<>();
            int count = 0;
            for (Row r : rows) {
                byKey.computeIfAbsent(
                                r.getString("topic") + '\u0000' + r.getString("message_key"), k -> new ArrayList<>())
                        .add(r);
                count++;
            }
            if (count == 0) {
                return Uni.createFrom().item(false);
            }
            boolean full = count == settings.batchSize();
            List<Uni<Boolean>> keys =
                    byKey.values().stream().map(this::publishInOrder).toList();
            return Uni.join().all(keys).andFailFast().map(results -> full);
        });
    }

    /** Sends one key's rows strictly one after another; the first failure stops the key. True if all went out. */
    private Uni<Boolean> publishInOrder(List<Row> rows) {
        // once a row was not sent (or the relay is stopping), the rows after it are skipped and the key answers false
        AtomicBoolean allSent = new AtomicBoolean(true);
        return Multi.createFrom()
                .iterable(rows)
                .onItem()
                .transformToUniAndConcatenate(row -> {
                    if (!allSent.get() || stopped) {
                        allSent.set(false);
                        return Uni.createFrom().item(false);
                    }
                    return publishOne(row).invoke(allSent::set);
                })
                .collect()
                .last()
                .map(last -> allSent.get());
    }

    private Uni<Boolean> publishOne(Row row) {
        long id = row.getLong("id");
        return send(row)
                .flatMap(md -> pool.preparedQuery(
                                "UPDATE kit_outbox SET sent_at = now(), last_error = NULL WHERE id = $1")
                        .execute(Tuple.of(id))
                        .replaceWith(true))
                .invoke(() -> {
                    if (published != null) {
                        published.increment();
                    }
                })
                .onFailure()
                .recoverWithUni(e -> {
                    if (failures != null) {
                        failures.increment();
                    }
                    int attempts = row.getInteger("attempts") + 1;
                    long backoff = backoffMillis(attempts);
                    LOG.warnf(
                            e,
                            "outbox row %d (%s key %s) not published, attempt %d, retry in %d ms",
                            id,
                            row.getString("topic"),
                            row.getString("message_key"),
                            attempts,
                            backoff);
                    return pool.preparedQuery("""
                            UPDATE kit_outbox SET attempts = $2, last_error = $3,
                                   next_attempt_at = now() + make_interval(secs => $4)
                            WHERE id = $1""")
                            .execute(Tuple.of(id, attempts, String.valueOf(e.getMessage()), backoff / 1000.0))
                            .replaceWith(false)
                            .onFailure()
                            .recoverWithItem(false);
                });
    }

    long backoffMillis(int attempts) {
        long base = settings.initialBackoff().toMillis();
        long exp = base << Math.min(attempts - 1, 20);
        return Math.min(exp, settings.maxBackoff().toMillis());
    }

    private Uni<RecordMetadata> send(Row row) {
        ProducerRecord<String, String> record =
                new ProducerRecord<>(row.getString("topic"), row.getString("message_key"), row.getString("payload"));
        record.headers()
                .add(HEADER_MESSAGE_ID, row.getUUID("message_id").toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add(HEADER_MESSAGE_TYPE, row.getString("type").getBytes(StandardCharsets.UTF_8));
        try {
            Map<String, String> extra = JSON.readValue(row.getString("headers"), HEADERS);
            extra.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            return Uni.createFrom().failure(e);
        }
        return Uni.createFrom()
                .<RecordMetadata>emitter(em -> producer.send(record, (md, ex) -> {
                    if (ex != null) {
                        em.fail(ex);
                    } else {
                        em.complete(md);
                    }
                }))
                // send() may block while it fetches metadata: never on the event loop
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .ifNoItem()
                .after(settings.sendTimeout())
                .fail();
    }

    /** Refreshes the lag metrics; now and then purges rows sent longer ago than the retention. */
    private Uni<Void> housekeeping(SqlConnection conn, boolean purge) {
        return conn.query("""
                SELECT count(*) AS n, coalesce(extract(epoch FROM now() - min(created_at)), 0)::bigint AS age
                FROM kit_outbox WHERE sent_at IS NULL""")
                .execute()
                .invoke(rows -> {
                    Row r = rows.iterator().next();
                    unsent.set(r.getLong("n"));
                    oldestUnsentAgeSeconds.set(r.getLong("age"));
                })
                .flatMap(x -> !purge
                        ? Uni.createFrom().voidItem()
                        : conn.preparedQuery("DELETE FROM kit_outbox WHERE sent_at < now() - make_interval(secs => $1)")
                                .execute(Tuple.of((double) settings.retention().toSeconds()))
                                .replaceWithVoid())
                .onFailure()
                .recoverWithNull();
    }
}
