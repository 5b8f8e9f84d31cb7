package dev.bazaar.review.persistence;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.bazaar.contracts.messaging.Lines.OrderGroup;
import dev.bazaar.review.domain.Eligibility;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What may be reviewed ({@code reviews.eligibility}), from {@code order.events}. Every write sets fields to the values
 * an event carries (never counts or appends), so an event handled twice — a redelivery, a DLQ replay, a consumer group
 * reset — leaves the document exactly as once: the consumer needs no processed-ids table.
 */
@ApplicationScoped
public class Eligibilities implements ReactivePanacheMongoRepositoryBase<EligibilityDocument, String> {

    public static final String COLLECTION = "eligibility";

    static String key(UUID orderId, UUID shopId) {
        return orderId + ":" + shopId;
    }

    /** The groups of a placed order: who bought what from whom. */
    public Uni<Void> placed(UUID orderId, String buyerSubject, List<OrderGroup> groups, Instant placedAt) {
        // one group after the other, in the order given
        return Multi.createFrom()
                .iterable(groups)
                .onItem()
                .transformToUniAndConcatenate(g -> {
                    List<EligibilityDocument.Line> lines = g.lines().stream()
                            .map(l -> {
                                EligibilityDocument.Line line = new EligibilityDocument.Line();
                                line.variantId = l.variantId().toString();
                                line.productId = l.productId().toString();
                                line.title = l.title();
                                return line;
                            })
                            .toList();
                    return mongoCollection()
                            .updateOne(
                                    Filters.eq("_id", key(orderId, g.shopId())),
                                    Updates.combine(
                                            Updates.set("orderId", orderId.toString()),
                                            Updates.set("shopId", g.shopId().toString()),
                                            Updates.set("buyerSubject", buyerSubject),
                                            Updates.set("lines", lines),
                                            Updates.set("placedAt", placedAt)),
                                    new UpdateOptions().upsert(true));
                })
                .collect()
                .last()
                .replaceWithVoid();
    }

    /** A group arrived: from now on its lines and its seller may be reviewed. */
    public Uni<Void> delivered(UUID orderId, UUID shopId, Instant deliveredAt) {
        return mongoCollection()
                .updateOne(
                        Filters.eq("_id", key(orderId, shopId)),
                        Updates.combine(
                                Updates.set("orderId", orderId.toString()),
                                Updates.set("shopId", shopId.toString()),
                                Updates.set("deliveredAt", deliveredAt)),
                        new UpdateOptions().upsert(true))
                .replaceWithVoid();
    }

    /** A group (or, {@code shopId} null, every group of the order) was cancelled: nothing to review there. */
    public Uni<Void> cancelled(UUID orderId, UUID shopId, Instant cancelledAt) {
        return shopId == null
                ? mongoCollection()
                        .updateMany(Filters.eq("orderId", orderId.toString()), Updates.set("cancelledAt", cancelledAt))
                        .replaceWithVoid()
                : mongoCollection()
                        .updateOne(Filters.eq("_id", key(orderId, shopId)), Updates.set("cancelledAt", cancelledAt))
                        .replaceWithVoid();
    }

    /** The group {@code shopId} of the order, if review-service has heard of it. */
    public Uni<Optional<Eligibility>> group(UUID orderId, UUID shopId) {
        return findById(key(orderId, shopId)).map(d -> Optional.ofNullable(d).map(Eligibilities::toEligibility));
    }

    /** Every group of the order review-service has heard of (a product review finds its line's group). */
    public Uni<List<Eligibility>> order(UUID orderId) {
        return mongoCollection()
                .find(Filters.eq("orderId", orderId.toString()))
                .map(Eligibilities::toEligibility)
                .collect()
                .asList();
    }

    private static Eligibility toEligibility(EligibilityDocument d) {
        List<Eligibility.Line> lines = d.lines == null
                ? List.of()
                : d.lines.stream()
                        .map(l -> new Eligibility.Line(
                                UUID.fromString(l.variantId), UUID.fromString(l.productId), l.title))
                        .toList();
        return new Eligibility(
                UUID.fromString(d.orderId),
                UUID.fromString(d.shopId),
                d.buyerSubject,
                lines,
                d.deliveredAt,
                d.cancelledAt);
    }
}
