package dev.bazaar.review.messaging;

import dev.bazaar.kit.outbox.OutboxRelay;
import dev.bazaar.review.config.ReviewConfig;
import dev.bazaar.review.persistence.Leases;
import dev.bazaar.review.persistence.PendingEvent;
import dev.bazaar.review.persistence.PendingEvents;
import dev.bazaar.review.persistence.Reviews;
import dev.bazaar.review.service.ReviewChanges;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Publishes the events written inside reviews and ratings to {@code review.events} (the outbox-equivalent of ADR 0020).
 * Every replica ticks; only the holder of the MongoDB lease works. A document's events go out one at a time in the
 * order they were written, and are taken out of it only after Kafka acknowledged them all: a relay that dies in between
 * publishes them again (consumers know an event by its id), never loses one; a failed send stops that document until
 * the next tick. The leader also repairs ratings whose recomputation a crash cut short.
 */
@ApplicationScoped
public class ReviewEventRelay {

    private static final Logger LOG = Logger.getLogger(ReviewEventRelay.class);
    static final String LEASE = "review-service:event-relay";

    private final String holder = UUID.randomUUID().toString();
    private final Leases leases;
    private final PendingEvents pending;
    private final Reviews reviews;
    private final ReviewChanges changes;
    private final ReviewConfig config;
    private final Clock clock;
    private final KafkaProducer<String, String> producer;

    public ReviewEventRelay(
            Leases leases,
            PendingEvents pending,
            Reviews reviews,
            ReviewChanges changes,
            ReviewConfig config,
            Clock clock,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            org.eclipse.microprofile.config.Config quarkus) {
        String service = quarkus.getValue("quarkus.application.name", String.class);
        this.leases = leases;
        this.pending = pending;
        this.reviews = reviews;
        this.changes = changes;
        this.config = config;
        this.clock = clock;
        Map<String, Object> settings = new HashMap<>();
        kafka.forEach((k, v) -> {
            // the Quarkus map carries every kafka.* property; keep the client ones
            if (!k.startsWith("health") && !k.startsWith("devservices") && !k.startsWith("snappy")) {
                settings.put(k, v);
            }
        });
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        // a send gives up well within the lease, so a stalled leader does not publish after losing it
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000);
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5_000);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, service + "-event-relay");
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        this.producer = new KafkaProducer<>(settings);
    }

    @Scheduled(
            identity = "review-event-relay",
            every = "${bazaar.reviews.relay.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        Instant now = clock.instant();
        Instant deadline = now.plus(config.relay().lease().dividedBy(2));
        return leases.acquire(LEASE, holder, now, now.plus(config.relay().lease()))
                .flatMap(leader -> leader
                        ? publish(deadline).flatMap(n -> repair())
                        : Uni.createFrom().voidItem())
                .onFailure()
                .invoke(e -> LOG.warnf(e, "review event relay failed; the next tick tries again"))
                .onFailure()
                .recoverWithNull();
    }

    /** One pass over the documents with events (until {@code deadline}, well within the lease); how many went out. */
    Uni<Integer> publish(Instant deadline) {
        return Multi.createFrom()
                .iterable(PendingEvents.COLLECTIONS)
                .onItem()
                .transformToUniAndConcatenate(c -> pending.due(c, config.relay().batchSize()))
                .onItem()
                .<PendingEvents.Batch>disjoint()
                .onItem()
                .transformToUniAndConcatenate(b ->
                        clock.instant().isAfter(deadline) ? Uni.createFrom().item(0) : publish(b))
                .collect()
                .with(java.util.stream.Collectors.summingInt(n -> n));
    }

    private Uni<Integer> publish(PendingEvents.Batch batch) {
        return Multi.createFrom()
                .iterable(batch.events())
                .onItem()
                .transformToUniAndConcatenate(this::send)
                .collect()
                .last()
                .flatMap(x -> pending.published(batch))
                .replaceWith(batch.events().size())
                .onFailure()
                .recoverWithItem(e -> {
                    // a few a tick at most while Kafka is away: each send gives up after 5 s, a tick after half
                    // its lease
                    LOG.warnf(
                            e,
                            "events of %s %s not published; the next tick tries again",
                            batch.collection(),
                            batch.documentId());
                    return 0;
                });
    }

    private Uni<RecordMetadata> send(PendingEvent e) {
        ProducerRecord<String, String> record = new ProducerRecord<>(e.topic, e.key, e.json);
        record.headers().add(OutboxRelay.HEADER_MESSAGE_ID, e.messageId.getBytes(StandardCharsets.UTF_8));
        record.headers().add(OutboxRelay.HEADER_MESSAGE_TYPE, e.type.getBytes(StandardCharsets.UTF_8));
        return Uni.createFrom()
                .<RecordMetadata>emitter(em -> {
                    // the callback completes the Uni; the returned Future says the same thing again
                    var unused = producer.send(record, (md, ex) -> {
                        if (ex != null) {
                            em.fail(ex);
                        } else {
                            em.complete(md);
                        }
                    });
                })
                // send() may block while it fetches metadata: never on the event loop
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** Recomputes the ratings of reviews whose writer died between the review's write and the rating's. */
    Uni<Void> repair() {
        return reviews.ratingStale(
                        clock.instant().minus(config.relay().repairAfter()),
                        config.relay().batchSize())
                .onItem()
                .<Reviews.Stored>disjoint()
                .onItem()
                .transformToUniAndConcatenate(s -> changes.settleRating(s.review(), s.rev()))
                .collect()
                .last()
                .replaceWithVoid();
    }

    void stop(@Observes ShutdownEvent stop) {
        try {
            leases.release(LEASE, holder).await().atMost(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.debugf("lease not released (%s): it lapses by itself", e.toString());
        }
        producer.close(Duration.ofSeconds(5));
    }
}
