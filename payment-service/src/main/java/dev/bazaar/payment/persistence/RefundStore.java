package dev.bazaar.payment.persistence;

import dev.bazaar.contracts.money.Money;
import dev.bazaar.payment.domain.Payment;
import dev.bazaar.payment.domain.RefundParts;
import dev.bazaar.payment.domain.RefundView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Refunds ({@code refund}) and what they reserve of a payment's splits. Methods taking a {@link SqlClient} run inside
 * the caller's transaction.
 */
@ApplicationScoped
public class RefundStore {

    /** A stored refund with what the API does not show: its parts and the key it is asked of the provider under. */
    public record StoredRefund(RefundView view, RefundParts parts, String providerKey) {}

    private final Pool pool;

    public RefundStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<RefundView>> ofPayment(SqlClient tx, UUID paymentId) {
        return tx.preparedQuery("SELECT * FROM refund WHERE payment_id = $1 ORDER BY created_at, id")
                .execute(Tuple.of(paymentId))
                .map(RefundStore::views);
    }

    /**
     * Refunds a crash or an outage left PENDING: those tried already and due again (backoff), and those a crash left
     * before their first answer; at most 50, the longest waiting first.
     */
    public Uni<List<StoredRefund>> pendingDue() {
        return pool.preparedQuery("""
                SELECT * FROM refund WHERE status = 'PENDING'
                  AND ((attempts > 0 AND next_attempt_at <= now())
                       OR (attempts = 0 AND created_at < now() - interval '1 minute'))
                ORDER BY coalesce(next_attempt_at, created_at) LIMIT 50""").execute().map(rows -> {
            List<StoredRefund> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(stored(r));
            }
            return out;
        });
    }

    /** The latest 200 refunds in {@code status}, most recently updated first. */
    public Uni<List<RefundView>> withStatus(String status) {
        return pool.preparedQuery("SELECT * FROM refund WHERE status = $1 ORDER BY updated_at DESC LIMIT 200")
                .execute(Tuple.of(status))
                .map(RefundStore::views);
    }

    /** The refund, locked for the rest of the transaction. */
    public Uni<Optional<StoredRefund>> lock(SqlClient tx, UUID refundId) {
        return tx.preparedQuery("SELECT * FROM refund WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(refundId))
                .map(rows -> rows.rowCount() == 0
                        ? Optional.empty()
                        : Optional.of(stored(rows.iterator().next())));
    }

    /** A refund's status, locked for the rest of the transaction (the refund must exist). */
    public Uni<String> lockStatus(SqlClient tx, UUID refundId) {
        return tx.preparedQuery("SELECT status FROM refund WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(refundId))
                .map(rows -> rows.iterator().next().getString("status"));
    }

    public Uni<Optional<RefundView>> byId(SqlClient tx, UUID refundId) {
        return tx.preparedQuery("SELECT * FROM refund WHERE id = $1")
                .execute(Tuple.of(refundId))
                .map(rows -> rows.rowCount() == 0
                        ? Optional.empty()
                        : Optional.of(view(rows.iterator().next())));
    }

    /** A FAILED refund PENDING again, to be asked of the provider under a fresh key. */
    public Uni<Void> reopen(SqlClient tx, UUID refundId, String providerKey) {
        return Statements.execute(
                tx,
                "UPDATE refund SET status = 'PENDING', provider_key = $2, "
                        + "failure_reason = NULL, updated_at = now() WHERE id = $1",
                refundId,
                providerKey);
    }

    /** A refund the processor already made (a lost dispute's share), recorded SUCCEEDED at once. */
    public Uni<Void> insertDisputeLost(
            SqlClient tx, UUID refundId, Payment p, UUID shopId, RefundParts r, String disputeId) {
        return tx.preparedQuery("""
                INSERT INTO refund (id, payment_id, order_id, shop_id, amount_minor, goods_minor, shipping_minor,
                                    tax_minor, commission_minor, status, source, reason, provider_key)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'SUCCEEDED', 'DISPUTE', $10, $11)""")
                .execute(Tuple.from(java.util.Arrays.asList(
                        refundId,
                        p.id(),
                        p.orderId(),
                        shopId,
                        r.amount(),
                        r.goods(),
                        r.shipping(),
                        r.tax(),
                        r.commission(),
                        "dispute " + disputeId + " lost",
                        "dispute:" + disputeId)))
                .replaceWithVoid();
    }

    /** A new PENDING refund, asked of the provider under {@code "refund:" + refundId}. */
    public Uni<Void> insertPending(
            SqlClient tx, UUID refundId, Payment p, UUID shopId, RefundParts r, String source, String reason) {
        return tx.preparedQuery("""
                INSERT INTO refund (id, payment_id, order_id, shop_id, amount_minor, goods_minor, shipping_minor,
                                    tax_minor, commission_minor, status, source, reason, provider_key)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'PENDING', $10, $11, $12)""")
                .execute(Tuple.from(java.util.Arrays.asList(
                        refundId,
                        p.id(),
                        p.orderId(),
                        shopId,
                        r.amount(),
                        r.goods(),
                        r.shipping(),
                        r.tax(),
                        r.commission(),
                        source,
                        reason,
                        "refund:" + refundId)))
                .replaceWithVoid();
    }

    /**
     * Moves the refunded amounts of the shop's split and of the payment by {@code sign} times the parts: +1 reserves a
     * refund, -1 undoes the reservation.
     */
    public Uni<Void> moveRefunded(SqlClient tx, UUID paymentId, UUID shopId, RefundParts r, int sign) {
        return tx.preparedQuery("""
                UPDATE payment_split SET refunded_goods_minor = refunded_goods_minor + $3,
                       refunded_shipping_minor = refunded_shipping_minor + $4,
                       refunded_tax_minor = refunded_tax_minor + $5,
                       refunded_commission_minor = refunded_commission_minor + $6
                WHERE payment_id = $1 AND shop_id = $2""")
                .execute(Tuple.of(
                        paymentId,
                        shopId,
                        sign * r.goods(),
                        sign * r.shipping(),
                        sign * r.tax(),
                        sign * r.commission()))
                .flatMap(x -> tx.preparedQuery("UPDATE payment SET refunded_minor = refunded_minor + $2, "
                                + "updated_at = now() WHERE id = $1")
                        .execute(Tuple.of(paymentId, sign * r.amount())))
                .replaceWithVoid();
    }

    /** One more attempt without an answer: tried again after 10 s, 20 s, 40 s … at most an hour. */
    public Uni<Void> unanswered(SqlClient tx, UUID refundId, String error) {
        return Statements.execute(tx, """
                UPDATE refund SET attempts = attempts + 1, last_error = $2, updated_at = now(),
                       next_attempt_at = now() + least(interval '1 hour', interval '10 seconds' * power(2, attempts))
                WHERE id = $1""", refundId, error);
    }

    public Uni<Void> markSucceeded(SqlClient tx, UUID refundId, String reference) {
        return Statements.execute(
                tx,
                "UPDATE refund SET status = 'SUCCEEDED', provider_reference = $2, "
                        + "attempts = attempts + 1, updated_at = now() WHERE id = $1",
                refundId,
                reference);
    }

    public Uni<Void> markFailed(SqlClient tx, UUID refundId, String failure) {
        return Statements.execute(
                tx,
                "UPDATE refund SET status = 'FAILED', failure_reason = $2, "
                        + "attempts = attempts + 1, updated_at = now() WHERE id = $1",
                refundId,
                failure);
    }

    private static List<RefundView> views(RowSet<Row> rows) {
        List<RefundView> out = new ArrayList<>();
        rows.forEach(r -> out.add(view(r)));
        return out;
    }

    private static StoredRefund stored(Row r) {
        return new StoredRefund(
                view(r),
                new RefundParts(
                        r.getLong("goods_minor"),
                        r.getLong("shipping_minor"),
                        r.getLong("tax_minor"),
                        r.getLong("commission_minor")),
                r.getString("provider_key"));
    }

    private static RefundView view(Row r) {
        return new RefundView(
                r.getUUID("id"),
                r.getUUID("payment_id"),
                r.getUUID("order_id"),
                r.getUUID("shop_id"),
                Money.usd(r.getLong("amount_minor")),
                r.getString("status"),
                r.getString("source"),
                r.getString("reason"),
                r.getString("failure_reason"),
                r.getInteger("attempts"),
                r.getString("last_error"),
                r.getOffsetDateTime("created_at").toInstant());
    }
}
