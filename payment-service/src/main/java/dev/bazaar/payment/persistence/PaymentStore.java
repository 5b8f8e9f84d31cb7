package dev.bazaar.payment.persistence;

import dev.bazaar.contracts.messaging.Lines.SellerSplit;
import dev.bazaar.kit.clock.AdjustableClock;
import dev.bazaar.payment.domain.Payment;
import dev.bazaar.payment.domain.Split;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Payments, splits, tombstones, refunds and fraud decisions; every method runs inside the caller's transaction. */
@ApplicationScoped
public class PaymentStore {

    private final Clock clock;

    public PaymentStore(Clock clock) {
        this.clock = clock;
    }

    /** Serialises everything about one saga (authorize, capture, void) across consumers and replicas. */
    public Uni<Void> lockSaga(SqlClient tx, UUID sagaId) {
        return tx.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1, 11))")
                .execute(Tuple.of(sagaId.toString()))
                .replaceWithVoid();
    }

    public Uni<Optional<Payment>> bySaga(SqlClient tx, UUID sagaId) {
        return one(tx, "SELECT * FROM payment WHERE saga_id = $1", sagaId);
    }

    public Uni<Optional<Payment>> byId(SqlClient tx, UUID id, boolean lock) {
        return one(tx, "SELECT * FROM payment WHERE id = $1" + (lock ? " FOR UPDATE" : ""), id);
    }

    public Uni<List<Payment>> byOrder(SqlClient tx, UUID orderId) {
        return tx.preparedQuery(
                        "SELECT * FROM payment WHERE order_id = $1 AND status = 'CAPTURED' ORDER BY created_at FOR UPDATE")
                .execute(Tuple.of(orderId))
                .flatMap(rows -> {
                    List<Uni<Payment>> all = new ArrayList<>();
                    for (Row r : rows) {
                        all.add(withSplits(tx, r));
                    }
                    return all.isEmpty()
                            ? Uni.createFrom().item(List.<Payment>of())
                            : Uni.join().all(all).andFailFast();
                });
    }

    public Uni<Boolean> tombstoned(SqlClient tx, UUID sagaId) {
        return tx.preparedQuery("SELECT 1 FROM payment_tombstone WHERE saga_id = $1")
                .execute(Tuple.of(sagaId))
                .map(rows -> rows.rowCount() > 0);
    }

    public Uni<Void> tombstone(SqlClient tx, UUID sagaId, UUID paymentId, UUID orderId, String reason) {
        return tx.preparedQuery("INSERT INTO payment_tombstone (saga_id, payment_id, order_id, reason) "
                        + "VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(sagaId, paymentId, orderId, reason))
                .replaceWithVoid();
    }

    public Uni<Void> insert(
            SqlClient tx,
            UUID id,
            UUID sagaId,
            UUID orderId,
            String buyer,
            long amount,
            String paymentMethod,
            String shippingCountry,
            Payment.Status status,
            String declineReason,
            String message,
            String provider,
            String reference,
            List<SellerSplit> splits) {
        return insert(
                tx,
                id,
                sagaId,
                orderId,
                buyer,
                amount,
                paymentMethod,
                shippingCountry,
                status,
                declineReason,
                message,
                provider,
                reference,
                splits,
                null);
    }

    /** As above; {@code decideBy}: when a payment held for review (IN_REVIEW) must be decided by. */
    public Uni<Void> insert(
            SqlClient tx,
            UUID id,
            UUID sagaId,
            UUID orderId,
            String buyer,
            long amount,
            String paymentMethod,
            String shippingCountry,
            Payment.Status status,
            String declineReason,
            String message,
            String provider,
            String reference,
            List<SellerSplit> splits,
            Instant decideBy) {
        return tx.preparedQuery("""
                INSERT INTO payment (id, saga_id, order_id, buyer_subject, amount_minor, currency, payment_method,
                                     shipping_country, status, decline_reason, status_message, provider,
                                     provider_reference, released_minor, review_decide_by)
                VALUES ($1, $2, $3, $4, $5, 'USD', $6, $7, $8, $9, $10, $11, $12, $13, $14)""")
                .execute(Tuple.from(java.util.Arrays.asList(
                        id,
                        sagaId,
                        orderId,
                        buyer,
                        amount,
                        paymentMethod,
                        shippingCountry,
                        status.name(),
                        declineReason,
                        message,
                        provider,
                        reference,
                        status == Payment.Status.VOIDED ? amount : 0L,
                        decideBy == null ? null : decideBy.atOffset(ZoneOffset.UTC))))
                .flatMap(x -> tx.preparedQuery("""
                        INSERT INTO payment_split (payment_id, shop_id, goods_minor, shipping_minor, tax_minor,
                                                   commission_minor) VALUES ($1, $2, $3, $4, $5, $6)""")
                        .executeBatch(splits.stream()
                                .map(s -> Tuple.of(
                                        id,
                                        s.shopId(),
                                        s.goods().amount(),
                                        s.shipping().amount(),
                                        s.tax().amount(),
                                        s.commission().amount()))
                                .toList()))
                .replaceWithVoid();
    }

    /** A new status; VOIDED also records the hold as released (a voided payment captured nothing). */
    public Uni<Void> setStatus(SqlClient tx, UUID id, Payment.Status status, String message) {
        return tx.preparedQuery("UPDATE payment SET status = $2, status_message = coalesce($3, status_message), "
                        + "released_minor = CASE WHEN $2 = 'VOIDED' THEN amount_minor - captured_minor ELSE released_minor END, "
                        + "updated_at = now() WHERE id = $1")
                .execute(Tuple.of(id, status.name(), message))
                .replaceWithVoid();
    }

    /** Declined after the fact (a failed 3-D Secure challenge): the reason the saga is given and the provider's words. */
    public Uni<Void> declined(SqlClient tx, UUID id, String reason, String message) {
        return tx.preparedQuery("UPDATE payment SET status = 'DECLINED', decline_reason = $2, status_message = $3, "
                        + "updated_at = now() WHERE id = $1")
                .execute(Tuple.of(id, reason, message))
                .replaceWithVoid();
    }

    /** A payment still waiting for the buyer was looked at: it goes to the back of the queue of {@link #awaitingAction}. */
    public Uni<Void> touch(SqlClient tx, UUID id) {
        return tx.preparedQuery("UPDATE payment SET updated_at = now() WHERE id = $1")
                .execute(Tuple.of(id))
                .replaceWithVoid();
    }

    /** Payments waiting for the buyer to authenticate, not looked at for {@code olderThan}, the longest first. */
    public Uni<List<UUID>> awaitingAction(SqlClient tx, Duration olderThan, int limit) {
        return tx.preparedQuery("SELECT id FROM payment WHERE status = 'AWAITING_ACTION' "
                        + "AND updated_at < now() - make_interval(secs => $1) ORDER BY updated_at LIMIT $2")
                .execute(Tuple.of((double) olderThan.toMillis() / 1000, limit))
                .map(PaymentStore::ids);
    }

    private static List<UUID> ids(io.vertx.mutiny.sqlclient.RowSet<io.vertx.mutiny.sqlclient.Row> rows) {
        List<UUID> ids = new ArrayList<>();
        rows.forEach(r -> ids.add(r.getUUID("id")));
        return ids;
    }

    /** A provider call without an answer: the status that says so, one more attempt, and what went wrong. */
    public Uni<Void> unanswered(SqlClient tx, UUID id, Payment.Status status, String error) {
        return tx.preparedQuery("UPDATE payment SET status = $2, attempts = attempts + 1, last_error = $3, "
                        + "updated_at = now() WHERE id = $1")
                .execute(Tuple.of(id, status.name(), error))
                .replaceWithVoid();
    }

    /**
     * A capture without an answer: CAPTURE_UNKNOWN, one more attempt, and what the saga asked ({@code requested}), so
     * that the capture tried again by the reconciler is for that amount.
     */
    public Uni<Void> captureUnknown(SqlClient tx, UUID id, long requested, String error) {
        return tx.preparedQuery("UPDATE payment SET status = 'CAPTURE_UNKNOWN', capture_requested_minor = $2, "
                        + "attempts = attempts + 1, last_error = $3, updated_at = now() WHERE id = $1")
                .execute(Tuple.of(id, requested, error))
                .replaceWithVoid();
    }

    /** Payments whose provider outcome is still to be learnt, the longest waiting first. */
    public Uni<List<UUID>> unsettled(SqlClient tx, Duration olderThan, int limit) {
        return tx.preparedQuery("SELECT id FROM payment WHERE status IN ('CAPTURE_UNKNOWN', 'VOIDING') "
                        + "AND updated_at < now() - make_interval(secs => $1) ORDER BY updated_at LIMIT $2")
                .execute(Tuple.of((double) olderThan.toMillis() / 1000, limit))
                .map(PaymentStore::ids);
    }

    /** Captured: {@code amount} taken, the rest of the authorization released (the processor let it go). */
    public Uni<Void> captured(SqlClient tx, UUID id, long amount, long fee) {
        return tx.preparedQuery("UPDATE payment SET status = 'CAPTURED', captured_minor = $2, fee_minor = $3, "
                        + "released_minor = amount_minor - $2, updated_at = now() WHERE id = $1")
                .execute(Tuple.of(id, amount, fee))
                .replaceWithVoid();
    }

    /**
     * A partial capture's splits ({@link dev.bazaar.payment.domain.CapturedSplits}) replace the authorized ones, which
     * are kept beside them; refunds, disputes and balances then work from what was captured. Nothing is refunded yet.
     */
    public Uni<Void> scaleSplits(SqlClient tx, UUID paymentId, List<Split> captured) {
        return tx.preparedQuery("""
                UPDATE payment_split SET authorized_goods_minor = coalesce(authorized_goods_minor, goods_minor),
                       authorized_shipping_minor = coalesce(authorized_shipping_minor, shipping_minor),
                       authorized_tax_minor = coalesce(authorized_tax_minor, tax_minor),
                       authorized_commission_minor = coalesce(authorized_commission_minor, commission_minor),
                       goods_minor = $3, shipping_minor = $4, tax_minor = $5, commission_minor = $6
                WHERE payment_id = $1 AND shop_id = $2""")
                .executeBatch(captured.stream()
                        .map(s -> Tuple.of(paymentId, s.shopId(), s.goods(), s.shipping(), s.tax(), s.commission()))
                        .toList())
                .replaceWithVoid();
    }

    public Uni<Void> delivered(SqlClient tx, UUID orderId, UUID shopId, Instant at) {
        return tx.preparedQuery("""
                UPDATE payment_split s SET delivered_at = coalesce(s.delivered_at, $3)
                FROM payment p WHERE p.id = s.payment_id AND p.order_id = $1 AND s.shop_id = $2""")
                .execute(Tuple.of(orderId, shopId, at.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /**
     * Attempts (any outcome) by this buyer and with this payment method since {@code window} ago, by the database's
     * own time: {@code created_at} is its {@code now()}, so the window is too (never the JVM's or the adjustable clock).
     */
    public Uni<int[]> recentAttempts(SqlClient tx, String buyer, String paymentMethod, Duration window) {
        return tx.preparedQuery("""
                WITH w AS (SELECT now() - make_interval(secs => $3) AS since)
                SELECT (SELECT count(*) FROM payment, w WHERE buyer_subject = $1 AND created_at > w.since) AS by_buyer,
                       (SELECT count(*) FROM payment, w WHERE payment_method = $2 AND created_at > w.since) AS by_method""")
                .execute(Tuple.of(buyer, paymentMethod, window.toMillis() / 1000.0))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new int[] {r.getInteger("by_buyer"), r.getInteger("by_method")};
                });
    }

    /** Hours since the platform first saw this buyer pay (recording now if never). */
    public Uni<Long> accountAgeHours(SqlClient tx, String buyer) {
        return tx.preparedQuery("""
                WITH ins AS (INSERT INTO buyer_first_seen (buyer_subject) VALUES ($1) ON CONFLICT DO NOTHING
                             RETURNING first_seen)
                SELECT coalesce((SELECT first_seen FROM ins), (SELECT first_seen FROM buyer_first_seen
                                                              WHERE buyer_subject = $1)) AS first_seen""")
                .execute(Tuple.of(buyer))
                // against the database's own time (first_seen is its now()), not the adjustable service clock
                .map(rows -> Duration.between(
                                rows.iterator()
                                        .next()
                                        .getOffsetDateTime("first_seen")
                                        .toInstant(),
                                AdjustableClock.unadjusted(clock).instant())
                        .toHours());
    }

    public Uni<Void> fraudDecision(
            SqlClient tx,
            UUID sagaId,
            UUID paymentId,
            String buyer,
            String outcome,
            List<String> reasons,
            String providerRisk) {
        return tx.preparedQuery("""
                INSERT INTO fraud_decision (id, saga_id, payment_id, buyer_subject, outcome, reasons, provider_risk)
                VALUES ($1, $2, $3, $4, $5, $6, $7)""")
                .execute(Tuple.from(java.util.Arrays.asList(
                        UUID.randomUUID(),
                        sagaId,
                        paymentId,
                        buyer,
                        outcome,
                        reasons.toArray(String[]::new),
                        providerRisk)))
                .replaceWithVoid();
    }

    private Uni<Optional<Payment>> one(SqlClient tx, String sql, UUID id) {
        return tx.preparedQuery(sql)
                .execute(Tuple.of(id))
                .flatMap(rows -> rows.rowCount() == 0
                        ? Uni.createFrom().item(Optional.<Payment>empty())
                        : withSplits(tx, rows.iterator().next()).map(Optional::of));
    }

    private Uni<Payment> withSplits(SqlClient tx, Row r) {
        UUID id = r.getUUID("id");
        return tx.preparedQuery("SELECT * FROM payment_split WHERE payment_id = $1 ORDER BY shop_id")
                .execute(Tuple.of(id))
                .map(rows -> {
                    List<Split> splits = new ArrayList<>();
                    for (Row s : rows) {
                        splits.add(new Split(
                                s.getUUID("shop_id"),
                                s.getLong("goods_minor"),
                                s.getLong("shipping_minor"),
                                s.getLong("tax_minor"),
                                s.getLong("commission_minor"),
                                s.getLong("refunded_goods_minor"),
                                s.getLong("refunded_shipping_minor"),
                                s.getLong("refunded_tax_minor"),
                                s.getLong("refunded_commission_minor")));
                    }
                    return new Payment(
                            id,
                            r.getUUID("saga_id"),
                            r.getUUID("order_id"),
                            r.getString("buyer_subject"),
                            r.getLong("amount_minor"),
                            r.getString("payment_method"),
                            Payment.Status.valueOf(r.getString("status")),
                            blank(r.getString("decline_reason")),
                            blank(r.getString("status_message")),
                            blank(r.getString("provider_reference")),
                            r.getLong("captured_minor"),
                            r.getLong("refunded_minor"),
                            r.getLong("fee_minor"),
                            r.getOffsetDateTime("created_at").toInstant(),
                            List.copyOf(splits),
                            r.getLong("released_minor"),
                            Optional.ofNullable(r.getLong("capture_requested_minor"))
                                    .orElse(0L));
                });
    }

    private static String blank(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
