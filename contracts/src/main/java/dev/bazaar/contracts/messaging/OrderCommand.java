package dev.bazaar.contracts.messaging;

import dev.bazaar.contracts.messaging.Lines.OrderGroup;
import dev.bazaar.contracts.money.Money;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** {@code order.commands}: checkout asks order to place or cancel an order; keyed by saga id. */
@KeyField("sagaId")
public sealed interface OrderCommand extends Message {

    UUID sagaId();

    @Override
    default String key() {
        return sagaId().toString();
    }

    /**
     * Place the order checkout allocated ({@code orderId}), idempotent by order id. The address is referenced by id
     * (personal data stays in mutable rows, never in messages). Invariants: one group per seller (at least one);
     * {@code total = Σ group totals}. {@code displayEstimate}: the total converted to the display currency the buyer
     * asked for, as the quote showed it — an estimate for display only (the charge is {@code total}); absent when the
     * buyer asked for none, and in commands sent before it existed (#24).
     */
    record PlaceOrder(
            UUID sagaId,
            UUID orderId,
            UUID checkoutId,
            String buyerSubject,
            UUID shippingAddressId,
            UUID paymentId,
            List<OrderGroup> groups,
            Money total,
            Money displayEstimate)
            implements OrderCommand {
        public PlaceOrder {
            Objects.requireNonNull(orderId, "orderId");
            groups = Lines.checkGroups(groups, total);
        }

        /** An order quoted in its charge's currency only (no display estimate). */
        public PlaceOrder(
                UUID sagaId,
                UUID orderId,
                UUID checkoutId,
                String buyerSubject,
                UUID shippingAddressId,
                UUID paymentId,
                List<OrderGroup> groups,
                Money total) {
            this(sagaId, orderId, checkoutId, buyerSubject, shippingAddressId, paymentId, groups, total, null);
        }
    }

    /** Saga compensation: accepted only before fulfilment starts (else OrderCancelRefused). */
    record CancelOrder(UUID sagaId, UUID orderId, String reason) implements OrderCommand {}
}
