package dev.bazaar.order.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import dev.bazaar.order.service.Projector;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The read models' queries have their indexes: created at start-up in the live generation, and in a new one. */
@QuarkusTest
class ReadModelIndexesTest {

    @Inject
    MongoClient mongo;

    @Inject
    Projector projector;

    @Inject
    ReadModelIndexes indexes;

    @Inject
    OrderProjections projections;

    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    /** Index name → its keys as JSON, in key order, as MongoDB lists them. */
    Map<String, String> indexesOf(String name, String generation) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Document d : mongo.getDatabase(database)
                .getCollection(ProjectionGenerations.collectionName(name, generation))
                .listIndexes()) {
            out.put(d.getString("name"), d.get("key", Document.class).toJson());
        }
        return out;
    }

    void assertEveryQueryIndexed(String generation) {
        assertThat(indexesOf(OrderProjections.BUYER, generation))
                .containsEntry("buyer_placed", "{\"buyerSubject\": 1, \"placedAt\": -1, \"_id\": -1}");
        assertThat(indexesOf(OrderProjections.SELLER, generation))
                .containsEntry("shop_placed", "{\"shopId\": 1, \"placedAt\": -1, \"_id\": -1}")
                .containsEntry("shop_status_placed", "{\"shopId\": 1, \"status\": 1, \"placedAt\": -1, \"_id\": -1}")
                .containsEntry(
                        "shop_action_placed", "{\"shopId\": 1, \"needsAction\": 1, \"placedAt\": -1, \"_id\": -1}")
                .containsEntry("shop_open_returns", "{\"shopId\": 1, \"openReturns\": 1}");
        assertThat(indexesOf(OrderProjections.FACTS, generation)).containsEntry("day", "{\"day\": 1}");
    }

    @Test
    void theLiveGenerationIsIndexedAfterStart() {
        // start-up creates them without holding the service back: give it a moment
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertEveryQueryIndexed(projector.active().await().atMost(Duration.ofSeconds(5))));
    }

    @Test
    void aNewGenerationIsIndexedBeforeItIsFilled() {
        String generation = "idx" + System.nanoTime();
        try {
            indexes.ensure(generation).await().atMost(Duration.ofSeconds(10));
            assertEveryQueryIndexed(generation);
            indexes.ensure(generation).await().atMost(Duration.ofSeconds(10)); // again: nothing changes, no error
            assertEveryQueryIndexed(generation);
        } finally {
            projections.drop(generation).await().atMost(Duration.ofSeconds(10));
        }
    }
}
