package dev.bazaar.order.persistence;

import dev.bazaar.contracts.messaging.Lines.OrderGroup;
import dev.bazaar.contracts.messaging.OrderEvent;
import dev.bazaar.kit.web.Page;
import dev.bazaar.kit.web.PageRequest;
import dev.bazaar.order.domain.TrackingKey;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Lookups kept with the events, in their transaction: an order's shops ({@code order_shop}), a return's order
 * ({@code order_return}), a parcel by its carrier and tracking number ({@code order_shipment}, for carriers' tracking
 * events).
 */
@ApplicationScoped
public class OrderIndex {

    /** A parcel: the order and shop it was sent for. */
    public record ShipmentRef(UUID orderId, UUID shopId, UUID shipmentId) {}

    /** The order a return belongs to, and the shop whose items it returns. */
    public record ReturnRef(UUID orderId, UUID shopId) {}

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
                                + "ON CONFLICT DO NOTHING")
                        .executeBatch(p.groups().stream()
                                .map(OrderGroup::shopId)
                                .map(s -> Tuple.of(p.orderId(), s))
                                .toList()));
            } else if (e instanceof OrderEvent.ShipmentDispatched s
                    && s.shipmentId() != null
                    && s.carrier() != null
                    && s.trackingNumber() != null
                    && s.dispatchedAt() != null) {
                TrackingKey key = TrackingKey.of(s.carrier(), s.trackingNumber());
                writes.add(tx.preparedQuery("""
                        INSERT INTO order_shipment (shipment_id, order_id, shop_id, carrier, tracking_number,
                            dispatched_at)
                        VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (shipment_id) DO NOTHING""")
                        .execute(Tuple.from(List.of(
                                s.shipmentId(),
                                s.orderId(),
                                s.shopId(),
                                key.carrier(),
                                key.trackingNumber(),
                                s.dispatchedAt().atOffset(ZoneOffset.UTC)))));
            } else if (e instanceof OrderEvent.ReturnRequested r) {
                writes.add(
                        tx.preparedQuery("INSERT INTO order_return (return_id, order_id, shop_id) VALUES ($1, $2, $3)")
                                .execute(Tuple.of(r.returnId(), r.orderId(), r.shopId())));
            } else if (e instanceof OrderEvent.ReturnEscalated r) {
                writes.add(tx.preparedQuery("UPDATE order_return SET escalated_at = $2 WHERE return_id = $1")
                        .execute(Tuple.of(r.returnId(), r.escalatedAt().atOffset(ZoneOffset.UTC))));
            } else if (e instanceof OrderEvent.ReturnAuthorized r) {
                writes.add(decided(tx, r.returnId())); // answered: no longer escalates
            } else if (e instanceof OrderEvent.ReturnApproved r) {
                writes.add(decided(tx, r.returnId()));
            } else if (e instanceof OrderEvent.ReturnRejected r) {
                writes.add(decided(tx, r.returnId()));
            }
        }
        // one write after the other, in the events' order (a transaction's connection runs one statement at a time)
        return Multi.createFrom()
                .iterable(writes)
                .onItem()
                .transformToUniAndConcatenate(w -> w.replaceWithVoid())
                .collect()
                .last()
                .replaceWithVoid();
    }

    private static Uni<?> decided(SqlClient tx, UUID returnId) {
        return tx.preparedQuery("UPDATE order_return SET decided_at = now() WHERE return_id = $1")
                .execute(Tuple.of(returnId));
    }

    /** An open return not escalated yet (the escalation job reads them by age); also the job's keyset cursor. */
    public record Undecided(UUID returnId, UUID orderId, Instant requestedAt) {
        public static final Undecided START = new Undecided(new UUID(0, 0), new UUID(0, 0), Instant.EPOCH);
    }

    /** An escalated return waiting for an admin. */
    public record Escalated(UUID returnId, UUID orderId, UUID shopId, Instant requestedAt, Instant escalatedAt) {}

    /** Undecided, unescalated returns asked for at or before {@code requestedBy}, after the cursor, in cursor order. */
    public Uni<List<Undecided>> undecided(Instant requestedBy, Undecided after, int limit) {
        return pool.preparedQuery("""
                SELECT return_id, order_id, requested_at FROM order_return
                WHERE decided_at IS NULL AND escalated_at IS NULL AND requested_at <= $1
                  AND (requested_at, return_id) > ($2, $3)
                ORDER BY requested_at, return_id LIMIT $4""")
                .execute(Tuple.of(
                        requestedBy.atOffset(ZoneOffset.UTC),
                        after.requestedAt().atOffset(ZoneOffset.UTC),
                        after.returnId(),
                        limit))
                .map(rows -> {
                    List<Undecided> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new Undecided(
                            r.getUUID("return_id"),
                            r.getUUID("order_id"),
                            r.getOffsetDateTime("requested_at").toInstant())));
                    return out;
                });
    }

    /** The admins' queue: escalated, undecided returns, oldest escalation first, one page and the total. */
    public Uni<Page<Escalated>> escalated(PageRequest page) {
        Uni<List<Escalated>> items = pool.preparedQuery("""
                SELECT return_id, order_id, shop_id, requested_at, escalated_at FROM order_return
                WHERE decided_at IS NULL AND escalated_at IS NOT NULL
                ORDER BY escalated_at, return_id LIMIT $1 OFFSET $2""")
                .execute(Tuple.of(page.size(), page.offset()))
                .map(rows -> {
                    List<Escalated> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new Escalated(
                            r.getUUID("return_id"),
                            r.getUUID("order_id"),
                            r.getUUID("shop_id"),
                            r.getOffsetDateTime("requested_at").toInstant(),
                            r.getOffsetDateTime("escalated_at").toInstant())));
                    return out;
                });
        Uni<Long> total = pool.query(
                        "SELECT count(*) FROM order_return WHERE decided_at IS NULL " + "AND escalated_at IS NOT NULL")
                .execute()
                .map(rows -> rows.iterator().next().getLong(0));
        return items.flatMap(list -> total.map(n -> Page.of(list, page, n)));
    }

    /**
     * The parcel a carrier's tracking number names; empty when none does. A carrier may reuse a number after a while
     * (and a seller may mistype one): the most recently dispatched parcel with it is the one meant.
     */
    public Uni<Optional<ShipmentRef>> shipment(TrackingKey key) {
        return pool.preparedQuery("""
                SELECT order_id, shop_id, shipment_id FROM order_shipment WHERE carrier = $1 AND tracking_number = $2
                ORDER BY dispatched_at DESC, shipment_id LIMIT 1""")
                .execute(Tuple.of(key.carrier(), key.trackingNumber()))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return Optional.empty();
                    }
                    var r = rows.iterator().next();
                    return Optional.of(
                            new ShipmentRef(r.getUUID("order_id"), r.getUUID("shop_id"), r.getUUID("shipment_id")));
                });
    }

    /** The return {@code returnId} of any shop (admins). */
    public Uni<Optional<ReturnRef>> returnOf(UUID returnId) {
        return pool.preparedQuery("SELECT order_id, shop_id FROM order_return WHERE return_id = $1")
                .execute(Tuple.of(returnId))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return Optional.empty();
                    }
                    var r = rows.iterator().next();
                    return Optional.of(new ReturnRef(r.getUUID("order_id"), r.getUUID("shop_id")));
                });
    }

    /** The return {@code returnId} if it returns items of {@code shopId}'s; empty for another shop's or none. */
    public Uni<Optional<ReturnRef>> returnOf(UUID returnId, UUID shopId) {
        return pool.preparedQuery("SELECT order_id, shop_id FROM order_return WHERE return_id = $1 AND shop_id = $2")
                .execute(Tuple.of(returnId, shopId))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return Optional.empty();
                    }
                    var r = rows.iterator().next();
                    return Optional.of(new ReturnRef(r.getUUID("order_id"), r.getUUID("shop_id")));
                });
    }
}
