package dev.bazaar.order.persistence;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A projection's guarded write names its document by key: {@code _id} at the filter's top level, the sequence guard
 * beside it — never inside an {@code $and}, which the devstack's MongoDB-wire server answers by scanning the whole
 * collection (its cost per write grew with every order stored, issue #28).
 */
class GuardedWriteFilterTest {

    @Test
    void theGuardIsOneDocumentKeyedByIdWithTheSequenceBesideIt() {
        Document filter = OrderProjections.olderThan("order-1", 7);

        assertThat(filter.keySet()).containsExactly("_id", "seq");
        assertThat(filter.toJson()).isEqualTo("{\"_id\": \"order-1\", \"seq\": {\"$lt\": 7}}");
    }
}
