package dev.bazaar.order.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bazaar.contracts.messaging.MessageCodec;
import dev.bazaar.contracts.messaging.OrderEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The append-only event store: one stream per order, ordered by {@code seq}. Appending at a version another writer
 * already took fails on the primary key ({@link Conflict}); the caller re-reads and decides again.
 */
@ApplicationScoped
public class EventStore {

    /** An event as stored: its sequence and when it was recorded. */
    public record Stored(long seq, OrderEvent event, Instant recordedAt) {
    }

    /** Another writer appended first. */
    public static final class Conflict extends RuntimeException {
        public Conflict() {
            super("concurrent append", null, false, false);
        }
    }

    private static final ObjectMapper JSON = MessageCodec.json();

    private final Clock clock;

    public EventStore(Clock clock) {
        this.clock = clock;
    }

    public Uni<List<Stored>> load(SqlClient client, UUID orderId, Instant asOf) {
        String sql = "SELECT seq, type, payload::text AS payload, recorded_at FROM order_event WHERE order_id = $1"
                + (asOf == null ? "" : " AND recorded_at <= $2") + " ORDER BY seq";
        Tuple args = asOf == null ? Tuple.of(orderId) : Tuple.of(orderId, asOf.atOffset(ZoneOffset.UTC));
        return client.preparedQuery(sql).execute(args).map(rows -> {
            List<Stored> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(new Stored(r.getLong("seq"), read(r.getString("type"), r.getString("payload")),
                        r.getOffsetDateTime("recorded_at").toInstant()));
            }
            return out;
        });
    }

    /** Appends after {@code version} (the last seq the caller saw); fails with {@link Conflict} if it moved. */
    public Uni<Void> append(SqlClient tx, UUID orderId, long version, List<OrderEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = new ArrayList<>();
        long seq = version;
        for (OrderEvent e : events) {
            rows.add(Tuple.of(orderId, ++seq, e.type(), write(e), e instanceof OrderEvent.OrderPlaced p
                    ? p.placedAt().atOffset(ZoneOffset.UTC) : clock.instant().atOffset(ZoneOffset.UTC)));
        }
        return tx.preparedQuery("INSERT INTO order_event (order_id, seq, type, payload, occurred_at) "
                + "VALUES ($1, $2, $3, $4::text::jsonb, $5)").executeBatch(rows)
                .onFailure(e -> e instanceof PgException pg && "23505".equals(pg.getSqlState()))
                .transform(e -> new Conflict())
                .flatMap(x -> completionDue(tx, orderId, events));
    }

    /** Keeps the completion job's list in step with the events, in their transaction. */
    private Uni<Void> completionDue(SqlClient tx, UUID orderId, List<OrderEvent> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (OrderEvent e : events) {
            if (e instanceof OrderEvent.GroupDelivered d) {
                chain = chain.flatMap(x -> tx.preparedQuery("""
                        INSERT INTO order_completion_due (order_id, last_delivered_at) VALUES ($1, $2)
                        ON CONFLICT (order_id) DO UPDATE SET last_delivered_at =
                            greatest(order_completion_due.last_delivered_at, excluded.last_delivered_at)""")
                        .execute(Tuple.of(orderId, (d.deliveredAt() == null ? clock.instant() : d.deliveredAt())
                                .atOffset(ZoneOffset.UTC))).replaceWithVoid());
            } else if (e instanceof OrderEvent.OrderCompleted || e instanceof OrderEvent.OrderCancelled) {
                chain = chain.flatMap(x -> tx.preparedQuery("DELETE FROM order_completion_due WHERE order_id = $1")
                        .execute(Tuple.of(orderId)).replaceWithVoid());
            }
            chain = chain.flatMap(x -> deliveryDue(tx, orderId, e));
        }
        return chain;
    }

    /** Keeps the auto-delivery job's list in step with the events, in their transaction. */
    private Uni<Void> deliveryDue(SqlClient tx, UUID orderId, OrderEvent e) {
        return switch (e) {
            case OrderEvent.ShipmentDispatched s -> tx.preparedQuery("""
                    INSERT INTO order_delivery_due (order_id, shop_id, last_shipped_at) VALUES ($1, $2, $3)
                    ON CONFLICT (order_id, shop_id) DO UPDATE SET last_shipped_at =
                        greatest(order_delivery_due.last_shipped_at, excluded.last_shipped_at)""")
                    .execute(Tuple.of(orderId, s.shopId(), (s.dispatchedAt() == null ? clock.instant()
                            : s.dispatchedAt()).atOffset(ZoneOffset.UTC))).replaceWithVoid();
            case OrderEvent.GroupDelivered d -> deleteDelivery(tx, orderId, d.shopId());
            case OrderEvent.GroupCancelled c -> deleteDelivery(tx, orderId, c.shopId());
            case OrderEvent.OrderCancelled c -> tx.preparedQuery("DELETE FROM order_delivery_due WHERE order_id = $1")
                    .execute(Tuple.of(orderId)).replaceWithVoid();
            default -> Uni.createFrom().voidItem();
        };
    }

    private static Uni<Void> deleteDelivery(SqlClient tx, UUID orderId, UUID shopId) {
        return tx.preparedQuery("DELETE FROM order_delivery_due WHERE order_id = $1 AND shop_id = $2")
                .execute(Tuple.of(orderId, shopId)).replaceWithVoid();
    }

    /** Groups whose latest parcel left at or before {@code shippedBy}, after the cursor, in cursor order. */
    public Uni<List<ShippedDue>> deliveryDue(SqlClient client, Instant shippedBy, ShippedDue after, int limit) {
        return client.preparedQuery("""
                SELECT order_id, shop_id, last_shipped_at FROM order_delivery_due
                WHERE last_shipped_at <= $1 AND (last_shipped_at, order_id, shop_id) > ($2, $3, $4)
                ORDER BY last_shipped_at, order_id, shop_id LIMIT $5""")
                .execute(Tuple.from(List.of(shippedBy.atOffset(ZoneOffset.UTC),
                        after.lastShippedAt().atOffset(ZoneOffset.UTC), after.orderId(), after.shopId(), limit)))
                .map(rows -> {
                    List<ShippedDue> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new ShippedDue(r.getUUID("order_id"), r.getUUID("shop_id"),
                            r.getOffsetDateTime("last_shipped_at").toInstant())));
                    return out;
                });
    }

    /** A row of the auto-delivery job's list, and its keyset cursor. */
    public record ShippedDue(UUID orderId, UUID shopId, Instant lastShippedAt) {
        public static final ShippedDue START = new ShippedDue(new UUID(0, 0), new UUID(0, 0), Instant.EPOCH);
    }

    /** Every order's stream and its last sequence (what a rebuild of the read models replays). */
    public Uni<List<Head>> heads(SqlClient client) {
        return client.query("SELECT order_id, max(seq) AS seq FROM order_event GROUP BY order_id").execute()
                .map(rows -> {
                    List<Head> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new Head(r.getUUID("order_id"), r.getLong("seq"))));
                    return out;
                });
    }

    /** An order's stream and the sequence of its last event. */
    public record Head(UUID orderId, long seq) {
    }

    /** Orders with every delivery at or before {@code deliveredBy}, after the cursor, in cursor order. */
    public Uni<List<Due>> completionDue(SqlClient client, Instant deliveredBy, Due after, int limit) {
        return client.preparedQuery("""
                SELECT order_id, last_delivered_at FROM order_completion_due
                WHERE last_delivered_at <= $1 AND (last_delivered_at, order_id) > ($2, $3)
                ORDER BY last_delivered_at, order_id LIMIT $4""")
                .execute(Tuple.of(deliveredBy.atOffset(ZoneOffset.UTC), after.lastDeliveredAt().atOffset(ZoneOffset.UTC),
                        after.orderId(), limit))
                .map(rows -> {
                    List<Due> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new Due(r.getUUID("order_id"),
                            r.getOffsetDateTime("last_delivered_at").toInstant())));
                    return out;
                });
    }

    /** A row of the completion job's list, and its keyset cursor. */
    public record Due(UUID orderId, Instant lastDeliveredAt) {
        public static final Due START = new Due(new UUID(0, 0), Instant.EPOCH);
    }

    static String write(OrderEvent e) {
        try {
            return JSON.writeValueAsString(e);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static OrderEvent read(String type, String payload) {
        for (Class<?> c : OrderEvent.class.getPermittedSubclasses()) {
            if (c.getSimpleName().equals(type)) {
                try {
                    return (OrderEvent) JSON.readValue(payload, c);
                } catch (JsonProcessingException ex) {
                    throw new IllegalStateException("unreadable " + type + " event", ex);
                }
            }
        }
        throw new IllegalStateException("unknown order event type " + type);
    }
}
