package dev.bazaar.checkout.domain.saga;

import static dev.bazaar.checkout.domain.CheckoutStatus.AUTHORIZING;
import static dev.bazaar.checkout.domain.CheckoutStatus.AWAITING_BUYER_ACTION;
import static dev.bazaar.checkout.domain.CheckoutStatus.AWAITING_REVIEW;
import static dev.bazaar.checkout.domain.CheckoutStatus.CAPTURING;
import static dev.bazaar.checkout.domain.CheckoutStatus.COMMITTING;
import static dev.bazaar.checkout.domain.CheckoutStatus.COMPLETED;
import static dev.bazaar.checkout.domain.CheckoutStatus.FAILED;
import static dev.bazaar.checkout.domain.CheckoutStatus.PLACING;
import static dev.bazaar.checkout.domain.CheckoutStatus.QUOTED;
import static dev.bazaar.checkout.domain.CheckoutStatus.RESERVING;

import dev.bazaar.checkout.domain.CheckoutStatus;
import dev.bazaar.contracts.messaging.InventoryReply;
import dev.bazaar.contracts.messaging.Lines.Shortage;
import dev.bazaar.contracts.messaging.Message;
import dev.bazaar.contracts.messaging.OrderReply;
import dev.bazaar.contracts.messaging.PaymentReply;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The checkout saga's transition table (ARCHITECTURE.md, "The checkout saga"), with no I/O: given where a saga is and
 * what happened (the buyer confirmed, a reply arrived, a step timed out), where it goes and which commands and events
 * it sends. The service persists the new state and the outgoing messages in one compare-and-set transaction.
 *
 * <pre>
 * QUOTED ─confirm─► RESERVING ─StockReserved─► AUTHORIZING ─PaymentAuthorized─► PLACING ─OrderPlaced─► COMMITTING
 *   ─ReservationCommitted─► CAPTURING ─PaymentCaptured─► COMPLETED
 *
 * AUTHORIZING ─PaymentActionRequired─► AWAITING_BUYER_ACTION ─PaymentAuthorized─► PLACING ─► … (as above)
 *                                        │ keeps the client secret and next action for the buyer's app (3-D Secure)
 *                                        ├─PaymentDeclined─► FAILED (void + release)
 *                                        └─buyer-action timeout─► FAILED TIMEOUT (void + release)
 *
 * AUTHORIZING ─PaymentUnderReview─► AWAITING_REVIEW ─PaymentAuthorized─► PLACING ─► … (as above)
 *                                     │ the card is authorized; an admin allows or blocks it by the reply's decideBy
 *                                     ├─PaymentDeclined─► FAILED (void + release)
 *                                     └─review timeout (after decideBy)─► FAILED TIMEOUT (void + release)
 * </pre>
 *
 * Every failure goes to FAILED with the compensations its step needs: nothing after StockRejected; release after a
 * decline; void + release when the payment may exist; cancel the order too once it may have been placed. A decline
 * while the saga waits on the buyer also voids: after a failed challenge the payment can still be confirmed by the
 * buyer's app with its client secret (Stripe puts it back to {@code requires_payment_method}), and the void cancels
 * it for good (ADR 0015). A timeout cannot know whether the step's command took effect, so it compensates as if it
 * had (every compensation is idempotent and harmless when there is nothing to undo). Once FAILED, a late success is
 * compensated too (a late StockReserved or ReservationCommitted is released, a late authorization or capture voided —
 * payment refunds a capture —, a late OrderPlaced cancelled, a late PaymentActionRequired voided so the payment stops
 * waiting for its buyer); late failures and compensation acknowledgements change nothing. A second
 * PaymentActionRequired while waiting changes nothing (the first one's secret and action stay).
 */
public final class CheckoutSaga {

    private CheckoutSaga() {}

    /** What a transition sends, in order. The service turns each into its contracts message. */
    public enum Action {
        RESERVE_STOCK,
        AUTHORIZE_PAYMENT,
        PLACE_ORDER,
        COMMIT_RESERVATION,
        CAPTURE_PAYMENT,
        CANCEL_ORDER,
        VOID_PAYMENT,
        RELEASE_RESERVATION,
        PUBLISH_COMPLETED,
        PUBLISH_FAILED;

        public boolean isCompensation() {
            return this == CANCEL_ORDER || this == VOID_PAYMENT || this == RELEASE_RESERVATION;
        }
    }

    /** Why a saga failed; the confirm call answers 409 for stock, 402 for payment, 409 checkout-failed otherwise. */
    public enum FailureReason {
        OUT_OF_STOCK,
        PAYMENT_DECLINED,
        PAYMENT_BLOCKED,
        PAYMENT_PROVIDER_ERROR,
        ORDER_REJECTED,
        RESERVATION_LOST,
        CAPTURE_FAILED,
        TIMEOUT
    }

    public record Failure(FailureReason reason, CheckoutStatus step, String detail, List<Shortage> shortages) {
        public Failure {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(step, "step");
            shortages = shortages == null ? List.of() : List.copyOf(shortages);
        }
    }

    /** What the saga reacts to. */
    public sealed interface Input {}

    /** The buyer confirmed the quote (the first confirm; later ones only read the state). */
    public record Confirm() implements Input {}

    /** A reply from inventory, payment or order. */
    public record Reply(Message message) implements Input {
        public Reply {
            if (!(message instanceof InventoryReply
                    || message instanceof PaymentReply
                    || message instanceof OrderReply)) {
                throw new IllegalArgumentException("not a saga reply: " + message);
            }
        }
    }

    /** The step {@code step} ran out of time (ignored when the saga has moved on since). */
    public record Timeout(CheckoutStatus step) implements Input {}

    /**
     * What the buyer's app needs to authenticate the card: the payment's client secret (Stripe.js
     * {@code handleNextAction}) and Stripe's next action ({@code use_stripe_sdk}, or {@code redirect_to_url} with its
     * URL). Kept only while the saga is AWAITING_BUYER_ACTION; shown only to the checkout's own buyer; never logged
     * ({@link #toString()} leaves the secret and the URL, which may carry one, out).
     */
    public record BuyerAction(String clientSecret, String type, String redirectUrl) {

        public static BuyerAction of(PaymentReply.PaymentActionRequired r) {
            return new BuyerAction(
                    r.clientSecret(),
                    r.nextAction() == null ? null : r.nextAction().type(),
                    r.nextAction() == null ? null : r.nextAction().redirectUrl());
        }

        @Override
        public String toString() {
            return "BuyerAction[type=" + type + ", clientSecret=" + (clientSecret == null ? null : "<redacted>")
                    + ", redirectUrl=" + (redirectUrl == null ? null : "<redacted>") + "]";
        }
    }

    /** Where a saga is; {@code buyerAction} only while it is AWAITING_BUYER_ACTION. */
    public record State(CheckoutStatus status, Failure failure, BuyerAction buyerAction) {
        public State {
            Objects.requireNonNull(status, "status");
            if ((status == FAILED) != (failure != null)) {
                throw new IllegalArgumentException("a failure is recorded exactly when the saga FAILED");
            }
            if (buyerAction != null && status != AWAITING_BUYER_ACTION) {
                throw new IllegalArgumentException("a buyer action is kept only while AWAITING_BUYER_ACTION");
            }
        }

        public State(CheckoutStatus status, Failure failure) {
            this(status, failure, null);
        }

        public static State of(CheckoutStatus status) {
            return new State(status, null);
        }
    }

    /**
     * The outcome of one input: the next state and what to send. {@code changed} is false when the input is a
     * duplicate, stale or an acknowledgement (the state stays as it is; {@code actions} may still hold late-success
     * compensations of a FAILED saga). {@code late} marks such a compensation of a success that came after failure.
     */
    public record Decision(State next, List<Action> actions, boolean changed, boolean late) {
        public Decision {
            actions = List.copyOf(actions);
        }

        static Decision go(CheckoutStatus to, Action... actions) {
            return new Decision(State.of(to), List.of(actions), true, false);
        }

        static Decision fail(Failure failure, Action... actions) {
            return new Decision(new State(FAILED, failure), List.of(actions), true, false);
        }

        static Decision awaitBuyer(BuyerAction action) {
            return new Decision(new State(AWAITING_BUYER_ACTION, null, action), List.of(), true, false);
        }

        static Decision stay(State s) {
            return new Decision(s, List.of(), false, false);
        }

        static Decision compensateLate(State s, Action action) {
            return new Decision(s, List.of(action), false, true);
        }

        public boolean isNoop() {
            return !changed && actions.isEmpty();
        }
    }

    public static Decision decide(State s, Input in) {
        return switch (in) {
            case Confirm c ->
                s.status() == QUOTED
                        ? Decision.go(
                                SagaStep.first().status(), SagaStep.first().command())
                        : Decision.stay(s);
            case Timeout t ->
                t.step() == s.status() && !s.status().isTerminal() && s.status() != QUOTED
                        ? timeout(s.status())
                        : Decision.stay(s);
            case Reply r ->
                switch (s.status()) {
                    case FAILED -> late(s, r.message());
                    case QUOTED, COMPLETED -> Decision.stay(s);
                    default -> reply(s, r.message());
                };
        };
    }

    /** The compensations a failure at {@code step} needs (before PUBLISH_FAILED): {@link SagaStep#compensations}. */
    public static List<Action> compensations(CheckoutStatus step, boolean stepMayHaveTakenEffect) {
        SagaStep at =
                SagaStep.at(step).orElseThrow(() -> new IllegalArgumentException("nothing to compensate at " + step));
        // waiting for its buyer, the payment exists: a void cancels it (a declined one could still be confirmed again
        // by the buyer's app), harmless when payment has already given it up
        // so is a payment held for review: authorized at the provider until it is allowed or blocked
        return at.compensations(stepMayHaveTakenEffect || step == AWAITING_BUYER_ACTION || step == AWAITING_REVIEW);
    }

    private static Decision timeout(CheckoutStatus step) {
        return failWith(
                new Failure(
                        FailureReason.TIMEOUT,
                        step,
                        switch (step) {
                            case AWAITING_BUYER_ACTION ->
                                "the buyer did not complete the card's authentication in time";
                            case AWAITING_REVIEW -> "the payment's fraud review was not decided in time";
                            default -> "no answer to " + step.name().toLowerCase(Locale.ROOT) + " in time";
                        },
                        List.of()),
                true);
    }

    private static Decision failWith(Failure f, boolean stepMayHaveTakenEffect) {
        List<Action> actions = new java.util.ArrayList<>(compensations(f.step(), stepMayHaveTakenEffect));
        actions.add(Action.PUBLISH_FAILED);
        return new Decision(new State(FAILED, f), actions, true, false);
    }

    private static Decision reply(State s, Message m) {
        CheckoutStatus at = s.status();
        Optional<SagaStep> step = SagaStep.at(at);
        if (step.isPresent() && step.get().completedBy(m)) {
            return step.get()
                    .next()
                    .map(next -> Decision.go(next.status(), next.command()))
                    .orElseGet(() -> Decision.go(COMPLETED, Action.PUBLISH_COMPLETED));
        }
        return switch (m) {
            case InventoryReply.StockRejected r
            when at == RESERVING ->
                failWith(new Failure(FailureReason.OUT_OF_STOCK, at, "not enough stock", r.shortages()), false);
            case PaymentReply.PaymentActionRequired r when at == AUTHORIZING -> Decision.awaitBuyer(BuyerAction.of(r));
            case PaymentReply.PaymentUnderReview r when at == AUTHORIZING -> Decision.go(AWAITING_REVIEW);
            case PaymentReply.PaymentDeclined d
            when at == AUTHORIZING || at == AWAITING_BUYER_ACTION || at == AWAITING_REVIEW ->
                failWith(new Failure(declineReason(d), at, d.message(), List.of()), false);
            case OrderReply.OrderRejected r
            when at == PLACING -> failWith(new Failure(FailureReason.ORDER_REJECTED, at, r.reason(), List.of()), false);
            // the reservation expired (or was released) before the commit: the stock is no longer held
            case InventoryReply.ReservationReleased r
            when at == COMMITTING ->
                failWith(
                        new Failure(FailureReason.RESERVATION_LOST, at, "the stock reservation had expired", List.of()),
                        true);
            case PaymentReply.PaymentCaptureFailed f
            when at == CAPTURING ->
                failWith(new Failure(FailureReason.CAPTURE_FAILED, at, f.reason(), List.of()), true);
            // the step's success is SagaStep's; duplicates of earlier steps' replies (a second PaymentActionRequired
            // while waiting included: the first
            // one's secret and action stay), compensation acknowledgements: nothing to do
            default -> Decision.stay(s);
        };
    }

    /** The same mapping whether the decline came straight away or after the buyer's challenge. */
    private static FailureReason declineReason(PaymentReply.PaymentDeclined d) {
        return switch (d.reason()) {
            case FRAUD -> FailureReason.PAYMENT_BLOCKED;
            case PROVIDER_ERROR -> FailureReason.PAYMENT_PROVIDER_ERROR;
            case DECLINED, VOIDED, OTHER -> FailureReason.PAYMENT_DECLINED;
        };
    }

    /** A FAILED saga undoes any success that arrives after it failed (its step's undo); the rest is acknowledged. */
    private static Decision late(State s, Message m) {
        return SagaStep.undoingLate(m)
                .map(step -> Decision.compensateLate(s, step.undo()))
                .orElseGet(() -> Decision.stay(s));
    }
}
