package dev.bazaar.payment.persistence;

import dev.bazaar.payment.provider.PaymentProvider.ProviderTransfer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sandbox provider's own books, separate from the service's state: its charges ({@code sandbox_charge}), every
 * operation under its idempotency key ({@code sandbox_operation}) and the faults planned for it
 * ({@code sandbox_fault}). Methods taking a {@link SqlClient} run inside the caller's transaction.
 */
@ApplicationScoped
public class SandboxStore {

    /** An operation's first (so every) outcome under its key: what it answered, its reference and detail. */
    public record Operation(String outcome, String reference, String detail) {}

    /** A charge as the processor would report it; {@code fee} is its capture's detail (null before a capture). */
    public record Charge(
            String id,
            String status,
            long captured,
            long refunded,
            String cardCountry,
            String clientSecret,
            String nextActionUrl,
            String failureCode,
            String failureMessage,
            String fee) {}

    /** A charge's status and the client secret its 3-D Secure challenge is answered with (null when none). */
    public record ChallengedCharge(String status, String clientSecret) {}

    private final Pool pool;

    public SandboxStore(Pool pool) {
        this.pool = pool;
    }

    /** Takes one planned fault for this kind of call and subject: its mode, or null when none is planned. */
    public Uni<String> takeFault(String kind, String subject) {
        return pool.preparedQuery("""
                UPDATE sandbox_fault SET remaining = remaining - 1
                WHERE id = (SELECT id FROM sandbox_fault WHERE operation = $1 AND remaining > 0
                              AND (target IS NULL OR target = $2) ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING mode""")
                .execute(Tuple.of(kind, subject))
                .map(rows ->
                        rows.rowCount() == 0 ? null : rows.iterator().next().getString("mode"));
    }

    /** Serialises every call under one idempotency key (also across replicas). */
    public Uni<Void> lockKey(SqlClient tx, String key) {
        return tx.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1, 7))")
                .execute(Tuple.of(key))
                .replaceWithVoid();
    }

    /** The operation already made under {@code key}, if any. */
    public Uni<Optional<Operation>> operation(SqlClient tx, String key) {
        return tx.preparedQuery("SELECT * FROM sandbox_operation WHERE idempotency_key = $1")
                .execute(Tuple.of(key))
                .map(rows -> rows.rowCount() == 1
                        ? Optional.of(operation(rows.iterator().next()))
                        : Optional.<Operation>empty());
    }

    /** Records an operation's outcome under its key. */
    public Uni<Operation> record(
            SqlClient tx,
            String key,
            String kind,
            String charge,
            long amount,
            String outcome,
            String reference,
            String detail) {
        return tx.preparedQuery("""
                INSERT INTO sandbox_operation (idempotency_key, kind, charge_id, amount_minor, outcome, reference, detail)
                VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *""")
                .execute(Tuple.from(java.util.Arrays.asList(key, kind, charge, amount, outcome, reference, detail)))
                .map(rows -> operation(rows.iterator().next()));
    }

    /** A transfer's group, on the transfer operation recorded under {@code key}. */
    public Uni<Operation> setTransferGroup(SqlClient tx, String key, String transferGroup) {
        return tx.preparedQuery(
                        "UPDATE sandbox_operation SET transfer_group = $2 " + "WHERE idempotency_key = $1 RETURNING *")
                .execute(Tuple.of(key, transferGroup))
                .map(rows -> operation(rows.iterator().next()));
    }

    /** A new authorized charge under {@code key}; answers its id. */
    public Uni<String> insertAuthorized(
            SqlClient tx,
            String id,
            String key,
            long amount,
            String country,
            String paymentMethod,
            String transferGroup) {
        return tx.preparedQuery("""
                INSERT INTO sandbox_charge (id, idempotency_key, amount_minor, status, card_country,
                                            payment_method, transfer_group)
                VALUES ($1, $2, $3, 'authorized', $4, $5, $6)""")
                .execute(Tuple.of(id, key, amount, country, paymentMethod, transferGroup))
                .flatMap(x -> tx.preparedQuery("SELECT id FROM sandbox_charge WHERE idempotency_key = $1")
                        .execute(Tuple.of(key)))
                .map(rows -> rows.iterator().next().getString("id"));
    }

    /** A new charge waiting for the buyer's 3-D Secure challenge, with its client secret and challenge page. */
    public Uni<Void> insertAwaitingChallenge(
            SqlClient tx,
            String charge,
            String key,
            long amount,
            String country,
            String paymentMethod,
            String transferGroup,
            String clientSecret,
            String nextActionUrl) {
        return tx.preparedQuery("""
                INSERT INTO sandbox_charge (id, idempotency_key, amount_minor, status, card_country, payment_method,
                                            transfer_group, client_secret, next_action_url)
                VALUES ($1, $2, $3, 'requires_action', $4, $5, $6, $7, $8)""")
                .execute(Tuple.from(java.util.Arrays.asList(
                        charge, key, amount, country, paymentMethod, transferGroup, clientSecret, nextActionUrl)))
                .replaceWithVoid();
    }

    /** The charge's status and client secret, locked for the rest of the transaction. */
    public Uni<Optional<ChallengedCharge>> lockForChallenge(SqlClient tx, String charge) {
        return tx.preparedQuery("SELECT status, client_secret FROM sandbox_charge WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(charge))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return Optional.empty();
                    }
                    Row r = rows.iterator().next();
                    return Optional.of(new ChallengedCharge(r.getString("status"), r.getString("client_secret")));
                });
    }

    /** The challenge's answer: the charge's new status and, when it failed, why. */
    public Uni<Void> answerChallenge(
            SqlClient tx, String charge, String status, String failureCode, String failureMessage) {
        return tx.preparedQuery("UPDATE sandbox_charge SET status = $2, failure_code = $3, "
                        + "failure_message = $4 WHERE id = $1")
                .execute(Tuple.from(java.util.Arrays.asList(charge, status, failureCode, failureMessage)))
                .replaceWithVoid();
    }

    /**
     * Captures {@code amount} of an authorized charge (one minor unit up to the authorization), releasing the rest;
     * answers whether it could.
     */
    public Uni<Boolean> capture(SqlClient tx, String charge, long amount) {
        return tx.preparedQuery("""
                UPDATE sandbox_charge SET status = 'captured', captured_minor = $2, released_minor = amount_minor - $2
                WHERE id = $1 AND status = 'authorized' AND $2 > 0 AND amount_minor >= $2 RETURNING id""").execute(Tuple.of(charge, amount)).map(rows -> rows.rowCount() == 1);
    }

    /** Cancels a charge not captured (a repeat changes nothing); answers whether it could. */
    public Uni<Boolean> cancel(SqlClient tx, String charge) {
        return tx.preparedQuery("""
                UPDATE sandbox_charge SET status = 'canceled', released_minor = amount_minor
                WHERE id = $1 AND status IN ('authorized', 'canceled', 'requires_action', 'requires_payment_method')
                RETURNING id""").execute(Tuple.of(charge)).map(rows -> rows.rowCount() == 1);
    }

    /** Refunds {@code amount} of a captured charge, if that much is left and its card takes refunds. */
    public Uni<Boolean> refund(SqlClient tx, String charge, long amount) {
        return tx.preparedQuery("""
                UPDATE sandbox_charge SET refunded_minor = refunded_minor + $2
                WHERE id = $1 AND status = 'captured' AND captured_minor - refunded_minor >= $2
                  AND payment_method <> 'pm_card_refundFail'
                RETURNING id""").execute(Tuple.of(charge, amount)).map(rows -> rows.rowCount() == 1);
    }

    public Uni<Optional<Charge>> charge(String charge) {
        return pool.preparedQuery("""
                SELECT c.id, c.status, c.captured_minor, c.refunded_minor, c.card_country, c.client_secret,
                       c.next_action_url, c.failure_code, c.failure_message,
                       (SELECT o.detail FROM sandbox_operation o WHERE o.kind = 'capture' AND o.charge_id = c.id
                          AND o.outcome = 'succeeded' LIMIT 1) AS fee
                FROM sandbox_charge c WHERE c.id = $1""").execute(Tuple.of(charge)).map(rows -> {
            if (rows.rowCount() == 0) {
                return Optional.empty();
            }
            Row r = rows.iterator().next();
            return Optional.of(new Charge(
                    r.getString("id"),
                    r.getString("status"),
                    r.getLong("captured_minor"),
                    r.getLong("refunded_minor"),
                    r.getString("card_country"),
                    r.getString("client_secret"),
                    r.getString("next_action_url"),
                    r.getString("failure_code"),
                    r.getString("failure_message"),
                    r.getString("fee")));
        });
    }

    /** The transfers made since {@code since}, oldest first. */
    public Uni<List<ProviderTransfer>> transfersSince(Instant since) {
        return pool.preparedQuery("SELECT reference, transfer_group, amount_minor, detail FROM sandbox_operation "
                        + "WHERE kind = 'transfer' AND outcome = 'succeeded' AND created_at >= $1 ORDER BY created_at")
                .execute(Tuple.of(since.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    List<ProviderTransfer> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new ProviderTransfer(
                            r.getString("reference"),
                            r.getString("transfer_group"),
                            r.getLong("amount_minor"),
                            r.getString("detail"))));
                    return out;
                });
    }

    /** The refund of {@code charge} made under {@code key}, if any. */
    public Uni<Optional<Operation>> refundByKey(String key, String charge) {
        return pool.preparedQuery("SELECT * FROM sandbox_operation "
                        + "WHERE idempotency_key = $1 AND kind = 'refund' AND charge_id = $2")
                .execute(Tuple.of(key, charge))
                .map(rows -> rows.rowCount() == 0
                        ? Optional.<Operation>empty()
                        : Optional.of(operation(rows.iterator().next())));
    }

    /** The reference of the first transfer made in {@code transferGroup}, if any. */
    public Uni<Optional<String>> transferOf(String transferGroup) {
        return pool.preparedQuery(
                        "SELECT reference FROM sandbox_operation "
                                + "WHERE kind = 'transfer' AND outcome = 'succeeded' AND transfer_group = $1 ORDER BY created_at LIMIT 1")
                .execute(Tuple.of(transferGroup))
                .map(rows -> rows.rowCount() == 0
                        ? Optional.<String>empty()
                        : Optional.of(rows.iterator().next().getString("reference")));
    }

    /** What was transferred to a connected account less what was reversed of it. */
    public Uni<Long> connectedBalance(String account) {
        return pool.preparedQuery("SELECT coalesce(sum(CASE kind WHEN 'transfer' THEN amount_minor ELSE -amount_minor "
                        + "END), 0) AS balance FROM sandbox_operation WHERE outcome = 'succeeded' AND ((kind = 'transfer' "
                        + "AND detail = $1) OR (kind = 'transfer_reversal' AND charge_id IN (SELECT reference FROM "
                        + "sandbox_operation WHERE kind = 'transfer' AND detail = $1)))")
                .execute(Tuple.of(account))
                .map(rows -> rows.iterator().next().getLong("balance"));
    }

    private static Operation operation(Row r) {
        return new Operation(r.getString("outcome"), r.getString("reference"), r.getString("detail"));
    }
}
