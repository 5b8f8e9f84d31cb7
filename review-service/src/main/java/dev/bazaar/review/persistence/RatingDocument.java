package dev.bazaar.review.persistence;

import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import java.util.List;
import org.bson.codecs.pojo.annotations.BsonId;

/**
 * A product's or shop's rating ({@code reviews.ratings}), keyed {@code PRODUCT:<id>} / {@code SHOP:<id>}.
 * {@code ticket} counts the changes of the subject's reviews; {@code computedTicket} is the ticket of the
 * recomputation this summary comes from (a write only replaces an older one). The RatingChanged events still to
 * publish travel inside, as in a review ({@link PendingEvent}).
 */
@MongoEntity(collection = Ratings.COLLECTION)
public class RatingDocument {

    @BsonId
    public String id;

    public String subject;
    public String subjectId;
    public long ticket;
    public long computedTicket;
    public int averageTenths;
    public long count;
    public List<Long> histogram;
    public Integer asDescribedTenths;
    public Integer shippingTenths;
    public Integer communicationTenths;
    public Instant updatedAt;
    public long rev;
    public List<PendingEvent> pendingEvents;
    public boolean pending;
}
