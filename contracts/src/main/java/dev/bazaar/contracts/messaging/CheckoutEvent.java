package dev.bazaar.contracts.messaging;

import dev.bazaar.contracts.messaging.Lines.StockLine;

import java.util.List;
import java.util.UUID;

/** {@code checkout.events}: a checkout's outcome, keyed by checkout id. The cart removes the quoted lines. */
public sealed interface CheckoutEvent extends Message {

    UUID checkoutId();

    @Override
    default String key() {
        return checkoutId().toString();
    }

    record CheckoutCompleted(UUID checkoutId, UUID orderId, String buyerSubject, List<StockLine> lines)
            implements CheckoutEvent {
    }

    record CheckoutFailed(UUID checkoutId, String buyerSubject, String reason) implements CheckoutEvent {
    }
}
