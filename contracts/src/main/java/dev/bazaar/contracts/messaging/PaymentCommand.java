package dev.bazaar.contracts.messaging;

import dev.bazaar.contracts.messaging.Lines.SellerSplit;
import dev.bazaar.contracts.money.Money;

import java.util.List;
import java.util.UUID;

/** {@code payment.commands}: checkout asks payment to authorize, capture or void; keyed by saga id. */
public sealed interface PaymentCommand extends Message {

    UUID sagaId();

    @Override
    default String key() {
        return sagaId().toString();
    }

    /**
     * Authorize {@code amount} (USD, the charge) for the order; {@code orderId} is the provider's transfer group.
     * The splits sum to the amount (goods + shipping + tax per seller).
     */
    record AuthorizePayment(UUID sagaId, UUID paymentId, UUID orderId, String buyerSubject, Money amount,
            String paymentMethod, List<SellerSplit> splits) implements PaymentCommand {
    }

    record CapturePayment(UUID sagaId, UUID paymentId, UUID orderId, Money amount) implements PaymentCommand {
    }

    /** Cancels an authorization; leaves a tombstone so a late AuthorizePayment for this saga is refused. */
    record VoidPayment(UUID sagaId, UUID paymentId, UUID orderId, String reason) implements PaymentCommand {
    }
}
