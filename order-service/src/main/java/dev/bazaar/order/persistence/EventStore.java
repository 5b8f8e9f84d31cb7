package dev.bazaar.order.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bazaar.contracts.messaging.MessageCodec;
import dev.bazaar.contracts.messaging.OrderEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
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
    public record Stored(long seq, OrderEvent event, Instant recordedAt) {}

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
                out.add(new Stored(
                        r.getLong("seq"),
                        read(r.getString("type"), r.getString("payload")),
                        r.getOffsetDateTime("recorded_at").toInstant()));
            }
            return out;
        });
    }

    /** The order's events after sequence {@code after}, in order (all of them from 0). */
    public Uni<List<Stored>> loadAfter(SqlClient client, UUID orderId, long after) {
        return client.preparedQuery("SELECT seq, type, payload::text AS payload, recorded_at FROM order_event"
                        + " WHERE order_id = $1 AND seq > $2 ORDER BY seq")
                .execute(Tuple.of(orderId, after))
                .map(rows -> {
                    List<Stored> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new Stored(
                                r.getLong("seq"),
                                read(r.getString("type"), r.getString("payload")),
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
            rows.add(Tuple.of(
                    orderId,
                    ++seq,
                    e.type(),
                    write(e),
                    e instanceof OrderEvent.OrderPlaced p
                            ? p.placedAt().atOffset(ZoneOffset.UTC)
                            : clock.instant().atOffset(ZoneOffset.UTC)));
        }
        return tx.preparedQuery("INSERT INTO order_event (order_id, seq, type, payload, occurred_at) "
                        + "VALUES ($1, $2, $3, $4::text::jsonb, $5)")
                .executeBatch(rows)
                .onFailure(e -> e instanceof PgException pg && "23505".equals(pg.getSqlState()))
                .transform(e -> new Conflict())
                .flatMap(x -> completionDue(tx, orderId, events));
    }

    /**
     * Keeps the completion job's list in step with the events, in their transaction. A delivery raises the order's
     * {@code due_at} to the delivery + that group's return window as the order was placed under; without one (an order
     * placed before shops had their own windows) {@code due_at} is left unset, and the job sets it from the last
     * delivery and the configured window ({@link #settleLegacyDue}).
     */
    private Uni<Void> completionDue(SqlClient tx, UUID orderId, List<OrderEvent> events) {
        // one event after the other, in the batch's order: its completion row, then its delivery row
        return Multi.createFrom()
                .iterable(events)
                .onItem()
                .transformToUniAndConcatenate(
                        e -> completionDue(tx, orderId, e, events).flatMap(x -> deliveryDue(tx, orderId, e)))
                .collect()
                .last()
                .replaceWithVoid();
    }

    /** One event's part of {@link #completionDue(SqlClient, UUID, List)}: {@code events} is its whole batch. */
    private Uni<Void> completionDue(SqlClient tx, UUID orderId, OrderEvent e, List<OrderEvent> events) {
        if (e instanceof OrderEvent.GroupDelivered d) {
            Instant deliveredAt = d.deliveredAt() == null ? clock.instant() : d.deliveredAt();
            return returnWindowDays(tx, orderId, d.shopId(), events)
                    .flatMap(days -> tx.preparedQuery("""
                        INSERT INTO order_completion_due (order_id, last_delivered_at, due_at) VALUES ($1, $2, $3)
                        ON CONFLICT (order_id) DO UPDATE SET last_delivered_at =
                            greatest(order_completion_due.last_delivered_at, excluded.last_delivered_at),
                            due_at = CASE WHEN excluded.due_at IS NULL THEN NULL
                                ELSE greatest(order_completion_due.due_at, excluded.due_at) END""")
                            .execute(Tuple.of(
                                    orderId,
                                    deliveredAt.atOffset(ZoneOffset.UTC),
                                    days == null
                                            ? null
                                            : deliveredAt
                                                    .plus(Duration.ofDays(days))
                                                    .atOffset(ZoneOffset.UTC)))
                            .replaceWithVoid());
        }
        if (e instanceof OrderEvent.OrderCompleted || e instanceof OrderEvent.OrderCancelled) {
            return tx.preparedQuery("DELETE FROM order_completion_due WHERE order_id = $1")
                    .execute(Tuple.of(orderId))
                    .replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }

    /**
     * The group's return window in days as its order was placed under (OrderPlaced, the stream's first event — in
     * this batch or stored); null for an order placed before shops had their own windows.
     */
    private static Uni<Integer> returnWindowDays(SqlClient tx, UUID orderId, UUID shopId, List<OrderEvent> batch) {
        for (OrderEvent e : batch) {
            if (e instanceof OrderEvent.OrderPlaced p) {
                return Uni.createFrom().item(windowOf(p, shopId));
            }
        }
        return tx.preparedQuery("""
                SELECT type, payload::text AS payload FROM order_event WHERE order_id = $1 AND type = 'OrderPlaced'
                ORDER BY seq LIMIT 1""")
                .execute(Tuple.of(orderId))
                .map(rows -> rows.rowCount() == 0
                        ? null
                        : windowOf(
                                (OrderEvent.OrderPlaced) read(
                                        "OrderPlaced", rows.iterator().next().getString("payload")),
                                shopId));
    }

    private static Integer windowOf(OrderEvent.OrderPlaced placed, UUID shopId) {
        return placed.returnWindowDays() == null
                ? null
                : placed.returnWindowDays().get(shopId);
    }

    /** Keeps the auto-delivery job's list in step with the events, in their transaction. */
    private Uni<Void> deliveryDue(SqlClient tx, UUID orderId, OrderEvent e) {
        return switch (e) {
            case OrderEvent.ShipmentDispatched s ->
                tx.preparedQuery("""
                    INSERT INTO order_delivery_due (order_id, shop_id, last_shipped_at) VALUES ($1, $2, $3)
                    ON CONFLICT (order_id, shop_id) DO UPDATE SET last_shipped_at =
                        greatest(order_delivery_due.last_shipped_at, excluded.last_shipped_at)""")
                        .execute(Tuple.of(
                                orderId,
                                s.shopId(),
                                (s.dispatchedAt() == null ? clock.instant() : s.dispatchedAt())
                                        .atOffset(ZoneOffset.UTC)))
                        .replaceWithVoid();
            case OrderEvent.GroupDelivered d -> deleteDelivery(tx, orderId, d.shopId());
            case OrderEvent.GroupCancelled c -> deleteDelivery(tx, orderId, c.shopId());
            case OrderEvent.OrderCancelled c ->
                tx.preparedQuery("DELETE FROM order_delivery_due WHERE order_id = $1")
                        .execute(Tuple.of(orderId))
                        .replaceWithVoid();
            default -> Uni.createFrom().voidItem();
        };
    }

    private static Uni<Void> deleteDelivery(SqlClient tx, UUID orderId, UUID shopId) {
        return tx.preparedQuery("DELETE FROM order_delivery_due WHERE order_id = $1 AND shop_id = $2")
                .execute(Tuple.of(orderId, shopId))
                .replaceWithVoid();
    }

    /** Groups whose latest parcel left at or before {@code shippedBy}, after the cursor, in cursor order. */
    public Uni<List<ShippedDue>> deliveryDue(SqlClient client, Instant shippedBy, ShippedDue after, int limit) {
        return client.preparedQuery("""
                SELECT order_id, shop_id, last_shipped_at FROM order_delivery_due
                WHERE last_shipped_at <= $1 AND (last_shipped_at, order_id, shop_id) > ($2, $3, $4)
                ORDER BY last_shipped_at, order_id, shop_id LIMIT $5""")
                .execute(Tuple.from(List.of(
                        shippedBy.atOffset(ZoneOffset.UTC),
                        after.lastShippedAt().atOffset(ZoneOffset.UTC),
                        after.orderId(),
                        after.shopId(),
                        limit)))
                .map(rows -> {
                    List<ShippedDue> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new ShippedDue(
                            r.getUUID("order_id"),
                            r.getUUID("shop_id"),
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
        return client.query("SELECT order_id, max(seq) AS seq FROM order_event GROUP BY order_id")
                .execute()
                .map(rows -> {
                    List<Head> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new Head(r.getUUID("order_id"), r.getLong("seq"))));
                    return out;
                });
    }

    /** An order's stream and the sequence of its last event. */
    public record Head(UUID orderId, long seq) {}

    /**
     * Gives the completion job's rows without a {@code due_at} — orders placed before shops had their own return
     * windows — their last delivery + {@code window} (the configured one, theirs); answers how many.
     */
    public Uni<Integer> settleLegacyDue(SqlClient client, Duration window) {
        return client.preparedQuery("""
                UPDATE order_completion_due SET due_at = last_delivered_at + $1::bigint * interval '1 second'
                WHERE due_at IS NULL""").execute(Tuple.of(window.toSeconds())).map(rows -> rows.rowCount());
    }

    /** Orders whose every delivered group's return window had passed by {@code now}, after the cursor, in order. */
    public Uni<List<Due>> completionDue(SqlClient client, Instant now, Due after, int limit) {
        return client.preparedQuery("""
                SELECT order_id, due_at FROM order_completion_due
                WHERE due_at <= $1 AND (due_at, order_id) > ($2, $3)
                ORDER BY due_at, order_id LIMIT $4""")
                .execute(Tuple.of(
                        now.atOffset(ZoneOffset.UTC), after.dueAt().atOffset(ZoneOffset.UTC), after.orderId(), limit))
                .map(rows -> {
                    List<Due> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new Due(
                            r.getUUID("order_id"), r.getOffsetDateTime("due_at").toInstant())));
                    return out;
                });
    }

    /** A row of the completion job's list (when the order may complete), and its keyset cursor. */
    public record Due(UUID orderId, Instant dueAt) {
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
