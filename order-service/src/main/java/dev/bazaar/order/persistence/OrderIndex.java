package dev.bazaar.order.persistence;

import dev.bazaar.contracts.messaging.Lines.OrderGroup;
import dev.bazaar.contracts.messaging.OrderEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Lookups sellers need, kept with the events: an order's shops ({@code order_shop}), a return's order ({@code order_return}). */
@ApplicationScoped
public class OrderIndex {

    /** The order a return belongs to, and the shop whose items it returns. */
    public record ReturnRef(UUID orderId, UUID shopId) {
    }

    private final Pool pool;

    public OrderIndex(Pool pool) {
        this.pool = pool;
    }

    /** Indexes what these events add, in their transaction. */
    Uni<Void> record(SqlClient tx, List<OrderEvent> events) {
        List<Uni<?>> writes = new ArrayList<>();
        for (OrderEvent e : events) {
            if (e instanceof OrderEvent.OrderPlaced p) {
                writes.add(tx.preparedQuery("INSERT INTO order_shop (order_id, shop_id) VALUES ($1, $2) "
                        + "ON CONFLICT DO NOTHING").executeBatch(p.groups().stream().map(OrderGroup::shopId)
                                .map(s -> Tuple.of(p.orderId(), s)).toList()));
            } else if (e instanceof OrderEvent.ReturnRequested r) {
                writes.add(tx.preparedQuery("INSERT INTO order_return (return_id, order_id, shop_id) VALUES ($1, $2, $3)")
                        .execute(Tuple.of(r.returnId(), r.orderId(), r.shopId())));
            }
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Uni<?> w : writes) {
            chain = chain.flatMap(x -> w.replaceWithVoid());
        }
        return chain;
    }

    /** The return {@code returnId} if it returns items of {@code shopId}'s; empty for another shop's or none. */
    public Uni<Optional<ReturnRef>> returnOf(UUID returnId, UUID shopId) {
        return pool.preparedQuery("SELECT order_id, shop_id FROM order_return WHERE return_id = $1 AND shop_id = $2")
                .execute(Tuple.of(returnId, shopId)).map(rows -> {
                    if (rows.rowCount() == 0) {
                        return Optional.empty();
                    }
                    var r = rows.iterator().next();
                    return Optional.of(new ReturnRef(r.getUUID("order_id"), r.getUUID("shop_id")));
                });
    }
}
