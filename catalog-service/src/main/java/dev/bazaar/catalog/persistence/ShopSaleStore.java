package dev.bazaar.catalog.persistence;

import dev.bazaar.kit.consumer.IdempotentConsumer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Each shop's part of each order (V11 {@code shop_sale}), kept from {@code order.events} for the trailing GMV that
 * picks a commission tier. Every change is once per message (the kit's idempotent consumer) and also harmless when
 * repeated (an insert that keeps the first row, flags that only ever go from false to true).
 */
@ApplicationScoped
public class ShopSaleStore {

    /** A shop's goods in a placed order, in minor units. */
    public record Part(UUID shopId, long goodsMinor) {}

    private final Pool pool;

    public ShopSaleStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> placed(String consumer, UUID messageId, UUID orderId, Instant placedAt, List<Part> parts) {
        if (parts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return IdempotentConsumer.process(
                        pool,
                        consumer,
                        messageId,
                        tx -> tx.preparedQuery("""
                INSERT INTO shop_sale (order_id, shop_id, goods_minor, placed_at) VALUES ($1, $2, $3, $4)
                ON CONFLICT (order_id, shop_id) DO NOTHING""")
                                .executeBatch(parts.stream()
                                        .map(p -> Tuple.of(
                                                orderId, p.shopId(), p.goodsMinor(), placedAt.atOffset(ZoneOffset.UTC)))
                                        .toList()))
                .replaceWithVoid();
    }

    public Uni<Void> paid(String consumer, UUID messageId, UUID orderId) {
        return IdempotentConsumer.process(
                        pool,
                        consumer,
                        messageId,
                        tx -> tx.preparedQuery("UPDATE shop_sale SET paid = true WHERE order_id = $1 AND NOT paid")
                                .execute(Tuple.of(orderId)))
                .replaceWithVoid();
    }

    /** The whole order ({@code shopId} null) or one shop's part of it stops counting. */
    public Uni<Void> cancelled(String consumer, UUID messageId, UUID orderId, UUID shopId) {
        return IdempotentConsumer.process(
                        pool, consumer, messageId, tx -> tx.preparedQuery("""
                UPDATE shop_sale SET cancelled = true
                WHERE order_id = $1 AND ($2::uuid IS NULL OR shop_id = $2) AND NOT cancelled""").execute(Tuple.of(orderId, shopId)))
                .replaceWithVoid();
    }
}
