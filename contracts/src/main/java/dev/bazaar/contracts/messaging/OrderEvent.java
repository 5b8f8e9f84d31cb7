package dev.bazaar.contracts.messaging;

import dev.bazaar.contracts.messaging.Lines.GroupRefund;
import dev.bazaar.contracts.messaging.Lines.OrderGroup;
import dev.bazaar.contracts.messaging.Lines.StockLine;
import dev.bazaar.contracts.money.Money;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code order.events}: an order's life, keyed by order id. Payment refunds from the refund amounts, the catalog
 * restocks from the restock lines, read models fold them.
 */
public sealed interface OrderEvent extends Message {

    UUID orderId();

    @Override
    default String key() {
        return orderId().toString();
    }

    record OrderPlaced(UUID orderId, UUID checkoutId, String buyerSubject, UUID paymentId, List<OrderGroup> groups,
            Money total, Instant placedAt) implements OrderEvent {
    }

    record OrderPaid(UUID orderId, UUID paymentId, Money amount) implements OrderEvent {
    }

    record ShipmentDispatched(UUID orderId, UUID shopId, String carrier, String trackingNumber, Instant dispatchedAt)
            implements OrderEvent {
    }

    record GroupDelivered(UUID orderId, UUID shopId, Instant deliveredAt) implements OrderEvent {
    }

    /** A seller cancelled their unshipped group: refund it, restock its lines. */
    record GroupCancelled(UUID orderId, UUID shopId, String reason, GroupRefund refund, List<StockLine> restock)
            implements OrderEvent {
    }

    /** The whole order was cancelled (by the buyer while PAID, or by the saga's compensation). */
    record OrderCancelled(UUID orderId, String reason, List<GroupRefund> refunds, List<StockLine> restock)
            implements OrderEvent {
    }

    record ReturnRequested(UUID orderId, UUID returnId, UUID shopId, List<StockLine> lines, String reason)
            implements OrderEvent {
    }

    record ReturnApproved(UUID orderId, UUID returnId, UUID shopId, List<GroupRefund> refunds,
            List<StockLine> restock) implements OrderEvent {
    }

    record ReturnRejected(UUID orderId, UUID returnId, UUID shopId, String reason) implements OrderEvent {
    }

    record RefundIssued(UUID orderId, UUID refundId, UUID shopId, Money amount) implements OrderEvent {
    }

    /** The return window closed: the order is final, sellers' funds may be released. */
    record OrderCompleted(UUID orderId, Instant completedAt) implements OrderEvent {
    }
}
