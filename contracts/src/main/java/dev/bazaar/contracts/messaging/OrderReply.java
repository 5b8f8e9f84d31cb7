package dev.bazaar.contracts.messaging;

import java.util.UUID;

/** {@code order.replies}: order's answers to checkout; keyed by saga id. */
@KeyField("sagaId")
public sealed interface OrderReply extends Message {

    UUID sagaId();

    @Override
    default String key() {
        return sagaId().toString();
    }

    record OrderPlaced(UUID sagaId, UUID orderId) implements OrderReply {}

    /** The order could not be placed (e.g. invalid groups); the saga voids and releases. */
    record OrderRejected(UUID sagaId, UUID orderId, String reason) implements OrderReply {}

    record OrderCancelled(UUID sagaId, UUID orderId) implements OrderReply {}

    /** CancelOrder came after fulfilment started (a group shipped): the order stands; checkout refunds instead. */
    record OrderCancelRefused(UUID sagaId, UUID orderId, String reason) implements OrderReply {}
}
