package dev.bazaar.catalog;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** What catalog-service wrote to its outbox about a product, oldest first: the events its changes leave. */
final class CatalogOutbox {

    private CatalogOutbox() {}

    /** The event types written for the product. */
    static List<String> types(Pool pool, String productId) {
        return column(pool, "SELECT type FROM kit_outbox WHERE message_key = $1 ORDER BY id", Tuple.of(productId));
    }

    /** The payloads of the product's events of one type. */
    static List<String> payloads(Pool pool, String productId, String type) {
        return column(
                pool,
                "SELECT payload FROM kit_outbox WHERE message_key = $1 AND type = $2 ORDER BY id",
                Tuple.of(productId, type));
    }

    private static List<String> column(Pool pool, String sql, Tuple args) {
        return pool.preparedQuery(sql)
                .execute(args)
                .map(rows -> {
                    List<String> out = new ArrayList<>();
                    rows.forEach(r -> out.add(r.getString(0)));
                    return out;
                })
                .await()
                .indefinitely();
    }
}
