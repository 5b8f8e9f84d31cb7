package dev.bazaar.catalog.service;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.Lines.StockLine;
import dev.bazaar.contracts.messaging.ProductEvent;
import dev.bazaar.kit.consumer.IdempotentConsumer;
import dev.bazaar.kit.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** Puts units back on hand, once per message, and tells others when a sellable product's stock changed. */
@ApplicationScoped
public class Restock {

    static final String CONSUMER = "catalog.restock";

    private final Pool pool;

    public Restock(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> apply(UUID messageId, List<StockLine> lines) {
        List<StockLine> ordered = lines.stream().sorted(Comparator.comparing(StockLine::variantId)).toList();
        return IdempotentConsumer.process(pool, CONSUMER, messageId, tx -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (StockLine line : ordered) {
                chain = chain.flatMap(x -> tx.preparedQuery("""
                        UPDATE inventory i SET on_hand = i.on_hand + $2, version = i.version + 1
                        FROM variant v JOIN product p ON p.id = v.product_id
                        WHERE i.variant_id = $1 AND v.id = i.variant_id
                        RETURNING p.id AS product_id, p.status, p.version, i.on_hand - i.reserved AS available""")
                        .execute(Tuple.of(line.variantId(), line.quantity()))
                        .flatMap(rows -> {
                            if (rows.size() == 0) {
                                return Uni.createFrom().voidItem(); // a variant deleted since: nothing to restock
                            }
                            Row r = rows.iterator().next();
                            if (!"ACTIVE".equals(r.getString("status"))) {
                                return Uni.createFrom().voidItem();
                            }
                            return Outbox.append(tx, Envelope.of(new ProductEvent.StockChanged(
                                    r.getUUID("product_id"), line.variantId(), r.getInteger("available")),
                                    r.getLong("version"), Instant.now(), null, messageId));
                        }));
            }
            return chain;
        }).replaceWithVoid();
    }
}
