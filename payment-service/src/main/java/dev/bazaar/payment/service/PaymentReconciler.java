package dev.bazaar.payment.service;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.PaymentReply;
import dev.bazaar.payment.domain.Payment;
import dev.bazaar.payment.persistence.PaymentStore;
import dev.bazaar.payment.provider.PaymentProvider;
import dev.bazaar.payment.provider.PaymentProvider.ChargeState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Settles payments whose provider outcome is not known, from what the provider says the charge is now — never from a
 * guess. A capture without an answer (CAPTURE_UNKNOWN): captured there → booked (what the provider captured, its
 * splits scaled to it when less than authorized) and answered to the saga; still authorized → captured again under
 * the same key, for the amount the saga asked; cancelled or expired → CAPTURE_FAILED. A void (VOIDING: the saga
 * gave up, or a capture failed for good, or the payment is not ours to keep): authorized → the hold is released;
 * captured → the capture is booked and everything refunded; cancelled → VOIDED. No answer from the provider: one more
 * attempt recorded, and the next run (or the provider's webhook) tries again. Runs on the leader every
 * {@code bazaar.payments.refund-resume-interval}, after a CapturePayment or VoidPayment that met no answer, and when a
 * Stripe webhook says something happened to one of these charges.
 */
@ApplicationScoped
public class PaymentReconciler {

    private static final Logger LOG = Logger.getLogger(PaymentReconciler.class);

    private final Pool pool;
    private final PaymentStore store;
    private final PaymentProvider provider;
    private final CaptureBook book;
    private final Refunds refunds;

    public PaymentReconciler(Pool pool, PaymentStore store, PaymentProvider provider, CaptureBook book,
            Refunds refunds) {
        this.pool = pool;
        this.store = store;
        this.provider = provider;
        this.book = book;
        this.refunds = refunds;
    }

    /** Settles what waits longer than {@code olderThan}; answers how many were looked at. */
    public Uni<Integer> runOnce(Duration olderThan) {
        return pool.withTransaction(tx -> store.unsettled(tx, olderThan, 100)).flatMap(ids -> {
            Uni<Integer> chain = Uni.createFrom().item(0);
            for (UUID id : ids) {
                chain = chain.flatMap(n -> settle(id, null).onFailure().recoverWithItem(e -> {
                    LOG.warnf("settling payment %s failed: %s", id, e.getMessage());
                    return "failed";
                }).replaceWith(n + 1));
            }
            return chain;
        });
    }

    /** Settles one payment if it waits for the provider; answers what was done (for logs and webhooks). */
    public Uni<String> settle(UUID paymentId, Envelope<?> cause) {
        return pool.withTransaction(tx -> store.byId(tx, paymentId, false)
                .flatMap(found -> found.isEmpty() ? Uni.createFrom().item(Optional.<Waiting>empty())
                        : store.tombstoned(tx, found.get().sagaId()).map(voided -> Optional.of(new Waiting(
                                found.get(), voided)))))
                .flatMap(w -> {
                    if (w.isEmpty() || !w.get().waits()) {
                        return Uni.createFrom().item("nothing to settle");
                    }
                    Payment p = w.get().payment();
                    Payment.Status expected = p.status();
                    return provider.chargeState(p.providerReference())
                            .flatMap(state -> w.get().voiding() ? settleVoid(p, state, cause)
                                    : settleCapture(p, state, cause))
                            .onFailure().recoverWithUni(e -> unanswered(p, expected, e));
                });
    }

    private record Waiting(Payment payment, boolean tombstoned) {
        boolean waits() {
            return payment.status() == Payment.Status.CAPTURE_UNKNOWN || payment.status() == Payment.Status.VOIDING;
        }

        boolean voiding() {
            return payment.status() == Payment.Status.VOIDING || tombstoned;
        }
    }

    private Uni<String> settleCapture(Payment p, ChargeState state, Envelope<?> cause) {
        return switch (state.status()) {
            case CAPTURED -> whileStill(p, Payment.Status.CAPTURE_UNKNOWN, tx -> book.book(tx, cause, p,
                    state.captured(), new PaymentProvider.CaptureResult(true, null, state.fee(), null), true))
                    .replaceWith("captured at the provider: booked");
            case AUTHORIZED -> provider.capture("capture:" + p.id(), p.providerReference(), p.captureAmount())
                    .flatMap(r -> whileStill(p, Payment.Status.CAPTURE_UNKNOWN, tx -> book.book(tx, cause, p,
                            p.captureAmount(), r, true)).replaceWith(r.succeeded() ? "captured again: booked"
                                    : "capture refused: " + r.failure()));
            case CANCELED -> whileStill(p, Payment.Status.CAPTURE_UNKNOWN, tx -> book.book(tx, cause, p, 0,
                    new PaymentProvider.CaptureResult(false, null, 0, "The authorization was cancelled or expired "
                            + "before it could be captured."), true))
                    .replaceWith("the hold expired: capture failed");
            case IN_PROGRESS -> unanswered(p, p.status(), new IllegalStateException("the provider is still deciding"));
        };
    }

    private Uni<String> settleVoid(Payment p, ChargeState state, Envelope<?> cause) {
        return switch (state.status()) {
            case AUTHORIZED -> provider.voidAuthorization("void:" + p.id(), p.providerReference())
                    .flatMap(r -> r.succeeded() ? voided(p, cause).replaceWith("hold released")
                            : unanswered(p, p.status(), new IllegalStateException("the provider refused to cancel: "
                                    + r.failure())));
            case CAPTURED -> whileStill(p, p.status(), tx -> p.captured() > 0
                    ? store.setStatus(tx, p.id(), Payment.Status.CAPTURED, null)
                    : book.book(tx, cause, p, state.captured(), new PaymentProvider.CaptureResult(true, null,
                            state.fee(), null), false))
                    .flatMap(x -> pool.withTransaction(tx -> store.byId(tx, p.id(), false)))
                    .flatMap(now -> refunds.refundEverything(cause, now.orElseThrow(), "the payment was cancelled "
                            + "after the provider had captured it"))
                    .flatMap(x -> pool.withTransaction(tx -> CaptureBook.send(tx, cause,
                            new PaymentReply.PaymentVoided(p.sagaId(), p.id(), p.orderId()))))
                    .replaceWith("captured at the provider: booked and refunded");
            case CANCELED -> voided(p, cause).replaceWith("already released at the provider");
            case IN_PROGRESS -> unanswered(p, p.status(), new IllegalStateException("the provider is still deciding"));
        };
    }

    private Uni<Void> voided(Payment p, Envelope<?> cause) {
        return whileStill(p, p.status(), tx -> store.setStatus(tx, p.id(), Payment.Status.VOIDED, null)
                .flatMap(x -> CaptureBook.send(tx, cause, new PaymentReply.PaymentVoided(p.sagaId(), p.id(),
                        p.orderId()))));
    }

    /** Runs {@code change} under the saga's lock if the payment is still {@code status} (else someone settled it). */
    private Uni<Void> whileStill(Payment p, Payment.Status status,
            java.util.function.Function<io.vertx.mutiny.sqlclient.SqlClient, Uni<Void>> change) {
        return pool.withTransaction(tx -> store.lockSaga(tx, p.sagaId())
                .flatMap(x -> store.byId(tx, p.id(), true))
                .flatMap(now -> now.isPresent() && now.get().status() == status ? change.apply(tx)
                        : Uni.createFrom().voidItem()));
    }

    private Uni<String> unanswered(Payment p, Payment.Status status, Throwable e) {
        LOG.warnf("payment %s (%s): no answer from the provider yet (%s); tried again later", p.id(), status,
                e.getMessage());
        return whileStill(p, status, tx -> store.unanswered(tx, p.id(), status, String.valueOf(e.getMessage())))
                .replaceWith("no answer: " + e.getMessage());
    }
}
