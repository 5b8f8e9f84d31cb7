package dev.bazaar.catalog.messaging;

import dev.bazaar.catalog.service.ProductIndexer;
import dev.bazaar.catalog.service.Ratings;
import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.ReviewEvent;
import dev.bazaar.contracts.messaging.Topic;
import dev.bazaar.kit.consumer.Inbound;
import dev.bazaar.kit.consumer.Replayable;
import dev.bazaar.kit.consumer.Transients;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Ratings from review-service ({@code review.events}, keyed by the reviewed product or shop): RatingChanged is kept
 * if it is newer than the kept one (its envelope's aggregateVersion is the rating's sequence), the database's absence
 * waited out in place; a product's search document is then refreshed like the indexer's, tried six times before the
 * record is dead-lettered. ReviewPublished and ReviewRemoved are review-service's to show: the catalog shows the
 * rating they lead to. Unreadable records go to {@code review.events.dlq}; a DLQ replay runs the same handler.
 */
@ApplicationScoped
public class RatingConsumer implements Replayable {

    private final Ratings ratings;
    private final ProductIndexer indexer;

    public RatingConsumer(Ratings ratings, ProductIndexer indexer) {
        this.ratings = ratings;
        this.indexer = indexer;
    }

    @Override
    public Map<String, Function<String, Uni<Void>>> replayHandlers() {
        return Map.of(Topic.REVIEW_EVENTS.topicName(), this::review);
    }

    @Incoming("review-events")
    public Uni<Void> review(String json) {
        return Uni.createFrom()
                .item(() -> Inbound.decode(Topic.REVIEW_EVENTS, json))
                .flatMap(this::apply);
    }

    private Uni<Void> apply(Envelope<?> envelope) {
        if (!(envelope.payload() instanceof ReviewEvent.RatingChanged changed)) {
            return Uni.createFrom().voidItem();
        }
        Uni<Boolean> kept = Transients.retried(
                "review.events RatingChanged", () -> ratings.record(changed, envelope.aggregateVersion()));
        if (changed.subject() != ReviewEvent.Subject.PRODUCT) {
            return kept.replaceWithVoid(); // a shop's rating is read from the table by its profile; it is not indexed
        }
        // refreshed even when this record was not newer: a redelivery after a failed refresh (or a DLQ replay) must
        // still bring the index up to the kept rating; a refresh re-reads current state, so it is always safe
        UUID productId = changed.subjectId();
        return kept.flatMap(x -> SearchIndexConsumer.patiently(
                () -> indexer.refreshProduct(productId), "rating of product " + productId));
    }
}
