package dev.bazaar.review.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.model.IndexModel;
import dev.bazaar.contracts.messaging.ReviewEvent.Subject;
import dev.bazaar.review.domain.PublishedCursor;
import dev.bazaar.review.domain.ReviewSort;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;

/**
 * Every shape of the public list's query — each sort, with and without stars, first page or from a cursor — has an
 * index that is its equality fields followed by its sort, key for key and direction for direction: the store then
 * starts at the cursor's place in the index and reads no more than the page (no in-memory sort, no skipping).
 */
class ReviewIndexesTest {

    static BsonDocument bson(Bson b) {
        return b.toBsonDocument(BsonDocument.class, MongoClientSettings.getDefaultCodecRegistry());
    }

    /** The fields the filter fixes to one value (the top-level {@code $and}'s plain equalities). */
    static Set<String> equalities(BsonDocument filter) {
        Set<String> fields = new LinkedHashSet<>();
        List<BsonValue> parts =
                filter.containsKey("$and") ? filter.getArray("$and").getValues() : List.of(filter);
        for (BsonValue part : parts) {
            for (var e : part.asDocument().entrySet()) {
                if (!e.getKey().startsWith("$") && !e.getValue().isDocument()) {
                    fields.add(e.getKey());
                }
            }
        }
        return fields;
    }

    /** The keys in their order, each with its direction: {@code field:1} or {@code field:-1}. */
    static List<String> keys(BsonDocument keys) {
        List<String> out = new ArrayList<>();
        keys.forEach((k, v) -> out.add(k + ":" + v.asNumber().intValue()));
        return out;
    }

    @Test
    void eachShapeOfThePublishedListHasTheIndexOfItsEqualitiesThenItsSort() {
        List<BsonDocument> indexes = ReviewIndexes.INDEXES.get(Reviews.COLLECTION).stream()
                .map(IndexModel::getKeys)
                .map(ReviewIndexesTest::bson)
                .toList();
        UUID subject = UUID.randomUUID();
        for (ReviewSort sort : ReviewSort.values()) {
            for (Integer stars : new Integer[] {null, 4}) {
                for (PublishedCursor after : new PublishedCursor[] {
                    null, new PublishedCursor(sort, 2, Instant.parse("2026-12-05T10:00:00Z"), UUID.randomUUID())
                }) {
                    BsonDocument filter = bson(Reviews.publishedFilter(Subject.PRODUCT, subject, stars, after));
                    BsonDocument order = bson(Reviews.publishedOrder(sort));
                    Set<String> equal = equalities(filter);
                    assertThat(equal).contains("subject", "subjectId", "status");
                    assertThat(equal.contains("rating")).isEqualTo(stars != null);
                    // the index: the equality fields (any order among themselves), then the sort exactly
                    List<String> sortKeys = keys(order);
                    BsonDocument wanted = indexes.stream()
                            .filter(i -> {
                                List<String> keys = keys(i);
                                return keys.size() == equal.size() + sortKeys.size()
                                        && Set.copyOf(keys.subList(0, equal.size()))
                                                .equals(equal.stream()
                                                        .map(f -> f + ":1")
                                                        .collect(java.util.stream.Collectors.toSet()))
                                        && keys.subList(equal.size(), keys.size())
                                                .equals(sortKeys);
                            })
                            .findFirst()
                            .orElse(null);
                    assertThat(wanted)
                            .as(
                                    "an index for sort %s, stars %s, cursor %s: %s then %s",
                                    sort, stars, after != null, equal, order)
                            .isNotNull();
                }
            }
        }
    }
}
