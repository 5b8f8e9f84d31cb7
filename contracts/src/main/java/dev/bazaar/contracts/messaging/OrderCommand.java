package dev.bazaar.contracts.messaging;

import dev.bazaar.contracts.messaging.Lines.OrderGroup;
import dev.bazaar.contracts.money.Money;

import java.util.List;
import java.util.UUID;

/** {@code order.commands}: checkout asks order to place or cancel an order; keyed by saga id. */
public sealed interface OrderCommand extends Message {

    UUID sagaId();

    @Override
    default String key() {
        return sagaId().toString();
    }

    /** The addresses are referenced by id (personal data stays in mutable rows, never in messages). */
    record PlaceOrder(UUID sagaId, UUID orderId, UUID checkoutId, String buyerSubject, UUID shippingAddressId,
            UUID paymentId, List<OrderGroup> groups, Money total) implements OrderCommand {
    }

    record CancelOrder(UUID sagaId, UUID orderId, String reason) implements OrderCommand {
    }
}
