package dev.bazaar.contracts.messaging;

import java.util.UUID;

/** {@code order.replies}: order's answers to checkout; keyed by saga id. */
public sealed interface OrderReply extends Message {

    UUID sagaId();

    @Override
    default String key() {
        return sagaId().toString();
    }

    record OrderPlaced(UUID sagaId, UUID orderId) implements OrderReply {
    }

    record OrderRejected(UUID sagaId, UUID orderId, String reason) implements OrderReply {
    }

    record OrderCancelled(UUID sagaId, UUID orderId) implements OrderReply {
    }
}
