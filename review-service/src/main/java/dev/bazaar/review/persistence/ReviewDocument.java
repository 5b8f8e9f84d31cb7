package dev.bazaar.review.persistence;

import dev.bazaar.contracts.messaging.ReviewEvent.Subject;
import dev.bazaar.review.domain.Content;
import dev.bazaar.review.domain.Moderation;
import dev.bazaar.review.domain.Reply;
import dev.bazaar.review.domain.Review;
import dev.bazaar.review.domain.ReviewStatus;
import dev.bazaar.review.domain.ShopScores;
import dev.bazaar.review.domain.Target;
import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.bson.codecs.pojo.annotations.BsonId;

/**
 * One review in {@code reviews.reviews}, keyed by the review id (derived from the order's line or group: the unique key
 * that makes a second review of it a duplicate). Besides the review it carries {@code pendingEvents} (written with the
 * change they describe, taken out once published; {@code pending} while there are some), {@code ratingStaleSince} (the
 * change touched the subject's rating and the recomputation has not been confirmed) and {@code rev}, the revision
 * every write moves and checks (compare-and-set: no write is lost to a concurrent one).
 */
@MongoEntity(collection = Reviews.COLLECTION)
public class ReviewDocument {

    @BsonId
    public String id;

    public String subject;
    public String subjectId;
    public String shopId;
    public String orderId;
    public String variantId;
    public String authorSubject;
    public int rating;
    public Integer asDescribed;
    public Integer shipping;
    public Integer communication;
    public String title;
    public String body;
    public List<String> photoUrls;
    public String textKey;
    public String status;
    public List<String> flags;
    public String rejectReason;
    public List<String> helpfulVoters;
    public int helpfulCount;
    public List<String> reporters;
    public int openReports;
    public ReplyPart reply;
    public long version;
    public Instant createdAt;
    public Instant updatedAt;
    public Instant editableUntil;
    public Instant publishedAt;
    public long rev;
    public List<PendingEvent> pendingEvents;
    public boolean pending;
    public Instant ratingStaleSince;

    /** The seller's answer. */
    public static class ReplyPart {
        public String body;
        public String sellerSubject;
        public Instant createdAt;
        public Instant updatedAt;
    }

    static ReviewDocument of(Review r) {
        ReviewDocument d = new ReviewDocument();
        d.id = r.id().toString();
        Target t = r.target();
        d.subject = t.subject().name();
        d.subjectId = t.subjectId().toString();
        d.shopId = t.shopId().toString();
        d.orderId = t.orderId().toString();
        d.variantId = t.variantId() == null ? null : t.variantId().toString();
        d.authorSubject = t.authorSubject();
        Content c = r.content();
        d.rating = c.rating();
        if (c.scores() != null) {
            d.asDescribed = c.scores().asDescribed();
            d.shipping = c.scores().shipping();
            d.communication = c.scores().communication();
        }
        d.title = c.title();
        d.body = c.body();
        d.photoUrls = new ArrayList<>(c.photoUrls());
        d.textKey = Moderation.textKey(c.body());
        d.status = r.status().name();
        d.flags = r.flags().stream().map(Enum::name).toList();
        d.rejectReason = r.rejectReason();
        d.helpfulVoters = new ArrayList<>(r.helpfulVoters());
        d.helpfulCount = r.helpfulVoters().size();
        d.reporters = new ArrayList<>(r.reporters());
        d.openReports = r.openReports();
        if (r.reply() != null) {
            d.reply = new ReplyPart();
            d.reply.body = r.reply().body();
            d.reply.sellerSubject = r.reply().sellerSubject();
            d.reply.createdAt = r.reply().createdAt();
            d.reply.updatedAt = r.reply().updatedAt();
        }
        d.version = r.version();
        d.createdAt = r.createdAt();
        d.updatedAt = r.updatedAt();
        d.editableUntil = r.editableUntil();
        d.publishedAt = r.publishedAt();
        d.pendingEvents = new ArrayList<>();
        return d;
    }

    Review toReview() {
        Subject s = Subject.valueOf(subject);
        Target target = new Target(
                s,
                UUID.fromString(subjectId),
                UUID.fromString(shopId),
                UUID.fromString(orderId),
                variantId == null ? null : UUID.fromString(variantId),
                authorSubject);
        ShopScores scores = asDescribed == null ? null : new ShopScores(asDescribed, shipping, communication);
        Content content = new Content(rating, scores, title, body, photoUrls);
        Reply r = reply == null ? null : new Reply(reply.body, reply.sellerSubject, reply.createdAt, reply.updatedAt);
        ReviewStatus st = ReviewStatus.valueOf(status);
        // a review published before publishedAt was kept (a development database of #25) was shown when written
        Instant shown = publishedAt == null && st == ReviewStatus.PUBLISHED ? createdAt : publishedAt;
        return new Review(
                UUID.fromString(id),
                target,
                content,
                st,
                flags == null
                        ? List.of()
                        : flags.stream().map(Moderation.Flag::valueOf).toList(),
                rejectReason,
                helpfulVoters == null ? null : new LinkedHashSet<>(helpfulVoters),
                reporters == null ? null : new LinkedHashSet<>(reporters),
                openReports,
                r,
                version,
                createdAt,
                updatedAt,
                editableUntil,
                shown);
    }
}
