package dev.bazaar.contracts.messaging;

import dev.bazaar.contracts.money.Money;

import java.util.UUID;

/** {@code payment.replies}: payment's answers to checkout; keyed by saga id. */
public sealed interface PaymentReply extends Message {

    UUID sagaId();

    @Override
    default String key() {
        return sagaId().toString();
    }

    /** Why a payment was not authorized. */
    enum DeclineReason {
        DECLINED, FRAUD, PROVIDER_ERROR, VOIDED
    }

    record PaymentAuthorized(UUID sagaId, UUID paymentId, UUID orderId, Money amount, String providerReference)
            implements PaymentReply {
    }

    record PaymentDeclined(UUID sagaId, UUID paymentId, UUID orderId, DeclineReason reason, String message)
            implements PaymentReply {
    }

    record PaymentCaptured(UUID sagaId, UUID paymentId, UUID orderId, Money amount) implements PaymentReply {
    }

    record PaymentVoided(UUID sagaId, UUID paymentId, UUID orderId) implements PaymentReply {
    }
}
