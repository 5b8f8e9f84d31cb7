package dev.bazaar.payment.service;

import dev.bazaar.contracts.messaging.PaymentReply;
import dev.bazaar.contracts.messaging.PaymentReply.DeclineReason;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.kit.audit.AuditBefore;
import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.payment.domain.FraudViews;
import dev.bazaar.payment.domain.Payment;
import dev.bazaar.payment.persistence.FraudStore;
import dev.bazaar.payment.persistence.PaymentStore;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The admins' side of the fraud rules (ADR 0026): the review queue and its decisions, the blocklist, the decisions
 * and disputes lists. A held payment (IN_REVIEW) is decided once: the decision is a conditional update from IN_REVIEW,
 * so of two admins (or an admin and the expiry sweep, or the saga's void) exactly one wins and the others get 409.
 * Allowed → AUTHORIZED and PaymentAuthorized, the saga goes on as for any authorized payment. Blocked → VOIDING and
 * PaymentDeclined (FRAUD) in the same transaction, then the hold is released at the provider by the reconciler (now,
 * and again on the leader until the provider confirms) exactly as for a saga's void.
 */
@ApplicationScoped
public class FraudReviews {

    /** What the saga (and the buyer) is told of a payment blocked after review. */
    static final String BLOCKED = "The payment was blocked by our fraud review.";

    /** Who decided a review that nobody decided in time. */
    public static final String SYSTEM = "system";

    private static final Logger LOG = Logger.getLogger(FraudReviews.class);

    private final Pool pool;
    private final PaymentStore payments;
    private final FraudStore store;
    private final CaptureBook book;
    private final PaymentReconciler reconciler;
    private final Clock clock;

    public FraudReviews(
            Pool pool,
            PaymentStore payments,
            FraudStore store,
            CaptureBook book,
            PaymentReconciler reconciler,
            Clock clock) {
        this.pool = pool;
        this.payments = payments;
        this.store = store;
        this.book = book;
        this.reconciler = reconciler;
        this.clock = clock;
    }

    public Uni<List<FraudViews.Review>> queue(int limit) {
        return store.queue(pool, limit);
    }

    public Uni<List<FraudViews.Decision>> decisions(String outcome, int limit) {
        return store.decisions(pool, outcome, limit);
    }

    public Uni<List<FraudViews.Dispute>> disputes(String status, int limit) {
        return store.disputes(pool, status, limit);
    }

    public Uni<List<FraudViews.BlocklistEntry>> blocklist() {
        return store.blocklist(pool);
    }

    /** Adds a blocklist entry; 409 when the same kind and value is listed already. */
    public Uni<FraudViews.BlocklistEntry> block(FraudViews.BlockKind kind, String value, String reason, String by) {
        return pool.withTransaction(tx -> store.addBlock(tx, kind, value, reason, by))
                .map(added -> added.orElseThrow(() -> new ProblemException.Conflict(
                        "already-blocked",
                        kind.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " " + value
                                + " is on the blocklist already.")));
    }

    public Uni<Void> unblock(UUID id) {
        return pool.withTransaction(tx -> store.removeBlock(tx, id)).map(removed -> {
            if (!removed) {
                throw new ProblemException.NotFound("No blocklist entry " + id + ".");
            }
            return null;
        });
    }

    /** An admin allows a held payment: AUTHORIZED and PaymentAuthorized to the saga; 409 if it is not held now. */
    public Uni<FraudViews.Reviewed> allow(UUID paymentId, String by, String note) {
        Instant now = clock.instant();
        return held(paymentId)
                .invoke(AuditBefore::note)
                .flatMap(p -> pool.withTransaction(tx -> payments.lockSaga(tx, p.sagaId())
                                .flatMap(x -> store.decide(
                                        tx,
                                        p.id(),
                                        Payment.Status.AUTHORIZED.name(),
                                        null,
                                        null,
                                        "ALLOW",
                                        by,
                                        note,
                                        now))
                                .flatMap(won -> won
                                        ? book.send(
                                                        tx,
                                                        null,
                                                        new PaymentReply.PaymentAuthorized(
                                                                p.sagaId(),
                                                                p.id(),
                                                                p.orderId(),
                                                                Money.usd(p.amount()),
                                                                p.providerReference()))
                                                .replaceWith(true)
                                        : Uni.createFrom().item(false)))
                        .map(won -> reviewed(won, p, "ALLOW", by, now, Payment.Status.AUTHORIZED)));
    }

    /**
     * An admin (or the expiry sweep, {@code by} = {@value #SYSTEM}) blocks a held payment: VOIDING and PaymentDeclined
     * (FRAUD) to the saga, then the hold released at the provider; 409 if it is not held now.
     */
    public Uni<FraudViews.Reviewed> block(UUID paymentId, String by, String note) {
        Instant now = clock.instant();
        return held(paymentId)
                .invoke(AuditBefore::note)
                .flatMap(p -> pool.withTransaction(tx -> payments.lockSaga(tx, p.sagaId())
                                .flatMap(x -> store.decide(
                                        tx,
                                        p.id(),
                                        Payment.Status.VOIDING.name(),
                                        DeclineReason.FRAUD.name(),
                                        "blocked after review: " + note,
                                        "BLOCK",
                                        by,
                                        note,
                                        now))
                                .flatMap(won -> won
                                        ? book.send(
                                                        tx,
                                                        null,
                                                        new PaymentReply.PaymentDeclined(
                                                                p.sagaId(),
                                                                p.id(),
                                                                p.orderId(),
                                                                DeclineReason.FRAUD,
                                                                BLOCKED))
                                                .replaceWith(true)
                                        : Uni.createFrom().item(false)))
                        .map(won -> reviewed(won, p, "BLOCK", by, now, Payment.Status.VOIDING))
                        // the hold is released now if the provider answers; else the leader's reconciler tries again
                        .call(r -> reconciler.settle(p.id(), null).onFailure().recoverWithItem(e -> {
                            LOG.warnf(e, "payment %s blocked after review: its hold is released later", p.id());
                            return "later";
                        })));
    }

    /** Blocks every held payment whose window has passed ("review window expired"); answers how many. */
    public Uni<Integer> expire() {
        return store.expired(pool, clock.instant(), 100)
                .flatMap(ids -> Multi.createFrom()
                        .iterable(ids)
                        .onItem()
                        .transformToUniAndConcatenate(id -> block(id, SYSTEM, "review window expired")
                                .replaceWith(1)
                                // decided (or voided by the saga) meanwhile: nothing to do
                                .onFailure(ProblemException.Conflict.class)
                                .recoverWithItem(0))
                        .collect()
                        .asList()
                        .map(done -> done.stream().mapToInt(Integer::intValue).sum()));
    }

    private Uni<Payment> held(UUID paymentId) {
        return pool.withTransaction(tx -> payments.byId(tx, paymentId, false))
                .map(found -> found.orElseThrow(() -> new ProblemException.NotFound("No payment " + paymentId + ".")));
    }

    private static FraudViews.Reviewed reviewed(
            boolean won, Payment p, String outcome, String by, Instant at, Payment.Status status) {
        if (!won) {
            throw new ProblemException.Conflict(
                    "review-decided",
                    "Payment " + p.id() + " is not held for review "
                            + "(any more): it was decided already, or its checkout was cancelled.");
        }
        return new FraudViews.Reviewed(p.id(), outcome, by, at, status.name());
    }
}
