package dev.bazaar.review.persistence;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import dev.bazaar.kit.audit.AuditEntry;
import dev.bazaar.kit.audit.AuditTrail;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.bson.Document;

/**
 * review-service's audit log ({@code reviews.admin_audit}; it has no PostgreSQL, ADR 0020): one document per row,
 * {@code _id} a sequence taken from a counter document with one atomic {@code $inc}, so pages read newest first by
 * {@code _id}. Nothing in the code path updates or deletes a row.
 */
@ApplicationScoped
public class MongoAuditTrail implements AuditTrail {

    static final String COLLECTION = "admin_audit";
    static final String COUNTERS = "counters";

    private final Reviews reviews;

    public MongoAuditTrail(Reviews reviews) {
        this.reviews = reviews;
    }

    @Override
    public Uni<Void> append(AuditEntry e) {
        return collection(COUNTERS)
                .findOneAndUpdate(
                        Filters.eq("_id", COLLECTION),
                        Updates.inc("seq", 1L),
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER))
                .flatMap(counter -> collection(COLLECTION)
                        .insertOne(new Document(
                                        "_id", counter.get("seq", Number.class).longValue())
                                .append("requestId", e.requestId().toString())
                                .append("phase", e.phase().name())
                                .append("at", Instant.now())
                                .append("actor", e.actor())
                                .append("actorName", e.actorName())
                                .append("method", e.method())
                                .append("path", e.path())
                                .append("status", e.status())
                                .append("request", AuditEntry.clip(e.request()))
                                .append("before", AuditEntry.clip(e.before()))
                                .append("after", AuditEntry.clip(e.after()))))
                .replaceWithVoid();
    }

    @Override
    public Uni<List<AuditEntry>> latest(int limit, Long beforeSeq) {
        return collection(COLLECTION)
                .find(new FindOptions()
                        .filter(beforeSeq == null ? new Document() : Filters.lt("_id", beforeSeq))
                        .sort(Sorts.descending("_id"))
                        .limit(limit))
                .map(d -> new AuditEntry(
                        d.get("_id", Number.class).longValue(),
                        UUID.fromString(d.getString("requestId")),
                        AuditEntry.Phase.valueOf(d.getString("phase")),
                        d.getDate("at").toInstant(),
                        null,
                        d.getString("actor"),
                        d.getString("actorName"),
                        d.getString("method"),
                        d.getString("path"),
                        d.getInteger("status"),
                        d.getString("request"),
                        d.getString("before"),
                        d.getString("after")))
                .collect()
                .asList();
    }

    private ReactiveMongoCollection<Document> collection(String name) {
        return reviews.mongoDatabase().getCollection(name);
    }
}
