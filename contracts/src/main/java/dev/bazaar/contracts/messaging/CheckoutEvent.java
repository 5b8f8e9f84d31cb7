package dev.bazaar.contracts.messaging;

import dev.bazaar.contracts.messaging.Lines.StockLine;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** {@code checkout.events}: a checkout's outcome, keyed by checkout id. The cart removes the quoted lines. */
@KeyField("checkoutId")
public sealed interface CheckoutEvent extends Message {

    UUID checkoutId();

    @Override
    default String key() {
        return checkoutId().toString();
    }

    /**
     * The saga completed: the cart of {@code buyerSubject} removes exactly the quoted {@code lines} and quantities
     * (anything added after the quote stays), once per checkout id.
     */
    record CheckoutCompleted(UUID checkoutId, UUID orderId, String buyerSubject, List<StockLine> lines)
            implements CheckoutEvent {
        public CheckoutCompleted {
            Objects.requireNonNull(orderId, "orderId");
            if (lines == null || lines.isEmpty()) {
                throw new IllegalArgumentException("a completed checkout has its quoted lines");
            }
            lines = List.copyOf(lines);
        }
    }

    /** The saga failed and was compensated; the cart is left as it was. */
    record CheckoutFailed(UUID checkoutId, String buyerSubject, String reason) implements CheckoutEvent {}
}
