package dev.bazaar.payment.service;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.PaymentReply;
import dev.bazaar.contracts.messaging.PaymentReply.DeclineReason;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.payment.domain.Payment;
import dev.bazaar.payment.persistence.PaymentStore;
import dev.bazaar.payment.provider.PaymentProvider;
import dev.bazaar.payment.provider.PaymentProvider.ChargeState;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

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
 *
 * <p>It also <b>resumes</b> payments waiting for the buyer's 3-D Secure challenge (AWAITING_ACTION, ADR 0014) from the
 * charge's state: authorized → AUTHORIZED and PaymentAuthorized; declined (the challenge failed: Stripe's
 * {@code requires_payment_method}) or cancelled → DECLINED and PaymentDeclined with the provider's message; still
 * waiting → nothing but a note that it was looked at. A declined PaymentIntent is then cancelled at the provider. A
 * Stripe {@code payment_intent.*} webhook, the sandbox's challenge answer and the leader's read every
 * {@code bazaar.payments.action-recheck-after} (a missed webhook) all go through {@link #resume}: under the saga's
 * lock and only while the payment is still AWAITING_ACTION, so the saga is answered once however many of them arrive,
 * in whatever order — none trusts an event's payload, each reads the charge.
 */
@ApplicationScoped
public class PaymentReconciler {

    private static final Logger LOG = Logger.getLogger(PaymentReconciler.class);

    private final Pool pool;
    private final PaymentStore store;
    private final PaymentProvider provider;
    private final CaptureBook book;
    private final Refunds refunds;

    public PaymentReconciler(
            Pool pool, PaymentStore store, PaymentProvider provider, CaptureBook book, Refunds refunds) {
        this.pool = pool;
        this.store = store;
        this.provider = provider;
        this.book = book;
        this.refunds = refunds;
    }

    /** Settles what waits longer than {@code olderThan}; answers how many were looked at. */
    public Uni<Integer> runOnce(Duration olderThan) {
        return pool.withTransaction(tx -> store.unsettled(tx, olderThan, 100))
                .flatMap(ids -> settleEach(ids, "settling"));
    }

    /**
     * Reads back payments waiting for the buyer to authenticate that nobody looked at for {@code olderThan} (a webhook
     * missed or late); answers how many were looked at.
     */
    public Uni<Integer> resumeAwaiting(Duration olderThan) {
        return pool.withTransaction(tx -> store.awaitingAction(tx, olderThan, 100))
                .flatMap(ids -> settleEach(ids, "resuming"));
    }

    /** Settles the payments one after another; one that fails is logged and left for the next pass. */
    private Uni<Integer> settleEach(List<UUID> ids, String what) {
        return Multi.createFrom()
                .iterable(ids)
                .onItem()
                .transformToUniAndConcatenate(id -> settle(id, null).onFailure().recoverWithItem(e -> {
                    LOG.warnf(e, "%s payment %s failed", what, id);
                    return "failed";
                }))
                .collect()
                .asList()
                .map(List::size);
    }

    /** Settles one payment if it waits for the provider; answers what was done (for logs and webhooks). */
    public Uni<String> settle(UUID paymentId, Envelope<?> cause) {
        return pool.withTransaction(tx -> store.byId(tx, paymentId, false)
                        .flatMap(found -> found.isEmpty()
                                ? Uni.createFrom().item(Optional.<Waiting>empty())
                                : store.tombstoned(tx, found.get().sagaId())
                                        .map(voided -> Optional.of(new Waiting(found.get(), voided)))))
                .flatMap(w -> {
                    if (w.isEmpty() || !w.get().waits()) {
                        return Uni.createFrom().item("nothing to settle");
                    }
                    Payment p = w.get().payment();
                    Payment.Status expected = p.status();
                    return provider.chargeState(p.providerReference())
                            .flatMap(state -> w.get().voiding()
                                    ? settleVoid(p, state, cause)
                                    : p.status() == Payment.Status.AWAITING_ACTION
                                            ? settleAction(p, state, cause)
                                            : settleCapture(p, state, cause))
                            .onFailure()
                            .recoverWithUni(e -> unanswered(p, expected, e));
                });
    }

    private record Waiting(Payment payment, boolean tombstoned) {
        boolean waits() {
            return payment.status() == Payment.Status.CAPTURE_UNKNOWN
                    || payment.status() == Payment.Status.VOIDING
                    || payment.status() == Payment.Status.AWAITING_ACTION;
        }

        boolean voiding() {
            return payment.status() == Payment.Status.VOIDING || tombstoned;
        }
    }

    private Uni<String> settleCapture(Payment p, ChargeState state, Envelope<?> cause) {
        return switch (state.status()) {
            case CAPTURED ->
                whileStill(
                                p,
                                Payment.Status.CAPTURE_UNKNOWN,
                                tx -> book.book(
                                        tx,
                                        cause,
                                        p,
                                        state.captured(),
                                        new PaymentProvider.CaptureResult(true, null, state.fee(), null),
                                        true))
                        .replaceWith("captured at the provider: booked");
            case AUTHORIZED ->
                provider.capture("capture:" + p.id(), p.providerReference(), p.captureAmount())
                        .flatMap(r -> whileStill(
                                        p,
                                        Payment.Status.CAPTURE_UNKNOWN,
                                        tx -> book.book(tx, cause, p, p.captureAmount(), r, true))
                                .replaceWith(
                                        r.succeeded() ? "captured again: booked" : "capture refused: " + r.failure()));
            case CANCELED, DECLINED ->
                whileStill(
                                p,
                                Payment.Status.CAPTURE_UNKNOWN,
                                tx -> book.book(
                                        tx,
                                        cause,
                                        p,
                                        0,
                                        new PaymentProvider.CaptureResult(
                                                false,
                                                null,
                                                0,
                                                "The authorization was cancelled or expired "
                                                        + "before it could be captured."),
                                        true))
                        .replaceWith("the hold expired: capture failed");
            case IN_PROGRESS, REQUIRES_ACTION ->
                unanswered(p, p.status(), new IllegalStateException("the provider is still deciding"));
        };
    }

    private Uni<String> settleAction(Payment p, ChargeState state, Envelope<?> cause) {
        return resume(p, state, cause).map(answered -> switch (state.status()) {
            case REQUIRES_ACTION, IN_PROGRESS -> "still waiting for the buyer to authenticate";
            default ->
                answered
                        ? "the buyer's challenge is over: "
                                + state.status().name().toLowerCase(Locale.ROOT)
                        : "already resumed";
        });
    }

    /**
     * Resumes a payment that waited for the buyer's 3-D Secure challenge from its charge's {@code state}, if it still
     * waits (under the saga's lock): authorized (or, against all odds, captured at the provider) → AUTHORIZED and
     * PaymentAuthorized; declined → DECLINED and PaymentDeclined (FRAUD when the provider's risk engine refused it
     * after the challenge, DECLINED otherwise) with the provider's message, and the PaymentIntent cancelled; cancelled
     * at the provider → DECLINED. Still waiting → only noted as looked at. Answers whether the saga was answered now
     * ({@code cause}: the message the reply follows, null for a webhook or the leader's read).
     */
    public Uni<Boolean> resume(Payment p, ChargeState state, Envelope<?> cause) {
        return switch (state.status()) {
            case AUTHORIZED, CAPTURED ->
                ifStill(
                        p,
                        Payment.Status.AWAITING_ACTION,
                        tx -> store.setStatus(tx, p.id(), Payment.Status.AUTHORIZED, null)
                                .flatMap(x -> book.send(
                                        tx,
                                        cause,
                                        new PaymentReply.PaymentAuthorized(
                                                p.sagaId(),
                                                p.id(),
                                                p.orderId(),
                                                Money.usd(p.amount()),
                                                p.providerReference()))));
            case DECLINED -> {
                PaymentProvider.Declined d = state.declined() != null
                        ? state.declined()
                        : new PaymentProvider.Declined("requires_payment_method", "The payment was not authorized.");
                DeclineReason reason = "fraudulent".equals(d.code()) ? DeclineReason.FRAUD : DeclineReason.DECLINED;
                // and the PaymentIntent is cancelled, so that the buyer's app cannot confirm it again with another
                // card (the client secret allows that) and hold money for a payment declined here
                yield declined(p, reason, d.message(), cause)
                        .call(answered ->
                                answered ? cancel(p) : Uni.createFrom().voidItem());
            }
            case CANCELED ->
                declined(
                        p,
                        DeclineReason.DECLINED,
                        "The payment was cancelled at the provider before " + "the buyer authenticated.",
                        cause);
            case REQUIRES_ACTION, IN_PROGRESS ->
                ifStill(p, Payment.Status.AWAITING_ACTION, tx -> store.touch(tx, p.id()))
                        .replaceWith(false);
        };
    }

    /** Best effort: a PaymentIntent left needing a payment method is cancelled; a failure is logged, nothing else. */
    private Uni<Void> cancel(Payment p) {
        return provider.voidAuthorization("void:" + p.id(), p.providerReference())
                .onItem()
                .invoke(r -> {
                    if (!r.succeeded()) {
                        LOG.warnf(
                                "payment %s declined; its PaymentIntent could not be cancelled: %s",
                                p.id(), r.failure());
                    }
                })
                .onFailure()
                .recoverWithItem(e -> {
                    LOG.warnf(e, "payment %s declined; its PaymentIntent could not be cancelled", p.id());
                    return null;
                })
                .replaceWithVoid();
    }

    private Uni<Boolean> declined(Payment p, DeclineReason reason, String message, Envelope<?> cause) {
        return ifStill(
                p,
                Payment.Status.AWAITING_ACTION,
                tx -> store.declined(tx, p.id(), reason.name(), message)
                        .flatMap(x -> book.send(
                                tx,
                                cause,
                                new PaymentReply.PaymentDeclined(p.sagaId(), p.id(), p.orderId(), reason, message))));
    }

    private Uni<String> settleVoid(Payment p, ChargeState state, Envelope<?> cause) {
        return switch (state.status()) {
            // a hold, or a payment still waiting for (or failed at) the buyer's challenge: cancelled, so that a
            // challenge completed later authorizes nothing
            case AUTHORIZED, REQUIRES_ACTION, DECLINED ->
                provider.voidAuthorization("void:" + p.id(), p.providerReference())
                        .flatMap(r -> r.succeeded()
                                ? voided(p, cause).replaceWith("hold released")
                                : unanswered(
                                        p,
                                        p.status(),
                                        new IllegalStateException("the provider refused to cancel: " + r.failure())));
            case CAPTURED ->
                whileStill(
                                p,
                                p.status(),
                                tx -> p.captured() > 0
                                        ? store.setStatus(tx, p.id(), Payment.Status.CAPTURED, null)
                                        : book.book(
                                                tx,
                                                cause,
                                                p,
                                                state.captured(),
                                                new PaymentProvider.CaptureResult(true, null, state.fee(), null),
                                                false))
                        .flatMap(x -> pool.withTransaction(tx -> store.byId(tx, p.id(), false)))
                        .flatMap(now -> refunds.refundEverything(
                                cause,
                                now.orElseThrow(),
                                "the payment was cancelled " + "after the provider had captured it"))
                        .flatMap(x -> pool.withTransaction(tx ->
                                book.send(tx, cause, new PaymentReply.PaymentVoided(p.sagaId(), p.id(), p.orderId()))))
                        .replaceWith("captured at the provider: booked and refunded");
            case CANCELED -> voided(p, cause).replaceWith("already released at the provider");
            case IN_PROGRESS -> unanswered(p, p.status(), new IllegalStateException("the provider is still deciding"));
        };
    }

    private Uni<Void> voided(Payment p, Envelope<?> cause) {
        return whileStill(
                p,
                p.status(),
                tx -> store.setStatus(tx, p.id(), Payment.Status.VOIDED, null)
                        .flatMap(x ->
                                book.send(tx, cause, new PaymentReply.PaymentVoided(p.sagaId(), p.id(), p.orderId()))));
    }

    /** As {@link #whileStill}, answering whether {@code change} ran. */
    private Uni<Boolean> ifStill(
            Payment p,
            Payment.Status status,
            java.util.function.Function<io.vertx.mutiny.sqlclient.SqlClient, Uni<Void>> change) {
        return pool.withTransaction(tx -> store.lockSaga(tx, p.sagaId())
                .flatMap(x -> store.byId(tx, p.id(), true))
                .flatMap(now -> now.isPresent() && now.get().status() == status
                        ? change.apply(tx).replaceWith(true)
                        : Uni.createFrom().item(false)));
    }

    /** Runs {@code change} under the saga's lock if the payment is still {@code status} (else someone settled it). */
    private Uni<Void> whileStill(
            Payment p,
            Payment.Status status,
            java.util.function.Function<io.vertx.mutiny.sqlclient.SqlClient, Uni<Void>> change) {
        return pool.withTransaction(tx -> store.lockSaga(tx, p.sagaId())
                .flatMap(x -> store.byId(tx, p.id(), true))
                .flatMap(now -> now.isPresent() && now.get().status() == status
                        ? change.apply(tx)
                        : Uni.createFrom().voidItem()));
    }

    private Uni<String> unanswered(Payment p, Payment.Status status, Throwable e) {
        LOG.warnf(e, "payment %s (%s): no answer from the provider yet; tried again later", p.id(), status);
        return whileStill(p, status, tx -> store.unanswered(tx, p.id(), status, String.valueOf(e.getMessage())))
                .replaceWith("no answer: " + e.getMessage());
    }
}
