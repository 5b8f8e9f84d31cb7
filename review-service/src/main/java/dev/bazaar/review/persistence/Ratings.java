package dev.bazaar.review.persistence;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.ReviewEvent.Subject;
import dev.bazaar.review.domain.RatingSummary;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.conversions.Bson;

/**
 * The ratings ({@code reviews.ratings}), recomputed from the published reviews after every change that touches them.
 * Two changes of one subject may recompute concurrently: each first takes a ticket ({@link #nextTicket}), after its
 * review was written, so a recomputation with a higher ticket has read every review write of the lower ones; the
 * summary is stored only over an older ticket's ({@link #store}), so the last word is always the most complete one.
 */
@ApplicationScoped
public class Ratings implements ReactivePanacheMongoRepositoryBase<RatingDocument, String> {

    public static final String COLLECTION = "ratings";

    private final FirstPages firstPages;

    public Ratings(FirstPages firstPages) {
        this.firstPages = firstPages;
    }

    public static String key(Subject subject, UUID subjectId) {
        return subject.name() + ":" + subjectId;
    }

    /** The next ticket of the subject's rating (creating the rating, empty, on the first). */
    public Uni<Long> nextTicket(Subject subject, UUID subjectId) {
        return mongoCollection()
                .findOneAndUpdate(
                        Filters.eq("_id", key(subject, subjectId)),
                        Updates.combine(
                                Updates.inc("ticket", 1L),
                                Updates.setOnInsert("subject", subject.name()),
                                Updates.setOnInsert("subjectId", subjectId.toString()),
                                // a missing field matches no $lt: the first store compares against 0
                                Updates.setOnInsert("computedTicket", 0L)),
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER))
                .map(d -> d.ticket);
    }

    /**
     * Stores the summary recomputed under {@code ticket} with its RatingChanged event, unless a later ticket's is
     * stored already; true when stored.
     */
    public Uni<Boolean> store(
            Subject subject, UUID subjectId, long ticket, RatingSummary summary, Envelope<?> changed, Instant now) {
        List<Bson> sets = new ArrayList<>(List.of(
                Updates.set("computedTicket", ticket),
                Updates.set("averageTenths", summary.averageTenths()),
                Updates.set("count", summary.count()),
                Updates.set("histogram", summary.histogram()),
                Updates.set("updatedAt", now),
                Updates.set("pending", true),
                Updates.push("pendingEvents", PendingEvent.of(changed)),
                Updates.inc("rev", 1L)));
        if (summary.dimensions() != null) {
            sets.add(Updates.set("asDescribedTenths", summary.dimensions().asDescribedTenths()));
            sets.add(Updates.set("shippingTenths", summary.dimensions().shippingTenths()));
            sets.add(Updates.set("communicationTenths", summary.dimensions().communicationTenths()));
        }
        return mongoCollection()
                .updateOne(
                        Filters.and(Filters.eq("_id", key(subject, subjectId)), Filters.lt("computedTicket", ticket)),
                        Updates.combine(sets))
                .map(r -> r.getMatchedCount() == 1)
                // the first pages show the rating: read again after it moved
                .call(stored -> stored
                        ? firstPages.changed(subject, subjectId)
                        : Uni.createFrom().voidItem());
    }

    /** The subject's rating as last stored ({@link RatingSummary#NONE} when it has none yet). */
    public Uni<RatingSummary> summary(Subject subject, UUID subjectId) {
        return findById(key(subject, subjectId))
                .map(d -> Optional.ofNullable(d)
                        .filter(x -> x.histogram != null)
                        .map(x -> new RatingSummary(
                                x.averageTenths,
                                x.count,
                                x.histogram,
                                x.asDescribedTenths == null
                                        ? null
                                        : new RatingSummary.Dimensions(
                                                x.asDescribedTenths, x.shippingTenths, x.communicationTenths)))
                        .orElse(subject == Subject.SHOP ? RatingSummary.of(List.of(), true) : RatingSummary.NONE));
    }
}
