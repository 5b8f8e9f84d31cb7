package dev.bazaar.review.persistence;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.bson.Document;

/**
 * Leadership among the replicas, as a lease document per job ({@code reviews.leases}: {@code holder}, {@code until}):
 * a replica holds it while it renews it in time; one that dies loses it when {@code until} passes. Taking it is one
 * conditional upsert — it matches only when the caller holds it or it has lapsed, and otherwise collides with the
 * existing id — so two replicas never both take it at once (ADR 0020: why not the kit's PostgreSQL lease).
 */
@ApplicationScoped
public class Leases {

    public static final String COLLECTION = "leases";

    private final Reviews reviews;

    public Leases(Reviews reviews) {
        this.reviews = reviews;
    }

    /** Takes or renews the lease {@code name} for {@code holder} until {@code until}; false when another holds it. */
    public Uni<Boolean> acquire(String name, String holder, Instant now, Instant until) {
        return raw().updateOne(
                        Filters.and(
                                Filters.eq("_id", name),
                                Filters.or(Filters.eq("holder", holder), Filters.lt("until", now))),
                        Updates.combine(Updates.set("holder", holder), Updates.set("until", until)),
                        new UpdateOptions().upsert(true))
                .replaceWith(true)
                .onFailure(Reviews::duplicateKey)
                .recoverWithItem(false);
    }

    /** Gives the lease up if {@code holder} has it (shutdown: the next replica need not wait for it to lapse). */
    public Uni<Void> release(String name, String holder) {
        return raw().deleteOne(Filters.and(Filters.eq("_id", name), Filters.eq("holder", holder)))
                .replaceWithVoid();
    }

    private ReactiveMongoCollection<Document> raw() {
        return reviews.mongoDatabase().getCollection(COLLECTION);
    }
}
