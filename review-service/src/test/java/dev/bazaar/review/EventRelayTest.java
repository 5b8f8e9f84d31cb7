package dev.bazaar.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.bazaar.review.Purchases.Bought;
import dev.bazaar.review.persistence.PendingEvent;
import dev.bazaar.review.persistence.ReviewDocument;
import dev.bazaar.review.persistence.Reviews;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The outbox-equivalent (ADR 0020): a review's events leave its document only after Kafka has them; a relay that died
 * between Kafka's ack and the removal (simulated: the published event put back) publishes it again — the same
 * envelope id, which consumers dedupe — rather than losing it.
 */
@QuarkusTest
class EventRelayTest extends ReviewDevstack {

    @Inject
    Reviews reviews;

    @Test
    void eventsLeaveTheReviewOnlyOncePublishedAndACrashBeforeTheirRemovalPublishesThemAgain() throws Exception {
        Bought tent = Purchases.order("alice", Purchases.shopOf("bob"), true);
        String id = ReviewFlowTest.reviewWhenEligible(
                "alice", ReviewFlowTest.productReview(tent, 5, "Kept us dry for three nights of rain."));
        List<JsonNode> first = ReviewFlowTest.events(tent.productId(), 2);
        JsonNode published = first.stream()
                .filter(e -> e.path("type").asText().equals("ReviewPublished"))
                .findFirst()
                .orElseThrow();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            ReviewDocument d = document(id);
            return !d.pending && d.pendingEvents.isEmpty() && d.ratingStaleSince == null;
        });

        // the relay "died" after Kafka's ack, before taking the event out: it is still in the document
        PendingEvent again = new PendingEvent();
        again.messageId = published.path("id").asText();
        again.topic = "review.events";
        again.key = tent.productId().toString();
        again.type = "ReviewPublished";
        again.json = published.toString();
        reviews.mongoCollection()
                .updateOne(
                        Filters.eq("_id", id),
                        Updates.combine(
                                Updates.push("pendingEvents", again),
                                Updates.set("pending", true),
                                Updates.inc("rev", 1L)))
                .await()
                .atMost(Duration.ofSeconds(5));

        List<JsonNode> after = ReviewFlowTest.events(tent.productId(), 3);
        assertThat(after)
                .filteredOn(e -> e.path("id").asText().equals(again.messageId))
                .hasSize(2)
                .allSatisfy(e ->
                        assertThat(e.path("payload").path("reviewId").asText()).isEqualTo(id));
        await().atMost(Duration.ofSeconds(10)).until(() -> !document(id).pending);
    }

    private ReviewDocument document(String id) {
        return reviews.findById(id).await().atMost(Duration.ofSeconds(5));
    }
}
