package dev.bazaar.notification.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.bazaar.contracts.messaging.Lines.OrderGroup;
import dev.bazaar.contracts.messaging.MessageCodec;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.notification.domain.OrderFacts;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The facts of each order kept from its OrderPlaced ({@code order_fact}, with the display estimate since V4), written
 * and read on the idempotent consumer's transaction. The groups are stored as order.events' own JSON (contracts'
 * mapper), so they read back as the same records.
 */
@ApplicationScoped
public class OrderFactStore {

    private static final TypeReference<List<OrderGroup>> GROUPS = new TypeReference<>() {};

    /** Keeps an order's facts; a second OrderPlaced of the same order (a replay) changes nothing. */
    public Uni<Void> save(SqlClient tx, OrderFacts facts, Instant placedAt) {
        Money estimate = facts.displayEstimate();
        return tx.preparedQuery("""
                INSERT INTO order_fact (order_id, buyer_subject, groups, total_minor, currency, placed_at,
                                        display_estimate_minor, display_currency)
                VALUES ($1, $2, $3::text::jsonb, $4, $5, $6, $7, $8) ON CONFLICT (order_id) DO NOTHING""")
                .execute(Tuple.from(Arrays.asList(
                        facts.orderId(),
                        facts.buyerSubject(),
                        json(facts.groups()),
                        facts.total().amount(),
                        facts.total().currencyCode(),
                        placedAt.atOffset(ZoneOffset.UTC),
                        estimate == null ? null : estimate.amount(),
                        estimate == null ? null : estimate.currencyCode())))
                .replaceWithVoid();
    }

    public Uni<Optional<OrderFacts>> find(SqlClient tx, UUID orderId) {
        return tx.preparedQuery("""
                SELECT order_id, buyer_subject, groups::text AS groups, total_minor, currency, display_estimate_minor,
                       display_currency
                FROM order_fact WHERE order_id = $1""")
                .execute(Tuple.of(orderId))
                .map(rows -> rows.rowCount() == 0
                        ? Optional.empty()
                        : Optional.of(facts(rows.iterator().next())));
    }

    private static OrderFacts facts(Row r) {
        try {
            List<OrderGroup> groups = MessageCodec.json().readValue(r.getString("groups"), GROUPS);
            Long estimate = r.getLong("display_estimate_minor");
            return new OrderFacts(
                    r.getUUID("order_id"),
                    r.getString("buyer_subject"),
                    groups,
                    Money.of(r.getLong("total_minor"), r.getString("currency")),
                    estimate == null ? null : Money.of(estimate, r.getString("display_currency")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("order_fact " + r.getUUID("order_id") + " has unreadable groups", e);
        }
    }

    private static String json(List<OrderGroup> groups) {
        try {
            return MessageCodec.json().writeValueAsString(groups);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
