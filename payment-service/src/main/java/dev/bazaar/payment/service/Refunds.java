package dev.bazaar.payment.service;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.Lines.GroupRefund;
import dev.bazaar.contracts.messaging.Message;
import dev.bazaar.contracts.messaging.PaymentEvent;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.kit.audit.AuditBefore;
import dev.bazaar.kit.outbox.Outbox;
import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.payment.domain.Payment;
import dev.bazaar.payment.domain.Postings;
import dev.bazaar.payment.domain.RefundParts;
import dev.bazaar.payment.domain.RefundView;
import dev.bazaar.payment.domain.Split;
import dev.bazaar.payment.persistence.LedgerRepository;
import dev.bazaar.payment.persistence.PaymentStore;
import dev.bazaar.payment.persistence.PayoutStore;
import dev.bazaar.payment.persistence.RefundStore;
import dev.bazaar.payment.provider.PaymentProvider;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

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
    private final RefundStore refunds;
    private final PayoutStore payouts;
    private final LedgerRepository ledger;
    private final PaymentProvider provider;
    private final TransferReversals reversals;
    private final Clock clock;

    public Refunds(
            Pool pool,
            PaymentStore store,
            RefundStore refunds,
            PayoutStore payouts,
            LedgerRepository ledger,
            PaymentProvider provider,
            TransferReversals reversals,
            Clock clock) {
        this.pool = pool;
        this.store = store;
        this.refunds = refunds;
        this.payouts = payouts;
        this.ledger = ledger;
        this.provider = provider;
        this.reversals = reversals;
        this.clock = clock;
    }

    /** Order-service's refunds (OrderCancelled, GroupCancelled, ReturnApproved). */
    public Uni<Void> fromOrder(Envelope<?> cause, UUID orderId, List<GroupRefund> refunds, String reason) {
        // one group after the other, in the order given
        return Multi.createFrom()
                .iterable(refunds)
                .onItem()
                .transformToUniAndConcatenate(g -> fromOrder(cause, orderId, g, reason))
                .collect()
                .last()
                .replaceWithVoid();
    }

    /** One group's refund of {@link #fromOrder(Envelope, UUID, List, String)}. */
    private Uni<Void> fromOrder(Envelope<?> cause, UUID orderId, GroupRefund g, String reason) {
        RefundParts parts = new RefundParts(
                g.goods().amount(),
                g.shipping().amount(),
                g.tax().amount(),
                g.commission().amount());
        return pool.withTransaction(tx -> store.byOrder(tx, orderId)).flatMap(payments -> {
            Optional<Payment> payment =
                    payments.stream().filter(p -> p.split(g.shopId()) != null).findFirst();
            if (payment.isEmpty()) {
                LOG.warnf("refund %s: no captured payment of order %s has shop %s", g.refundId(), orderId, g.shopId());
                return pool.withTransaction(tx -> event(
                        tx,
                        cause,
                        new PaymentEvent.RefundFailed(
                                orderId,
                                null,
                                g.refundId(),
                                g.shopId(),
                                g.amount(),
                                "no captured payment for this seller")));
            }
            return refund(cause, payment.get().id(), g.shopId(), g.refundId(), parts, "ORDER", reason)
                    .onFailure(ProblemException.class)
                    .recoverWithUni(e -> pool.withTransaction(tx -> event(
                                    tx,
                                    cause,
                                    new PaymentEvent.RefundFailed(
                                            orderId,
                                            payment.get().id(),
                                            g.refundId(),
                                            g.shopId(),
                                            g.amount(),
                                            e.getMessage())))
                            .replaceWith((RefundView) null))
                    .replaceWithVoid();
        });
    }

    /**
     * An admin's refund of {@code amount} of one seller's part, split over what remains of it. Its id comes from the
     * request's Idempotency-Key, so the same request can never become two refunds (even if the key's stored answer
     * is lost or taken over).
     */
    public Uni<RefundView> admin(UUID paymentId, UUID shopId, long amount, String reason, String idempotencyKey) {
        return pool.withTransaction(tx -> store.byId(tx, paymentId, false)).flatMap(found -> {
            Payment p = found.orElseThrow(() -> new ProblemException.NotFound("No payment " + paymentId + "."));
            AuditBefore.note(p);
            Split s = p.split(shopId);
            if (s == null) {
                throw new ProblemException.Invalid("shopId", "is not a seller of this payment");
            }
            if (p.status() != Payment.Status.CAPTURED) {
                throw new ProblemException.Conflict(
                        "not-captured",
                        "Only a captured payment can be refunded; this " + "one is "
                                + p.status().name().toLowerCase(Locale.ROOT) + ".");
            }
            if (amount > s.refundable()) {
                throw new ProblemException.Conflict(
                        "refund-exceeds-refundable",
                        "At most " + s.refundable() + " (minor units) of this seller's part is still refundable.");
            }
            UUID refundId = UUID.nameUUIDFromBytes(("admin-refund:" + paymentId + ":" + shopId + ":" + idempotencyKey)
                    .getBytes(StandardCharsets.UTF_8));
            return refund(null, p.id(), shopId, refundId, RefundParts.allocate(s, amount), "ADMIN", reason);
        });
    }

    /** Everything still refundable of a captured payment (a void that came after the capture). */
    public Uni<Void> refundEverything(Envelope<?> cause, Payment p, String reason) {
        // one seller after the other, those with something left to refund
        return Multi.createFrom()
                .iterable(p.splits())
                .select()
                .where(s -> s.refundable() > 0)
                .onItem()
                .transformToUniAndConcatenate(s -> {
                    UUID id = UUID.nameUUIDFromBytes(
                            ("void-refund:" + p.id() + ":" + s.shopId()).getBytes(StandardCharsets.UTF_8));
                    return refund(
                                    cause,
                                    p.id(),
                                    s.shopId(),
                                    id,
                                    RefundParts.allocate(s, s.refundable()),
                                    "VOID",
                                    reason)
                            .onFailure(ProblemException.class)
                            .recoverWithNull();
                })
                .collect()
                .last()
                .replaceWithVoid();
    }

    public Uni<List<RefundView>> ofPayment(SqlClient tx, UUID paymentId) {
        return refunds.ofPayment(tx, paymentId);
    }

    /**
     * Finishes refunds a crash or an outage left PENDING: those tried already and due again (backoff), and those a
     * crash left before their first answer. Each asks the provider whether the refund exists under its key first.
     */
    public Uni<Integer> resumePending() {
        // one refund after the other; a failure stops the rest
        return refunds.pendingDue()
                .flatMap(due -> Multi.createFrom()
                        .iterable(due)
                        .onItem()
                        .transformToUniAndConcatenate(r -> {
                            RefundView v = r.view();
                            return pool.withTransaction(tx -> store.byId(tx, v.paymentId(), false))
                                    .flatMap(p -> callAndSettle(
                                            null,
                                            p.orElseThrow(),
                                            v.shopId(),
                                            v.id(),
                                            r.parts(),
                                            r.providerKey(),
                                            true))
                                    .replaceWith(1);
                        })
                        .collect()
                        .with(Collectors.summingInt(Integer::intValue)));
    }

    /** The admins' queue: refunds refused for good (FAILED), or still waiting for the provider (PENDING). */
    public Uni<List<RefundView>> queue(String status) {
        return refunds.withStatus(status);
    }

    /**
     * An admin tries a FAILED refund again: the same refund (its id, so one refund per cause), reserved again if it
     * still fits, under a fresh provider key (the failed attempt's key would only repeat its failure).
     */
    public Uni<RefundView> retry(UUID refundId) {
        return pool.withTransaction(tx -> refunds.lock(tx, refundId).flatMap(locked -> {
                    if (locked.isEmpty()) {
                        throw new ProblemException.NotFound("No refund " + refundId + ".");
                    }
                    RefundView r = locked.get().view();
                    if (!"FAILED".equals(r.status())) {
                        throw new ProblemException.Conflict(
                                "refund-not-failed",
                                "Only a failed refund can be tried " + "again; this one is "
                                        + r.status().toLowerCase(Locale.ROOT) + ".");
                    }
                    RefundParts parts = locked.get().parts();
                    UUID shopId = r.shopId();
                    String key = "refund:" + refundId + ":retry-" + (r.attempts() + 1);
                    return store.byId(tx, r.paymentId(), true).flatMap(found -> {
                        Payment p = found.orElseThrow();
                        Split s = p.split(shopId);
                        if (s == null || !parts.fitsIn(s)) {
                            throw new ProblemException.Conflict(
                                    "refund-exceeds-refundable",
                                    "This refund no longer "
                                            + "fits in what is still refundable of the seller's part.");
                        }
                        return refunds.reopen(tx, refundId, key)
                                .flatMap(x -> refunds.moveRefunded(tx, p.id(), shopId, parts, 1))
                                .replaceWith(new Retry(p, shopId, parts, key));
                    });
                }))
                .flatMap(t -> callAndSettle(null, t.payment(), t.shopId(), refundId, t.parts(), t.key(), false));
    }

    private record Retry(Payment payment, UUID shopId, RefundParts parts, String key) {}

    /**
     * One seller's part of a lost dispute, in the dispute's transaction: the processor already gave that money back to
     * the buyer, so it is recorded as a SUCCEEDED refund (source DISPUTE, once per dispute and shop) — the split's
     * refunded amounts, the seller's payable (or debt beyond it), commission and tax taken back — and RefundSucceeded
     * tells the order. Answers the seller debt it created.
     */
    public Uni<Long> disputeLost(SqlClient tx, Payment p, String disputeId, UUID shopId, RefundParts r) {
        UUID refundId =
                UUID.nameUUIDFromBytes(("dispute:" + disputeId + ":" + shopId).getBytes(StandardCharsets.UTF_8));
        return refunds.byId(tx, refundId)
                .flatMap(done -> done.isPresent()
                        ? Uni.createFrom().item(0L)
                        : refunds.insertDisputeLost(tx, refundId, p, shopId, r, disputeId)
                                .flatMap(x -> refunds.moveRefunded(tx, p.id(), shopId, r, 1))
                                .flatMap(x -> payouts.lockShop(tx, shopId))
                                .flatMap(x -> ledger.stillPayable(tx, shopId))
                                .flatMap(owed -> ledger.post(
                                                tx,
                                                Postings.disputeLost(UUID.randomUUID(), disputeId, shopId, r, owed),
                                                p.id(),
                                                refundId,
                                                shopId)
                                        .flatMap(x -> event(
                                                tx,
                                                null,
                                                new PaymentEvent.RefundSucceeded(
                                                        p.orderId(), p.id(), refundId, shopId, Money.usd(r.amount()))))
                                        .replaceWith(Math.max(0, r.shareReversed() - Math.max(0, owed)))));
    }

    private Uni<RefundView> refund(
            Envelope<?> cause,
            UUID paymentId,
            UUID shopId,
            UUID refundId,
            RefundParts parts,
            String source,
            String reason) {
        return pool.withTransaction(tx -> store.byId(tx, paymentId, true).flatMap(found -> {
                    Payment p = found.orElseThrow(() -> new ProblemException.NotFound("No payment " + paymentId + "."));
                    return refunds.byId(tx, refundId).flatMap(done -> {
                        if (done.isPresent()) {
                            return Uni.createFrom().item(new Reserved(p, done.get(), false));
                        }
                        Split s = p.split(shopId);
                        if (p.status() != Payment.Status.CAPTURED
                                || s == null
                                || parts.amount() <= 0
                                || !parts.fitsIn(s)) {
                            return Uni.createFrom()
                                    .failure(
                                            new ProblemException.Conflict(
                                                    "refund-exceeds-refundable",
                                                    "This refund does not fit in what is still refundable of the seller's part."));
                        }
                        return reserve(tx, refundId, p, shopId, parts, source, reason)
                                .replaceWith(new Reserved(p, null, true));
                    });
                }))
                .flatMap(r -> r.fresh()
                        ? callAndSettle(cause, r.payment(), shopId, refundId, parts, "refund:" + refundId, false)
                        : Uni.createFrom().item(r.view()));
    }

    private record Reserved(Payment payment, RefundView view, boolean fresh) {}

    private Uni<Void> reserve(
            SqlClient tx, UUID refundId, Payment p, UUID shopId, RefundParts r, String source, String reason) {
        return refunds.insertPending(tx, refundId, p, shopId, r, source, reason)
                .flatMap(x -> refunds.moveRefunded(tx, p.id(), shopId, r, 1));
    }

    /**
     * Asks the provider (after asking whether the refund already exists, when an earlier attempt may have reached it)
     * and settles: the provider's answer decides SUCCEEDED or FAILED; no answer keeps it PENDING, one attempt more,
     * tried again after a backoff by {@link #resumePending()} under the same key.
     */
    private Uni<RefundView> callAndSettle(
            Envelope<?> cause, Payment p, UUID shopId, UUID refundId, RefundParts r, String key, boolean mayExist) {
        Uni<Optional<PaymentProvider.OperationResult>> existing = mayExist
                ? provider.findRefund(p.providerReference(), key)
                : Uni.createFrom().item(Optional.empty());
        return existing.flatMap(found -> found.isPresent()
                        ? Uni.createFrom().item(found.get())
                        : provider.refund(key, p.providerReference(), r.amount()))
                .map(result -> new Answer(result, null))
                .onFailure()
                .recoverWithItem(e -> {
                    LOG.warnf(
                            e, "refund %s: no answer from the provider; it stays pending and is tried again", refundId);
                    return new Answer(null, String.valueOf(e.getMessage()));
                })
                .flatMap(answer -> pool.withTransaction(tx -> store.byId(tx, p.id(), true)
                        .flatMap(x -> refunds.lockStatus(tx, refundId))
                        .flatMap(status -> {
                            if (!"PENDING".equals(status)) {
                                return Uni.createFrom().item(0L); // settled meanwhile by a resume
                            }
                            if (answer.result() == null) {
                                return refunds.unanswered(tx, refundId, answer.error())
                                        .replaceWith(0L);
                            }
                            PaymentProvider.OperationResult result = answer.result();
                            return result.succeeded()
                                    ? succeed(tx, cause, p, shopId, refundId, r, result.reference())
                                    : fail(tx, cause, p, shopId, refundId, r, result.failure())
                                            .replaceWith(0L);
                        })))
                .flatMap(debt -> debt > 0
                        ? reversals.recover(cause, p.orderId(), shopId, refundId, debt)
                        : Uni.createFrom().voidItem())
                .flatMap(x ->
                        pool.withTransaction(tx -> refunds.byId(tx, refundId)).map(Optional::orElseThrow));
    }

    /** The provider's answer, or (result null) why none came. */
    private record Answer(PaymentProvider.OperationResult result, String error) {}

    /** Settles a refund the provider made; answers the seller debt it created (0 when still payable covered it). */
    private Uni<Long> succeed(
            SqlClient tx, Envelope<?> cause, Payment p, UUID shopId, UUID refundId, RefundParts r, String reference) {
        return refunds.markSucceeded(tx, refundId, reference)
                // serialised with the shop's payouts: money an open payout is sending is not there to take back
                .flatMap(x -> payouts.lockShop(tx, shopId))
                .flatMap(x -> ledger.stillPayable(tx, shopId))
                .flatMap(owed -> ledger.post(
                                tx,
                                Postings.refund(UUID.randomUUID(), refundId, shopId, r, owed),
                                p.id(),
                                refundId,
                                shopId)
                        .flatMap(x -> event(
                                tx,
                                cause,
                                new PaymentEvent.RefundSucceeded(
                                        p.orderId(), p.id(), refundId, shopId, Money.usd(r.amount()))))
                        .replaceWith(Math.max(0, r.shareReversed() - Math.max(0, owed))));
    }

    private Uni<Void> fail(
            SqlClient tx, Envelope<?> cause, Payment p, UUID shopId, UUID refundId, RefundParts r, String failure) {
        return refunds.markFailed(tx, refundId, failure)
                .flatMap(x -> refunds.moveRefunded(tx, p.id(), shopId, r, -1))
                .flatMap(x -> event(
                        tx,
                        cause,
                        new PaymentEvent.RefundFailed(
                                p.orderId(), p.id(), refundId, shopId, Money.usd(r.amount()), failure)));
    }

    private Uni<Void> event(SqlClient tx, Envelope<?> cause, Message event) {
        return Outbox.append(
                tx,
                cause == null
                        ? Envelope.of(event, 0, clock.instant(), null, null)
                        : Envelope.causedBy(cause, event, 0, clock.instant()));
    }
}
