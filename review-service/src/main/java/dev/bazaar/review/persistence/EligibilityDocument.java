package dev.bazaar.review.persistence;

import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import java.util.List;
import org.bson.codecs.pojo.annotations.BsonId;

/**
 * One seller's group of one order as review-service knows it from {@code order.events} ({@code reviews.eligibility}),
 * keyed {@code <orderId>:<shopId>}: whose it is, its lines, and when it was delivered or cancelled.
 */
@MongoEntity(collection = Eligibilities.COLLECTION)
public class EligibilityDocument {

    @BsonId
    public String id;

    public String orderId;
    public String shopId;
    public String buyerSubject;
    public List<Line> lines;
    public Instant placedAt;
    public Instant deliveredAt;
    public Instant cancelledAt;

    /** A line bought: the variant, its product and title as the order froze them. */
    public static class Line {
        public String variantId;
        public String productId;
        public String title;
    }
}
