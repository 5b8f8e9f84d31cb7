package dev.bazaar.payment.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * Disputes ({@code dispute}) and the holds they put on a payment's seller shares; every method runs inside the
 * caller's transaction.
 */
@ApplicationScoped
public class DisputeStore {

    /**
     * A dispute as recorded: whether this event opened it, what the books have of its funds withdrawn and reinstated
     * (and their fees) so far, and its outcome once closed (null while open).
     */
    public record Recorded(boolean opened, long withdrawn, long fee, long reinstated, long feeBack, String outcome) {}

    /** The id of the payment of a PaymentIntent, locked for the rest of the transaction. */
    public Uni<Optional<UUID>> lockPaymentOf(SqlClient tx, String paymentIntent) {
        return tx.preparedQuery("SELECT id FROM payment WHERE provider_reference = $1 FOR UPDATE")
                .execute(Tuple.of(paymentIntent))
                .map(rows -> rows.rowCount() == 0
                        ? Optional.<UUID>empty()
                        : Optional.of(rows.iterator().next().getUUID("id")));
    }

    /** Records the dispute, or its new status when it is known already. */
    public Uni<Recorded> upsert(SqlClient tx, String id, UUID paymentId, long amount, String reason, String status) {
        return tx.preparedQuery("""
                INSERT INTO dispute (id, payment_id, amount_minor, reason, status) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (id) DO UPDATE SET status = excluded.status, updated_at = now()
                RETURNING (xmax = 0) AS opened, withdrawn_minor, fee_minor, reinstated_minor, fee_back_minor, outcome""")
                .execute(Tuple.of(id, paymentId, amount, reason, status))
                .map(rows -> {
                    Row d = rows.iterator().next();
                    return new Recorded(
                            d.getBoolean("opened"),
                            d.getLong("withdrawn_minor"),
                            d.getLong("fee_minor"),
                            d.getLong("reinstated_minor"),
                            d.getLong("fee_back_minor"),
                            d.getString("outcome"));
                });
    }

    /** Holds every seller share of the payment (pending, not paid out). */
    public Uni<Void> holdShares(SqlClient tx, UUID paymentId) {
        return Statements.execute(tx, "UPDATE payment_split SET held = true " + "WHERE payment_id = $1", paymentId);
    }

    /** Adds what the books now have of the dispute's funds withdrawn and reinstated, and their fees. */
    public Uni<Void> addFunds(SqlClient tx, String id, long withdrawn, long fee, long reinstated, long feeBack) {
        return Statements.execute(tx, """
                UPDATE dispute SET withdrawn_minor = withdrawn_minor + $2, fee_minor = fee_minor + $3,
                       reinstated_minor = reinstated_minor + $4, fee_back_minor = fee_back_minor + $5
                WHERE id = $1""", id, withdrawn, fee, reinstated, feeBack);
    }

    public Uni<Void> close(SqlClient tx, String id, String outcome) {
        return Statements.execute(tx, "UPDATE dispute SET outcome = $2, closed_at = now() WHERE id = $1", id, outcome);
    }

    /** Releases the payment's seller shares, unless another dispute of it is still open. */
    public Uni<Void> releaseShares(SqlClient tx, UUID paymentId) {
        return Statements.execute(tx, """
                UPDATE payment_split SET held = false WHERE payment_id = $1
                  AND NOT EXISTS (SELECT 1 FROM dispute WHERE payment_id = $1 AND outcome IS NULL)""", paymentId);
    }
}
