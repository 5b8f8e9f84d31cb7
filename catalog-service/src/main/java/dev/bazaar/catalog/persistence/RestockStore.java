package dev.bazaar.catalog.persistence;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.Lines.StockLine;
import dev.bazaar.contracts.messaging.Message;
import dev.bazaar.kit.consumer.IdempotentConsumer;
import dev.bazaar.kit.outbox.Outbox;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The SQL of putting units back on hand (service {@code Restock}): once per message (the kit's idempotent consumer,
 * in its transaction), each line an increment in place — SQL on the reactive client, not Hibernate (ADR 0016).
 */
@ApplicationScoped
public class RestockStore {

    /** A variant after its units came back: its product, the product's status and version, what is available. */
    public record Restocked(UUID productId, UUID variantId, String productStatus, long productVersion, int available) {}

    private final Pool pool;

    public RestockStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Adds each line's quantity to on-hand stock, in the order given, once for {@code messageId} (a repeat changes
     * nothing); for each variant restocked, {@code eventFor} may name an event, appended to the outbox in the same
     * transaction. A variant deleted since is skipped.
     */
    public Uni<Void> restockOnce(
            String consumer,
            UUID messageId,
            List<StockLine> lines,
            Function<Restocked, Optional<Envelope<? extends Message>>> eventFor) {
        return IdempotentConsumer.process(
                        pool,
                        consumer,
                        messageId,
                        tx -> Multi.createFrom()
                                .iterable(lines)
                                .onItem()
                                .transformToUniAndConcatenate(line -> tx.preparedQuery("""
                        UPDATE inventory i SET on_hand = i.on_hand + $2, version = i.version + 1
                        FROM variant v JOIN product p ON p.id = v.product_id
                        WHERE i.variant_id = $1 AND v.id = i.variant_id
                        RETURNING p.id AS product_id, p.status, p.version, i.on_hand - i.reserved AS available""")
                                        .execute(Tuple.of(line.variantId(), line.quantity()))
                                        .flatMap(rows -> {
                                            if (rows.size() == 0) {
                                                return Uni.createFrom()
                                                        .voidItem(); // a variant deleted since: nothing to restock
                                            }
                                            Row r = rows.iterator().next();
                                            return eventFor.apply(new Restocked(
                                                            r.getUUID("product_id"),
                                                            line.variantId(),
                                                            r.getString("status"),
                                                            r.getLong("version"),
                                                            r.getInteger("available")))
                                                    .map(event -> Outbox.append(tx, event))
                                                    .orElseGet(() ->
                                                            Uni.createFrom().voidItem());
                                        }))
                                .collect()
                                .last()
                                .replaceWithVoid())
                .replaceWithVoid();
    }
}
