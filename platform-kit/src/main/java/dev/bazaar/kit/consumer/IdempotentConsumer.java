package dev.bazaar.kit.consumer;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Applies a message's effect at most once per consumer, for PostgreSQL-backed services. The message id is recorded
 * in the same transaction as the effect: a redelivery finds it and skips the effect; a concurrent duplicate waits
 * on the first one's row and then skips. If the effect fails, the transaction (record included) rolls back and the
 * message can be retried.
 */
public final class IdempotentConsumer {

    private IdempotentConsumer() {}

    /**
     * @param consumer a stable name of the consuming handler (e.g. "catalog.inventory-commands")
     * @return the effect's result, or empty when this message was already processed
     */
    public static <T> Uni<Optional<T>> process(
            Pool pool, String consumer, UUID messageId, Function<SqlConnection, Uni<T>> effect) {
        return pool.withTransaction(tx -> tx.preparedQuery("""
                        INSERT INTO kit_processed_message (consumer, message_id) VALUES ($1, $2)
                        ON CONFLICT DO NOTHING""")
                .execute(Tuple.of(consumer, messageId))
                .flatMap(rows -> rows.rowCount() == 0
                        ? Uni.createFrom().item(Optional.<T>empty())
                        : effect.apply(tx).map(Optional::ofNullable)));
    }
}
