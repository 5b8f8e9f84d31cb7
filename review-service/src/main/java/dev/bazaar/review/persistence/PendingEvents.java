package dev.bazaar.review.persistence;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;

/**
 * The outbox-equivalent's read side (ADR 0020): the documents, reviews and ratings, that carry events still to
 * publish, and taking published ones out. Taking out is a compare-and-set on the document's revision: a change written
 * meanwhile (with new events) makes it read again and take out only what was published — an event is removed only
 * after Kafka acknowledged it, so a crash in between publishes it again (consumers know it by its id), never loses it.
 */
@ApplicationScoped
public class PendingEvents {

    /** The collections whose documents carry events. */
    public static final List<String> COLLECTIONS = List.of(Reviews.COLLECTION, Ratings.COLLECTION);

    private static final int CAS_ATTEMPTS = 5;

    /** One document's events, in the order they were written. */
    public record Batch(String collection, String documentId, long rev, List<PendingEvent> events) {}

    private final Reviews reviews;

    public PendingEvents(Reviews reviews) {
        this.reviews = reviews;
    }

    /** Up to {@code limit} documents of {@code collection} with events to publish. */
    public Uni<List<Batch>> due(String collection, int limit) {
        return raw(collection)
                .find(
                        Filters.eq("pending", true),
                        new FindOptions()
                                .projection(Projections.include("rev", "pendingEvents"))
                                .limit(limit))
                .map(d -> batch(collection, d))
                .collect()
                .asList();
    }

    /** Takes the events of {@code batch} (published) out of the document; others written meanwhile stay. */
    public Uni<Void> published(Batch batch) {
        return takeOut(
                batch.collection(),
                batch.documentId(),
                batch.rev(),
                batch.events().stream().map(e -> e.messageId).collect(Collectors.toSet()),
                CAS_ATTEMPTS);
    }

    private Uni<Void> takeOut(String collection, String id, long rev, Set<String> published, int attempts) {
        return raw(collection)
                .find(
                        Filters.eq("_id", id),
                        new FindOptions()
                                .projection(Projections.include("rev", "pendingEvents"))
                                .limit(1))
                .collect()
                .first()
                .flatMap(d -> {
                    if (d == null) {
                        return Uni.createFrom().voidItem();
                    }
                    Batch now = batch(collection, d);
                    List<Document> remaining = new ArrayList<>();
                    for (Document e : d.getList("pendingEvents", Document.class, List.of())) {
                        if (!published.contains(e.getString("messageId"))) {
                            remaining.add(e);
                        }
                    }
                    return raw(collection)
                            .updateOne(
                                    Filters.and(Filters.eq("_id", id), Filters.eq("rev", now.rev())),
                                    Updates.combine(
                                            Updates.set("pendingEvents", remaining),
                                            Updates.set("pending", !remaining.isEmpty()),
                                            Updates.inc("rev", 1L)))
                            .flatMap(r -> r.getMatchedCount() == 1 || attempts <= 1
                                    ? Uni.createFrom().voidItem()
                                    : takeOut(collection, id, rev, published, attempts - 1));
                });
    }

    private ReactiveMongoCollection<Document> raw(String collection) {
        return reviews.mongoDatabase().getCollection(collection);
    }

    private static Batch batch(String collection, Document d) {
        List<PendingEvent> events = new ArrayList<>();
        for (Document e : d.getList("pendingEvents", Document.class, List.of())) {
            PendingEvent p = new PendingEvent();
            p.messageId = e.getString("messageId");
            p.topic = e.getString("topic");
            p.key = e.getString("key");
            p.type = e.getString("type");
            p.json = e.getString("json");
            events.add(p);
        }
        Number rev = d.get("rev", Number.class);
        return new Batch(collection, String.valueOf(d.get("_id")), rev == null ? 0 : rev.longValue(), events);
    }
}
