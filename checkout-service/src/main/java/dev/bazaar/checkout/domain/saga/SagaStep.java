package dev.bazaar.checkout.domain.saga;

import dev.bazaar.checkout.domain.CheckoutStatus;
import dev.bazaar.checkout.domain.saga.CheckoutSaga.Action;
import dev.bazaar.contracts.messaging.InventoryReply;
import dev.bazaar.contracts.messaging.Message;
import dev.bazaar.contracts.messaging.OrderReply;
import dev.bazaar.contracts.messaging.PaymentReply;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.SequencedSet;

/**
 * The checkout saga's steps, each declared once, in order: the status the saga waits in, the command that starts the
 * step, the reply that completes it, and the action that undoes it. Read top to bottom, this is the happy path; a
 * failure at a step undoes what may have happened, newest first ({@link #compensations}); a success that arrives after
 * the saga failed is undone by its step's {@code undo} ({@link #undoingLate}). The failure replies, the 3-D Secure wait
 * and the timeouts are {@link CheckoutSaga#decide}'s.
 */
public enum SagaStep {
    RESERVE(
            CheckoutStatus.RESERVING,
            Action.RESERVE_STOCK,
            InventoryReply.StockReserved.class,
            Action.RELEASE_RESERVATION),
    AUTHORIZE(
            CheckoutStatus.AUTHORIZING,
            Action.AUTHORIZE_PAYMENT,
            PaymentReply.PaymentAuthorized.class,
            Action.VOID_PAYMENT),
    PLACE(CheckoutStatus.PLACING, Action.PLACE_ORDER, OrderReply.OrderPlaced.class, Action.CANCEL_ORDER),
    /** Releasing the reservation undoes a commit as well as the hold. */
    COMMIT(
            CheckoutStatus.COMMITTING,
            Action.COMMIT_RESERVATION,
            InventoryReply.ReservationCommitted.class,
            Action.RELEASE_RESERVATION),
    /** A void of a captured payment is a refund (payment-service). */
    CAPTURE(CheckoutStatus.CAPTURING, Action.CAPTURE_PAYMENT, PaymentReply.PaymentCaptured.class, Action.VOID_PAYMENT);

    private final CheckoutStatus status;
    private final Action command;
    private final Class<? extends Message> completedBy;
    private final Action undo;

    SagaStep(CheckoutStatus status, Action command, Class<? extends Message> completedBy, Action undo) {
        this.status = status;
        this.command = command;
        this.completedBy = completedBy;
        this.undo = undo;
    }

    public CheckoutStatus status() {
        return status;
    }

    public Action command() {
        return command;
    }

    public Action undo() {
        return undo;
    }

    /** The first step (the buyer's confirm starts it). */
    public static SagaStep first() {
        return values()[0];
    }

    /** The step after this one, if any (after the last the saga is COMPLETED). */
    public Optional<SagaStep> next() {
        return ordinal() + 1 < values().length ? Optional.of(values()[ordinal() + 1]) : Optional.empty();
    }

    /**
     * The step a saga in {@code status} is in; waiting for the buyer's authentication, or for a fraud review, is part
     * of AUTHORIZE.
     */
    public static Optional<SagaStep> at(CheckoutStatus status) {
        if (status == CheckoutStatus.AWAITING_BUYER_ACTION || status == CheckoutStatus.AWAITING_REVIEW) {
            return Optional.of(AUTHORIZE);
        }
        return Arrays.stream(values()).filter(s -> s.status == status).findFirst();
    }

    /** Whether {@code reply} is the success that completes this step. */
    public boolean completedBy(Message reply) {
        return completedBy.isInstance(reply);
    }

    /**
     * What a failure at this step undoes, newest first: this step's own effect when it may have taken effect, then
     * every earlier step's; an undo shared by two steps (a release, a void) is sent once, in the earlier step's place.
     */
    public List<Action> compensations(boolean mayHaveTakenEffect) {
        List<Action> newestFirst = new ArrayList<>();
        if (mayHaveTakenEffect) {
            newestFirst.add(undo);
        }
        for (int i = ordinal() - 1; i >= 0; i--) {
            newestFirst.add(values()[i].undo);
        }
        SequencedSet<Action> once = new LinkedHashSet<>();
        for (Action a : newestFirst.reversed()) {
            once.add(a);
        }
        return List.copyOf(once.reversed());
    }

    /** The step whose success {@code reply} is, for undoing it when it arrives after the saga failed. */
    public static Optional<SagaStep> undoingLate(Message reply) {
        if (reply instanceof PaymentReply.PaymentActionRequired || reply instanceof PaymentReply.PaymentUnderReview) {
            return Optional.of(AUTHORIZE); // the payment exists and waits for its buyer or a review: void it
        }
        return Arrays.stream(values()).filter(s -> s.completedBy(reply)).findFirst();
    }
}
