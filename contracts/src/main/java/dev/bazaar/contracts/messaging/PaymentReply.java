package dev.bazaar.contracts.messaging;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import dev.bazaar.contracts.money.Money;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code payment.replies}: payment's answers to checkout; keyed by saga id. Every command gets exactly one reply per
 * delivery (a redelivered command gets the same answer again, with no second effect).
 */
@KeyField("sagaId")
public sealed interface PaymentReply extends Message {

    UUID sagaId();

    @Override
    default String key() {
        return sagaId().toString();
    }

    /**
     * Why a payment was not authorized: the card was declined, the fraud rules (or the provider's risk check)
     * blocked it, the provider failed, or the saga had already voided it (a late authorize after the tombstone).
     */
    enum DeclineReason {
        DECLINED,
        FRAUD,
        PROVIDER_ERROR,
        VOIDED,
        /** A reason this code does not know yet (added by a newer payment-service): treat as declined. */
        @JsonEnumDefaultValue
        OTHER
    }

    record PaymentAuthorized(UUID sagaId, UUID paymentId, UUID orderId, Money amount, String providerReference)
            implements PaymentReply {}

    record PaymentDeclined(UUID sagaId, UUID paymentId, UUID orderId, DeclineReason reason, String message)
            implements PaymentReply {}

    /**
     * The card asks the buyer to authenticate (3-D Secure / strong customer authentication): the payment waits for the
     * buyer's app to complete the challenge with the PaymentIntent's {@code clientSecret} (Stripe.js
     * {@code handleNextAction}) or at {@code nextAction}'s URL. PaymentAuthorized or PaymentDeclined follows once the
     * challenge is completed, failed or abandoned (a VoidPayment cancels it). The client secret lets only the buyer's
     * own app finish this one payment; it is never logged.
     */
    record PaymentActionRequired(UUID sagaId, UUID paymentId, UUID orderId, String clientSecret, NextAction nextAction)
            implements PaymentReply {}

    /**
     * What the buyer's app must do: Stripe's {@code next_action.type} ({@code use_stripe_sdk} or
     * {@code redirect_to_url}) and, for a redirect, where to (null otherwise).
     */
    record NextAction(String type, String redirectUrl) {}

    /**
     * The fraud rules put the payment in the review band: it is authorized at the provider (the hold exists) but held
     * until an admin allows or blocks it, at the latest by {@code decideBy} (then payment blocks it itself).
     * PaymentAuthorized follows when it is allowed, PaymentDeclined (FRAUD) when it is blocked; a VoidPayment
     * meanwhile cancels it like any other authorization (ADR 0026).
     */
    record PaymentUnderReview(UUID sagaId, UUID paymentId, UUID orderId, Instant decideBy) implements PaymentReply {}

    record PaymentCaptured(UUID sagaId, UUID paymentId, UUID orderId, Money amount) implements PaymentReply {}

    record PaymentVoided(UUID sagaId, UUID paymentId, UUID orderId) implements PaymentReply {}

    /** The capture failed for good (authorization expired, provider refused): the saga compensates. */
    record PaymentCaptureFailed(UUID sagaId, UUID paymentId, UUID orderId, String reason) implements PaymentReply {}
}
