package dev.bazaar.payment.persistence;

import dev.bazaar.contracts.money.Money;
import dev.bazaar.payment.domain.PayoutAccount;
import dev.bazaar.payment.domain.PayoutView;
import dev.bazaar.payment.domain.Postings;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Payouts ({@code payout}) and the transfer reversals taken back from them ({@code transfer_reversal}). Methods taking
 * a {@link SqlClient} run inside the caller's transaction. Payout accounts are written and read as a whole through
 * Panache ({@link PayoutAccountRepository}); two reads here join them with the payouts in one statement and change
 * nothing: the payout run's candidates ({@link #payableAccounts}) and a refund's reversible payout
 * ({@link #lastReversible}) — ADR 0016.
 */
@ApplicationScoped
public class PayoutStore {

    /** A verified account with nothing due, whether its last payout makes it due, and whether a payout is open. */
    public record Candidate(PayoutAccount account, Instant lastPaid, boolean open) {}

    /** A payout a fault left open (PENDING or UNKNOWN): it keeps its id, so its idempotency key. */
    public record OpenPayout(UUID id, Postings.PayoutAmounts amounts) {}

    /** The shop's latest PAID payout with something left to reverse, and where its transfer went. */
    public record ReversiblePayout(UUID id, long reversible, String transferReference, String accountId) {}

    private final Pool pool;

    public PayoutStore(Pool pool) {
        this.pool = pool;
    }

    /** Serialises a shop's payouts and transfer reversals (also across replicas). */
    public Uni<Void> lockShop(SqlClient tx, UUID shopId) {
        return tx.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1, 13))")
                .execute(Tuple.of(shopId.toString()))
                .replaceWithVoid();
    }

    // --- payout accounts joined with payouts (read-only: the accounts themselves are PayoutAccountRepository's)

    /**
     * Every verified account with nothing due or disabled, of an approved shop, with when it was last paid and
     * whether a payout of it is open. One statement for the whole run (accounts × the shop's approval × the payouts'
     * last PAID and open ones, filtered and ordered by PostgreSQL), not an entity query per account: it only reads, and
     * the run locks and pays each seller afterwards under the shop's advisory lock.
     */
    public Uni<List<Candidate>> payableAccounts() {
        return pool.preparedQuery("""
                SELECT a.*, (SELECT max(created_at) FROM payout p WHERE p.shop_id = a.shop_id AND p.status = 'PAID')
                           AS last_paid,
                       EXISTS (SELECT 1 FROM payout p WHERE p.shop_id = a.shop_id
                                 AND p.status IN ('PENDING', 'UNKNOWN')) AS open
                FROM payout_account a JOIN shop s ON s.id = a.shop_id AND s.status = 'APPROVED'
                WHERE a.verified AND cardinality(a.requirements_due) = 0 AND cardinality(a.requirements_past_due) = 0
                  AND a.disabled_reason IS NULL ORDER BY a.shop_id""").execute().map(rows -> {
            List<Candidate> out = new ArrayList<>();
            for (Row r : rows) {
                Instant last = r.getOffsetDateTime("last_paid") == null
                        ? null
                        : r.getOffsetDateTime("last_paid").toInstant();
                out.add(new Candidate(account(r), last, r.getBoolean("open")));
            }
            return out;
        });
    }

    /** When the shop's latest PAID payout was made (as the run's candidates count it); empty when never paid. */
    public Uni<Optional<Instant>> lastPaid(UUID shopId) {
        return pool.preparedQuery(
                        "SELECT max(created_at) AS last_paid FROM payout WHERE shop_id = $1 AND status = 'PAID'")
                .execute(Tuple.of(shopId))
                .map(rows -> {
                    OffsetDateTime at = rows.iterator().next().getOffsetDateTime("last_paid");
                    return Optional.ofNullable(at == null ? null : at.toInstant());
                });
    }

    // --- payouts

    /** The shop's latest 100 payouts, newest first. */
    public Uni<List<PayoutView>> ofShop(UUID shopId) {
        return pool.preparedQuery("SELECT * FROM payout WHERE shop_id = $1 ORDER BY created_at DESC LIMIT 100")
                .execute(Tuple.of(shopId))
                .map(rows -> {
                    List<PayoutView> out = new ArrayList<>();
                    rows.forEach(r -> out.add(view(r)));
                    return out;
                });
    }

    /** The shop's open payout (PENDING or UNKNOWN), locked for the rest of the transaction. */
    public Uni<Optional<OpenPayout>> lockOpen(SqlClient tx, UUID shopId) {
        return tx.preparedQuery(
                        "SELECT * FROM payout WHERE shop_id = $1 AND status IN ('PENDING', " + "'UNKNOWN') FOR UPDATE")
                .execute(Tuple.of(shopId))
                .map(open -> {
                    if (open.rowCount() == 0) {
                        return Optional.empty();
                    }
                    Row p = open.iterator().next();
                    return Optional.of(new OpenPayout(
                            p.getUUID("id"),
                            new Postings.PayoutAmounts(p.getLong("amount_minor"), p.getLong("debt_settled_minor"))));
                });
    }

    public Uni<Void> insertPending(SqlClient tx, UUID id, UUID shopId, Postings.PayoutAmounts amounts) {
        return Statements.execute(
                tx,
                "INSERT INTO payout (id, shop_id, amount_minor, debt_settled_minor, "
                        + "status) VALUES ($1, $2, $3, $4, 'PENDING')",
                id,
                shopId,
                amounts.paid(),
                amounts.debtSettled());
    }

    /** A payout's status, locked for the rest of the transaction (the payout must exist). */
    public Uni<String> lockStatus(SqlClient tx, UUID id) {
        return tx.preparedQuery("SELECT status FROM payout WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(id))
                .map(rows -> rows.iterator().next().getString("status"));
    }

    public Uni<Void> markPaid(SqlClient tx, UUID id, String transferReference) {
        return Statements.execute(
                tx,
                "UPDATE payout SET status = 'PAID', "
                        + "transfer_reference = $2, attempts = attempts + 1, settled_at = now() WHERE id = $1",
                id,
                transferReference);
    }

    public Uni<Void> markUnknown(SqlClient tx, UUID id, String error) {
        return Statements.execute(
                tx,
                "UPDATE payout SET status = 'UNKNOWN', " + "attempts = attempts + 1, last_error = $2 WHERE id = $1",
                id,
                error);
    }

    public Uni<Void> markDeferred(SqlClient tx, UUID id, String reason) {
        return Statements.execute(
                tx,
                "UPDATE payout SET status = 'DEFERRED', failure_reason = $2, "
                        + "attempts = attempts + 1, settled_at = now() WHERE id = $1",
                id,
                reason);
    }

    public Uni<Void> markFailed(SqlClient tx, UUID id, String reason) {
        return Statements.execute(
                tx,
                "UPDATE payout SET status = 'FAILED', failure_reason = $2, "
                        + "attempts = attempts + 1, settled_at = now() WHERE id = $1",
                id,
                reason);
    }

    /** The payout (it must exist). */
    public Uni<PayoutView> byId(SqlClient tx, UUID id) {
        return tx.preparedQuery("SELECT * FROM payout WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> view(rows.iterator().next()));
    }

    // --- transfer reversals

    /**
     * The shop's latest PAID payout with something left to reverse, with the account its transfer went to: one read of
     * the payout joined with its account, on a refund's money path (ADR 0016).
     */
    public Uni<Optional<ReversiblePayout>> lastReversible(UUID shopId) {
        return pool.preparedQuery("""
                SELECT p.id, p.amount_minor - p.reversed_minor AS reversible, p.transfer_reference, a.account_id
                FROM payout p JOIN payout_account a ON a.shop_id = p.shop_id
                WHERE p.shop_id = $1 AND p.status = 'PAID' AND p.amount_minor > p.reversed_minor
                ORDER BY p.created_at DESC LIMIT 1""").execute(Tuple.of(shopId)).map(rows -> {
            if (rows.rowCount() == 0) {
                return Optional.empty();
            }
            Row r = rows.iterator().next();
            return Optional.of(new ReversiblePayout(
                    r.getUUID("id"),
                    r.getLong("reversible"),
                    r.getString("transfer_reference"),
                    r.getString("account_id")));
        });
    }

    /** Records the refund's reversal once (by refund); answers whether this call recorded it. */
    public Uni<Boolean> insertReversal(
            SqlClient tx, UUID reversalId, UUID payoutId, UUID refundId, UUID shopId, long amount, String reference) {
        return tx.preparedQuery("""
                INSERT INTO transfer_reversal (id, payout_id, refund_id, shop_id, amount_minor, reference)
                VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (refund_id) DO NOTHING""")
                .execute(Tuple.from(java.util.Arrays.asList(reversalId, payoutId, refundId, shopId, amount, reference)))
                .map(inserted -> inserted.rowCount() > 0);
    }

    public Uni<Void> addReversed(SqlClient tx, UUID payoutId, long amount) {
        return Statements.execute(
                tx, "UPDATE payout SET reversed_minor = reversed_minor + $2 WHERE id = $1", payoutId, amount);
    }

    private static PayoutView view(Row r) {
        return new PayoutView(
                r.getUUID("id"),
                r.getUUID("shop_id"),
                Money.usd(r.getLong("amount_minor")),
                Money.usd(r.getLong("debt_settled_minor")),
                r.getString("status"),
                r.getString("failure_reason"),
                r.getOffsetDateTime("created_at").toInstant());
    }

    /** The account's columns of a joined row, as {@code PayoutAccountEntity} maps them. */
    private static PayoutAccount account(Row r) {
        PayoutAccount.Requirements req = new PayoutAccount.Requirements(
                List.of(r.getArrayOfStrings("requirements_due")),
                List.of(r.getArrayOfStrings("requirements_past_due")),
                r.getString("disabled_reason"),
                r.getOffsetDateTime("requirements_deadline") == null
                        ? null
                        : r.getOffsetDateTime("requirements_deadline").toInstant());
        boolean verified = r.getBoolean("verified");
        return new PayoutAccount(
                r.getUUID("shop_id"),
                r.getString("account_id"),
                verified,
                r.getString("onboarding_url"),
                PayoutAccount.Schedule.valueOf(r.getString("schedule")),
                req,
                !verified || req.any());
    }
}
