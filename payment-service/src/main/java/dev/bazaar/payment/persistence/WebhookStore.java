package dev.bazaar.payment.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * Stripe's events as received ({@code stripe_event}, unique by Stripe's id) and what applying them reads and changes;
 * every method runs inside the caller's transaction: the methods taking a {@link SqlClient} in the reactive client's,
 * the others in the current Hibernate Reactive transaction ({@code Panache.withTransaction}), with native statements
 * on its session — an {@code account.updated} is stored with its effect on the payout account, which Panache writes
 * (ADR 0016).
 */
@ApplicationScoped
public class WebhookStore {

    /** A payment of ours and its status. */
    public record PaymentStatus(UUID id, String status) {}

    /** Records the event as received; answers false when it was received before (nothing recorded). */
    public Uni<Boolean> insertEvent(
            SqlClient tx, String id, String endpoint, String type, String account, String apiVersion, String payload) {
        return tx.preparedQuery("""
                INSERT INTO stripe_event (id, endpoint, type, account, api_version, payload, outcome)
                VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, 'received') ON CONFLICT (id) DO NOTHING""")
                .execute(Tuple.from(java.util.Arrays.asList(id, endpoint, type, account, apiVersion, payload)))
                .map(inserted -> inserted.rowCount() > 0);
    }

    public Uni<Void> setOutcome(SqlClient tx, String id, String outcome) {
        return Statements.execute(tx, "UPDATE stripe_event SET outcome = $2 WHERE id = $1", id, outcome);
    }

    /**
     * {@link #insertEvent(SqlClient, String, String, String, String, String, String)} in the current Panache
     * transaction: the same row, the same answer (false when it was received before, nothing recorded).
     */
    public Uni<Boolean> insertEvent(
            String id, String endpoint, String type, String account, String apiVersion, String payload) {
        // ?6 goes through text: a String bound straight to a jsonb parameter would be stored as a JSON string
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery("""
                INSERT INTO stripe_event (id, endpoint, type, account, api_version, payload, outcome)
                VALUES (?1, ?2, ?3, CAST(?4 AS text), CAST(?5 AS text), CAST(CAST(?6 AS text) AS jsonb), 'received')
                ON CONFLICT (id) DO NOTHING""")
                        .setParameter(1, id)
                        .setParameter(2, endpoint)
                        .setParameter(3, type)
                        .setParameter(4, account)
                        .setParameter(5, apiVersion)
                        .setParameter(6, payload)
                        .executeUpdate())
                .map(inserted -> inserted > 0);
    }

    /** {@link #setOutcome(SqlClient, String, String)} in the current Panache transaction. */
    public Uni<Void> setOutcome(String id, String outcome) {
        return Panache.getSession()
                .flatMap(s -> s.createNativeQuery("UPDATE stripe_event SET outcome = ?2 WHERE id = ?1")
                        .setParameter(1, id)
                        .setParameter(2, outcome)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** The payment of a PaymentIntent, locked for the rest of the transaction. */
    public Uni<Optional<PaymentStatus>> lockPaymentOf(SqlClient tx, String paymentIntent) {
        return tx.preparedQuery("SELECT id, status FROM payment WHERE provider_reference = $1 FOR UPDATE")
                .execute(Tuple.of(paymentIntent))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return Optional.empty();
                    }
                    Row p = rows.iterator().next();
                    return Optional.of(new PaymentStatus(p.getUUID("id"), p.getString("status")));
                });
    }

    /** The payment is to be voided (VOIDING), for {@code message}. */
    public Uni<Void> markVoiding(SqlClient tx, UUID paymentId, String message) {
        return Statements.execute(
                tx,
                "UPDATE payment SET status = 'VOIDING', status_message = $2, " + "updated_at = now() WHERE id = $1",
                paymentId,
                message);
    }

    /** What the books have refunded (pending or succeeded) of the PaymentIntent's payment; empty when not ours. */
    public Uni<Optional<Long>> refundsBooked(SqlClient tx, String paymentIntent) {
        return tx.preparedQuery("""
                SELECT p.id, coalesce(sum(r.amount_minor) FILTER (WHERE r.status <> 'FAILED'), 0) AS booked
                FROM payment p LEFT JOIN refund r ON r.payment_id = p.id
                WHERE p.provider_reference = $1 GROUP BY p.id""")
                .execute(Tuple.of(paymentIntent))
                .map(rows -> rows.rowCount() == 0
                        ? Optional.<Long>empty()
                        : Optional.of(rows.iterator().next().getLong("booked")));
    }

    /** What the books have reversed of the payout the transfer paid; empty when not one of our transfers. */
    public Uni<Optional<Long>> reversalsBooked(SqlClient tx, String transfer) {
        return tx.preparedQuery("""
                SELECT p.id, coalesce((SELECT sum(t.amount_minor) FROM transfer_reversal t WHERE t.payout_id = p.id), 0)
                       AS booked
                FROM payout p WHERE p.transfer_reference = $1""")
                .execute(Tuple.of(transfer))
                .map(rows -> rows.rowCount() == 0
                        ? Optional.<Long>empty()
                        : Optional.of(rows.iterator().next().getLong("booked")));
    }
}
