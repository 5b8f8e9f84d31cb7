package dev.bazaar.payment.service;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.Lines.GroupRefund;
import dev.bazaar.contracts.messaging.Message;
import dev.bazaar.contracts.messaging.PaymentEvent;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.kit.outbox.Outbox;
import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.payment.domain.Payment;
import dev.bazaar.payment.domain.Postings;
import dev.bazaar.payment.domain.RefundParts;
import dev.bazaar.payment.domain.Split;
import dev.bazaar.payment.persistence.LedgerRepository;
import dev.bazaar.payment.persistence.PaymentStore;
import dev.bazaar.payment.provider.PaymentProvider;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Refunds, from whatever asks: order events (cancellations and approved returns, with their breakdown), an admin
 * (an amount for one seller, split over what remains), or a void after capture (everything left). Each refund id is
 * refunded at most once, at the provider too (it is the idempotency key). A refund is first reserved (PENDING: the
 * split's refunded amounts move, so two refunds can never together exceed what was charged), then the provider is
 * asked, then it is settled — SUCCEEDED with its ledger transaction and RefundSucceeded, or FAILED with the
 * reservation undone and RefundFailed. A refund left PENDING by a crash is finished by {@link #resumePending()}.
 */
@ApplicationScoped
public class Refunds {

    private static final Logger LOG = Logger.getLogger(Refunds.class);

    private final Pool pool;
    private final PaymentStore store;
    private final LedgerRepository ledger;
    private final PaymentProvider provider;
    private final TransferReversals reversals;

    public Refunds(Pool pool, PaymentStore store, LedgerRepository ledger, PaymentProvider provider,
            TransferReversals reversals) {
        this.pool = pool;
        this.store = store;
        this.ledger = ledger;
        this.provider = provider;
        this.reversals = reversals;
    }

    /** A refund as the API shows it. */
    /** PENDING: reserved, the provider's answer not known yet (tried again); FAILED: refused, in the admins' queue. */
    public record RefundView(UUID id, UUID paymentId, UUID orderId, UUID shopId, Money amount, String status,
            String source, String reason, String failureReason, int attempts, String lastError, Instant createdAt) {
    }

    /** Order-service's refunds (OrderCancelled, GroupCancelled, ReturnApproved). */
    public Uni<Void> fromOrder(Envelope<?> cause, UUID orderId, List<GroupRefund> refunds, String reason) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (GroupRefund g : refunds) {
            RefundParts parts = new RefundParts(g.goods().amount(), g.shipping().amount(), g.tax().amount(),
                    g.commission().amount());
            chain = chain.flatMap(x -> pool.withTransaction(tx -> store.byOrder(tx, orderId))
                    .flatMap(payments -> {
                        Optional<Payment> payment = payments.stream().filter(p -> p.split(g.shopId()) != null)
                                .findFirst();
                        if (payment.isEmpty()) {
                            LOG.warnf("refund %s: no captured payment of order %s has shop %s", g.refundId(), orderId,
                                    g.shopId());
                            return pool.withTransaction(tx -> event(tx, cause, new PaymentEvent.RefundFailed(orderId,
                                    null, g.refundId(), g.shopId(), g.amount(), "no captured payment for this seller")));
                        }
                        return refund(cause, payment.get().id(), g.shopId(), g.refundId(), parts, "ORDER", reason)
                                .onFailure(ProblemException.class).recoverWithUni(e -> pool.withTransaction(tx ->
                                        event(tx, cause, new PaymentEvent.RefundFailed(orderId, payment.get().id(),
                                                g.refundId(), g.shopId(), g.amount(), e.getMessage()))).replaceWith(
                                                (RefundView) null))
                                .replaceWithVoid();
                    }));
        }
        return chain;
    }

    /**
     * An admin's refund of {@code amount} of one seller's part, split over what remains of it. Its id comes from the
     * request's Idempotency-Key, so the same request can never become two refunds (even if the key's stored answer
     * is lost or taken over).
     */
    public Uni<RefundView> admin(UUID paymentId, UUID shopId, long amount, String reason, String idempotencyKey) {
        return pool.withTransaction(tx -> store.byId(tx, paymentId, false)).flatMap(found -> {
            Payment p = found.orElseThrow(() -> new ProblemException.NotFound("No payment " + paymentId + "."));
            Split s = p.split(shopId);
            if (s == null) {
                throw new ProblemException.Invalid("shopId", "is not a seller of this payment");
            }
            if (p.status() != Payment.Status.CAPTURED) {
                throw new ProblemException.Conflict("not-captured", "Only a captured payment can be refunded; this "
                        + "one is " + p.status().name().toLowerCase() + ".");
            }
            if (amount > s.refundable()) {
                throw new ProblemException.Conflict("refund-exceeds-refundable", "At most " + s.refundable()
                        + " (minor units) of this seller's part is still refundable.");
            }
            UUID refundId = UUID.nameUUIDFromBytes(("admin-refund:" + paymentId + ":" + shopId + ":" + idempotencyKey)
                    .getBytes(StandardCharsets.UTF_8));
            return refund(null, p.id(), shopId, refundId, RefundParts.allocate(s, amount), "ADMIN", reason);
        });
    }

    /** Everything still refundable of a captured payment (a void that came after the capture). */
    public Uni<Void> refundEverything(Envelope<?> cause, Payment p, String reason) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Split s : p.splits()) {
            if (s.refundable() <= 0) {
                continue;
            }
            UUID id = UUID.nameUUIDFromBytes(("void-refund:" + p.id() + ":" + s.shopId())
                    .getBytes(StandardCharsets.UTF_8));
            chain = chain.flatMap(x -> refund(cause, p.id(), s.shopId(), id, RefundParts.allocate(s, s.refundable()),
                    "VOID", reason).onFailure(ProblemException.class).recoverWithNull().replaceWithVoid());
        }
        return chain;
    }

    public Uni<List<RefundView>> ofPayment(SqlClient tx, UUID paymentId) {
        return tx.preparedQuery("SELECT * FROM refund WHERE payment_id = $1 ORDER BY created_at, id")
                .execute(Tuple.of(paymentId)).map(rows -> {
                    List<RefundView> out = new ArrayList<>();
                    rows.forEach(r -> out.add(view(r)));
                    return out;
                });
    }

    /**
     * Finishes refunds a crash or an outage left PENDING: those tried already and due again (backoff), and those a
     * crash left before their first answer. Each asks the provider whether the refund exists under its key first.
     */
    public Uni<Integer> resumePending() {
        return pool.preparedQuery("""
                SELECT * FROM refund WHERE status = 'PENDING'
                  AND ((attempts > 0 AND next_attempt_at <= now())
                       OR (attempts = 0 AND created_at < now() - interval '1 minute'))
                ORDER BY coalesce(next_attempt_at, created_at) LIMIT 50""").execute().flatMap(rows -> {
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    for (Row r : rows) {
                        RefundView v = view(r);
                        RefundParts parts = parts(r);
                        String key = r.getString("provider_key");
                        chain = chain.flatMap(n -> pool.withTransaction(tx -> store.byId(tx, v.paymentId(), false))
                                .flatMap(p -> callAndSettle(null, p.orElseThrow(), v.shopId(), v.id(), parts, key,
                                        true))
                                .replaceWith(n + 1));
                    }
                    return chain;
                });
    }

    /** The admins' queue: refunds refused for good (FAILED), or still waiting for the provider (PENDING). */
    public Uni<List<RefundView>> queue(String status) {
        return pool.preparedQuery("SELECT * FROM refund WHERE status = $1 ORDER BY updated_at DESC LIMIT 200")
                .execute(Tuple.of(status)).map(rows -> {
                    List<RefundView> out = new ArrayList<>();
                    rows.forEach(r -> out.add(view(r)));
                    return out;
                });
    }

    /**
     * An admin tries a FAILED refund again: the same refund (its id, so one refund per cause), reserved again if it
     * still fits, under a fresh provider key (the failed attempt's key would only repeat its failure).
     */
    public Uni<RefundView> retry(UUID refundId) {
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT * FROM refund WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(refundId)).flatMap(rows -> {
                    if (rows.rowCount() == 0) {
                        throw new ProblemException.NotFound("No refund " + refundId + ".");
                    }
                    Row r = rows.iterator().next();
                    if (!"FAILED".equals(r.getString("status"))) {
                        throw new ProblemException.Conflict("refund-not-failed", "Only a failed refund can be tried "
                                + "again; this one is " + r.getString("status").toLowerCase() + ".");
                    }
                    RefundParts parts = parts(r);
                    UUID shopId = r.getUUID("shop_id");
                    String key = "refund:" + refundId + ":retry-" + (r.getInteger("attempts") + 1);
                    return store.byId(tx, r.getUUID("payment_id"), true).flatMap(found -> {
                        Payment p = found.orElseThrow();
                        Split s = p.split(shopId);
                        if (s == null || !parts.fitsIn(s)) {
                            throw new ProblemException.Conflict("refund-exceeds-refundable", "This refund no longer "
                                    + "fits in what is still refundable of the seller's part.");
                        }
                        return tx.preparedQuery("UPDATE refund SET status = 'PENDING', provider_key = $2, "
                                + "failure_reason = NULL, updated_at = now() WHERE id = $1")
                                .execute(Tuple.of(refundId, key))
                                .flatMap(x -> moveRefunded(tx, p.id(), shopId, parts, 1))
                                .replaceWith(new Retry(p, shopId, parts, key));
                    });
                }))
                .flatMap(t -> callAndSettle(null, t.payment(), t.shopId(), refundId, t.parts(), t.key(), false));
    }

    private record Retry(Payment payment, UUID shopId, RefundParts parts, String key) {
    }

    /**
     * One seller's part of a lost dispute, in the dispute's transaction: the processor already gave that money back to
     * the buyer, so it is recorded as a SUCCEEDED refund (source DISPUTE, once per dispute and shop) — the split's
     * refunded amounts, the seller's payable (or debt beyond it), commission and tax taken back — and RefundSucceeded
     * tells the order. Answers the seller debt it created.
     */
    public Uni<Long> disputeLost(SqlClient tx, Payment p, String disputeId, UUID shopId, RefundParts r) {
        UUID refundId = UUID.nameUUIDFromBytes(("dispute:" + disputeId + ":" + shopId).getBytes(StandardCharsets.UTF_8));
        return existing(tx, refundId).flatMap(done -> done.isPresent() ? Uni.createFrom().item(0L) : tx.preparedQuery("""
                INSERT INTO refund (id, payment_id, order_id, shop_id, amount_minor, goods_minor, shipping_minor,
                                    tax_minor, commission_minor, status, source, reason, provider_key)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'SUCCEEDED', 'DISPUTE', $10, $11)""")
                .execute(Tuple.from(java.util.Arrays.asList(refundId, p.id(), p.orderId(), shopId, r.amount(),
                        r.goods(), r.shipping(), r.tax(), r.commission(), "dispute " + disputeId + " lost",
                        "dispute:" + disputeId)))
                .flatMap(x -> moveRefunded(tx, p.id(), shopId, r, 1))
                .flatMap(x -> Payouts.lockShop(tx, shopId))
                .flatMap(x -> ledger.stillPayable(tx, shopId))
                .flatMap(owed -> ledger.post(tx, Postings.disputeLost(UUID.randomUUID(), disputeId, shopId, r, owed),
                        p.id(), refundId, shopId)
                        .flatMap(x -> event(tx, null, new PaymentEvent.RefundSucceeded(p.orderId(), p.id(), refundId,
                                shopId, Money.usd(r.amount()))))
                        .replaceWith(Math.max(0, r.shareReversed() - Math.max(0, owed)))));
    }

    private static RefundParts parts(Row r) {
        return new RefundParts(r.getLong("goods_minor"), r.getLong("shipping_minor"), r.getLong("tax_minor"),
                r.getLong("commission_minor"));
    }

    private Uni<RefundView> refund(Envelope<?> cause, UUID paymentId, UUID shopId, UUID refundId, RefundParts parts,
            String source, String reason) {
        return pool.withTransaction(tx -> store.byId(tx, paymentId, true).flatMap(found -> {
            Payment p = found.orElseThrow(() -> new ProblemException.NotFound("No payment " + paymentId + "."));
            return existing(tx, refundId).flatMap(done -> {
                if (done.isPresent()) {
                    return Uni.createFrom().item(new Reserved(p, done.get(), false));
                }
                Split s = p.split(shopId);
                if (p.status() != Payment.Status.CAPTURED || s == null || parts.amount() <= 0 || !parts.fitsIn(s)) {
                    return Uni.createFrom().failure(new ProblemException.Conflict("refund-exceeds-refundable",
                            "This refund does not fit in what is still refundable of the seller's part."));
                }
                return reserve(tx, refundId, p, shopId, parts, source, reason)
                        .replaceWith(new Reserved(p, null, true));
            });
        })).flatMap(r -> r.fresh() ? callAndSettle(cause, r.payment(), shopId, refundId, parts, "refund:" + refundId,
                false) : Uni.createFrom().item(r.view()));
    }

    private record Reserved(Payment payment, RefundView view, boolean fresh) {
    }

    private Uni<Void> reserve(SqlClient tx, UUID refundId, Payment p, UUID shopId, RefundParts r, String source,
            String reason) {
        return tx.preparedQuery("""
                INSERT INTO refund (id, payment_id, order_id, shop_id, amount_minor, goods_minor, shipping_minor,
                                    tax_minor, commission_minor, status, source, reason, provider_key)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'PENDING', $10, $11, $12)""")
                .execute(Tuple.from(java.util.Arrays.asList(refundId, p.id(), p.orderId(), shopId, r.amount(),
                        r.goods(), r.shipping(), r.tax(), r.commission(), source, reason, "refund:" + refundId)))
                .flatMap(x -> moveRefunded(tx, p.id(), shopId, r, 1));
    }

    private Uni<Void> moveRefunded(SqlClient tx, UUID paymentId, UUID shopId, RefundParts r, int sign) {
        return tx.preparedQuery("""
                UPDATE payment_split SET refunded_goods_minor = refunded_goods_minor + $3,
                       refunded_shipping_minor = refunded_shipping_minor + $4,
                       refunded_tax_minor = refunded_tax_minor + $5,
                       refunded_commission_minor = refunded_commission_minor + $6
                WHERE payment_id = $1 AND shop_id = $2""")
                .execute(Tuple.of(paymentId, shopId, sign * r.goods(), sign * r.shipping(), sign * r.tax(),
                        sign * r.commission()))
                .flatMap(x -> tx.preparedQuery("UPDATE payment SET refunded_minor = refunded_minor + $2, "
                        + "updated_at = now() WHERE id = $1").execute(Tuple.of(paymentId, sign * r.amount())))
                .replaceWithVoid();
    }

    /**
     * Asks the provider (after asking whether the refund already exists, when an earlier attempt may have reached it)
     * and settles: the provider's answer decides SUCCEEDED or FAILED; no answer keeps it PENDING, one attempt more,
     * tried again after a backoff by {@link #resumePending()} under the same key.
     */
    private Uni<RefundView> callAndSettle(Envelope<?> cause, Payment p, UUID shopId, UUID refundId, RefundParts r,
            String key, boolean mayExist) {
        Uni<Optional<PaymentProvider.OperationResult>> existing = mayExist
                ? provider.findRefund(p.providerReference(), key) : Uni.createFrom().item(Optional.empty());
        return existing.flatMap(found -> found.isPresent() ? Uni.createFrom().item(found.get())
                : provider.refund(key, p.providerReference(), r.amount()))
                .map(result -> new Answer(result, null))
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("refund %s: no answer from the provider (%s); it stays pending and is tried again",
                            refundId, e.getMessage());
                    return new Answer(null, String.valueOf(e.getMessage()));
                })
                .flatMap(answer -> pool.withTransaction(tx -> store.byId(tx, p.id(), true)
                        .flatMap(x -> tx.preparedQuery("SELECT status FROM refund WHERE id = $1 FOR UPDATE")
                                .execute(Tuple.of(refundId)))
                        .flatMap(rows -> {
                            if (!"PENDING".equals(rows.iterator().next().getString("status"))) {
                                return Uni.createFrom().item(0L); // settled meanwhile by a resume
                            }
                            if (answer.result() == null) {
                                return unanswered(tx, refundId, answer.error()).replaceWith(0L);
                            }
                            PaymentProvider.OperationResult result = answer.result();
                            return result.succeeded() ? succeed(tx, cause, p, shopId, refundId, r, result.reference())
                                    : fail(tx, cause, p, shopId, refundId, r, result.failure()).replaceWith(0L);
                        })))
                .flatMap(debt -> debt > 0 ? reversals.recover(cause, p.orderId(), shopId, refundId, debt)
                        : Uni.createFrom().voidItem())
                .flatMap(x -> pool.withTransaction(tx -> existing(tx, refundId)).map(Optional::orElseThrow));
    }

    /** The provider's answer, or (result null) why none came. */
    private record Answer(PaymentProvider.OperationResult result, String error) {
    }

    /** One more attempt without an answer: tried again after 10 s, 20 s, 40 s … at most an hour. */
    private static Uni<Void> unanswered(SqlClient tx, UUID refundId, String error) {
        return tx.preparedQuery("""
                UPDATE refund SET attempts = attempts + 1, last_error = $2, updated_at = now(),
                       next_attempt_at = now() + least(interval '1 hour', interval '10 seconds' * power(2, attempts))
                WHERE id = $1""").execute(Tuple.of(refundId, error)).replaceWithVoid();
    }

    /** Settles a refund the provider made; answers the seller debt it created (0 when still payable covered it). */
    private Uni<Long> succeed(SqlClient tx, Envelope<?> cause, Payment p, UUID shopId, UUID refundId, RefundParts r,
            String reference) {
        return tx.preparedQuery("UPDATE refund SET status = 'SUCCEEDED', provider_reference = $2, "
                + "attempts = attempts + 1, updated_at = now() WHERE id = $1")
                .execute(Tuple.of(refundId, reference))
                // serialised with the shop's payouts: money an open payout is sending is not there to take back
                .flatMap(x -> Payouts.lockShop(tx, shopId))
                .flatMap(x -> ledger.stillPayable(tx, shopId))
                .flatMap(owed -> ledger.post(tx, Postings.refund(UUID.randomUUID(), refundId, shopId, r, owed),
                        p.id(), refundId, shopId)
                        .flatMap(x -> event(tx, cause, new PaymentEvent.RefundSucceeded(p.orderId(), p.id(), refundId,
                                shopId, Money.usd(r.amount()))))
                        .replaceWith(Math.max(0, r.shareReversed() - Math.max(0, owed))));
    }

    private Uni<Void> fail(SqlClient tx, Envelope<?> cause, Payment p, UUID shopId, UUID refundId, RefundParts r,
            String failure) {
        return tx.preparedQuery("UPDATE refund SET status = 'FAILED', failure_reason = $2, attempts = attempts + 1, "
                + "updated_at = now() WHERE id = $1")
                .execute(Tuple.of(refundId, failure))
                .flatMap(x -> moveRefunded(tx, p.id(), shopId, r, -1))
                .flatMap(x -> event(tx, cause, new PaymentEvent.RefundFailed(p.orderId(), p.id(), refundId, shopId,
                        Money.usd(r.amount()), failure)));
    }

    private Uni<Optional<RefundView>> existing(SqlClient tx, UUID refundId) {
        return tx.preparedQuery("SELECT * FROM refund WHERE id = $1").execute(Tuple.of(refundId))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(view(rows.iterator().next())));
    }

    private static Uni<Void> event(SqlClient tx, Envelope<?> cause, Message event) {
        return Outbox.append(tx, cause == null ? Envelope.of(event, 0, Instant.now(), null, null)
                : Envelope.causedBy(cause, event, 0, Instant.now()));
    }

    private static RefundView view(Row r) {
        return new RefundView(r.getUUID("id"), r.getUUID("payment_id"), r.getUUID("order_id"), r.getUUID("shop_id"),
                Money.usd(r.getLong("amount_minor")), r.getString("status"), r.getString("source"),
                r.getString("reason"), r.getString("failure_reason"), r.getInteger("attempts"),
                r.getString("last_error"), r.getOffsetDateTime("created_at").toInstant());
    }
}
