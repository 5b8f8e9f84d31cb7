package dev.bazaar.payment.persistence;

import dev.bazaar.payment.domain.FraudViews;
import dev.bazaar.payment.domain.FraudViews.BlockKind;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The fraud rules' admin side: the blocklist, the decisions, the review queue and its conditional decisions, and the
 * disputes list. Every method runs inside the caller's transaction (or on the pool for reads).
 */
@ApplicationScoped
public class FraudStore {

    public Uni<List<FraudViews.BlocklistEntry>> blocklist(SqlClient db) {
        return db.query("SELECT * FROM fraud_blocklist ORDER BY created_at DESC, id")
                .execute()
                .map(FraudStore::entries);
    }

    /** The values blocked by admins, by kind (every kind present, maybe empty). */
    public Uni<Map<BlockKind, Set<String>>> blocked(SqlClient db) {
        return db.query("SELECT kind, value FROM fraud_blocklist").execute().map(rows -> {
            Map<BlockKind, Set<String>> byKind = new EnumMap<>(BlockKind.class);
            for (BlockKind k : BlockKind.values()) {
                byKind.put(k, new HashSet<>());
            }
            rows.forEach(r -> byKind.get(BlockKind.valueOf(r.getString("kind"))).add(r.getString("value")));
            return byKind;
        });
    }

    /** Adds an entry; empty when the same kind and value is listed already. */
    public Uni<Optional<FraudViews.BlocklistEntry>> addBlock(
            SqlClient tx, BlockKind kind, String value, String reason, String by) {
        return tx.preparedQuery("""
                INSERT INTO fraud_blocklist (id, kind, value, reason, created_by) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (kind, value) DO NOTHING RETURNING *""")
                .execute(Tuple.of(UUID.randomUUID(), kind.name(), value, reason, by))
                .map(rows -> entries(rows).stream().findFirst());
    }

    /** Removes an entry; whether it existed. */
    public Uni<Boolean> removeBlock(SqlClient tx, UUID id) {
        return tx.preparedQuery("DELETE FROM fraud_blocklist WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 1);
    }

    private static List<FraudViews.BlocklistEntry> entries(RowSet<Row> rows) {
        List<FraudViews.BlocklistEntry> all = new ArrayList<>();
        rows.forEach(r -> all.add(new FraudViews.BlocklistEntry(
                r.getUUID("id"),
                BlockKind.valueOf(r.getString("kind")),
                r.getString("value"),
                r.getString("reason"),
                r.getString("created_by"),
                r.getOffsetDateTime("created_at").toInstant())));
        return all;
    }

    /** The latest decisions first, of one outcome or all ({@code outcome} null). */
    public Uni<List<FraudViews.Decision>> decisions(SqlClient db, String outcome, int limit) {
        return db.preparedQuery("""
                SELECT d.*, p.amount_minor FROM fraud_decision d JOIN payment p ON p.id = d.payment_id
                WHERE $1::text IS NULL OR d.outcome = $1 ORDER BY d.created_at DESC, d.id LIMIT $2""").execute(Tuple.of(outcome, limit)).map(rows -> {
            List<FraudViews.Decision> all = new ArrayList<>();
            rows.forEach(r -> all.add(new FraudViews.Decision(
                    r.getUUID("id"),
                    r.getUUID("payment_id"),
                    r.getUUID("saga_id"),
                    r.getString("buyer_subject"),
                    r.getLong("amount_minor"),
                    r.getString("outcome"),
                    List.of(r.getArrayOfStrings("reasons")),
                    r.getString("provider_risk"),
                    instant(r, "created_at"),
                    r.getString("reviewed_outcome"),
                    r.getString("reviewed_by"),
                    instant(r, "reviewed_at"),
                    r.getString("review_note"))));
            return all;
        });
    }

    /** The payments held for review, the nearest deadline first. */
    public Uni<List<FraudViews.Review>> queue(SqlClient db, int limit) {
        return db.preparedQuery("""
                SELECT p.id, p.order_id, p.buyer_subject, p.amount_minor, p.payment_method, p.created_at,
                       p.review_decide_by, d.reasons
                FROM payment p JOIN fraud_decision d ON d.payment_id = p.id AND d.outcome = 'REVIEW'
                WHERE p.status = 'IN_REVIEW' ORDER BY p.review_decide_by, p.id LIMIT $1""").execute(Tuple.of(limit)).map(rows -> {
            List<FraudViews.Review> all = new ArrayList<>();
            rows.forEach(r -> all.add(new FraudViews.Review(
                    r.getUUID("id"),
                    r.getUUID("order_id"),
                    r.getString("buyer_subject"),
                    r.getLong("amount_minor"),
                    r.getString("payment_method"),
                    List.of(r.getArrayOfStrings("reasons")),
                    instant(r, "created_at"),
                    instant(r, "review_decide_by"))));
            return all;
        });
    }

    /** Held payments whose window ended before {@code now}, the oldest first. */
    public Uni<List<UUID>> expired(SqlClient db, Instant now, int limit) {
        return db.preparedQuery("SELECT id FROM payment WHERE status = 'IN_REVIEW' AND review_decide_by < $1 "
                        + "ORDER BY review_decide_by LIMIT $2")
                .execute(Tuple.of(now.atOffset(ZoneOffset.UTC), limit))
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getUUID("id")));
                    return ids;
                });
    }

    /**
     * The one decision of a review: moves the payment from IN_REVIEW to {@code status} (with the decline reason and
     * message of a block) only if it is still IN_REVIEW — so of two admins deciding at once exactly one wins — and
     * records the outcome on the REVIEW decision. Answers whether this call decided it.
     */
    public Uni<Boolean> decide(
            SqlClient tx,
            UUID paymentId,
            String status,
            String declineReason,
            String message,
            String outcome,
            String by,
            String note,
            Instant at) {
        OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
        return tx.preparedQuery("""
                UPDATE payment SET status = $2, decline_reason = coalesce($3, decline_reason),
                       status_message = coalesce($4, status_message), updated_at = now()
                WHERE id = $1 AND status = 'IN_REVIEW'""")
                .execute(Tuple.from(Arrays.asList(paymentId, status, declineReason, message)))
                .flatMap(rows -> rows.rowCount() == 0
                        ? Uni.createFrom().item(false)
                        : Statements.execute(tx, """
                                UPDATE fraud_decision SET reviewed_outcome = $2, reviewed_by = $3, reviewed_at = $4,
                                       review_note = $5
                                WHERE payment_id = $1 AND outcome = 'REVIEW' AND reviewed_outcome IS NULL""", paymentId, outcome, by, when, note)
                                .replaceWith(true));
    }

    /** The decide-by of a held payment (null when it is not held, or not known). */
    public Uni<Instant> decideBy(SqlClient db, UUID paymentId) {
        return db.preparedQuery("SELECT review_decide_by FROM payment WHERE id = $1")
                .execute(Tuple.of(paymentId))
                .map(rows ->
                        rows.rowCount() == 0 ? null : instant(rows.iterator().next(), "review_decide_by"));
    }

    /** Disputes, the latest first, of one processor status or all ({@code status} null). */
    public Uni<List<FraudViews.Dispute>> disputes(SqlClient db, String status, int limit) {
        return db.preparedQuery("SELECT * FROM dispute WHERE $1::text IS NULL OR status = $1 "
                        + "ORDER BY created_at DESC, id LIMIT $2")
                .execute(Tuple.of(status, limit))
                .map(rows -> {
                    List<FraudViews.Dispute> all = new ArrayList<>();
                    rows.forEach(r -> all.add(new FraudViews.Dispute(
                            r.getString("id"),
                            r.getUUID("payment_id"),
                            r.getLong("amount_minor"),
                            r.getString("reason"),
                            r.getString("status"),
                            r.getString("outcome"),
                            r.getLong("withdrawn_minor"),
                            r.getLong("reinstated_minor"),
                            r.getLong("fee_minor"),
                            instant(r, "created_at"),
                            instant(r, "closed_at"))));
                    return all;
                });
    }

    private static Instant instant(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }
}
