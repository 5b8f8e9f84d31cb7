package dev.bazaar.contracts.messaging;

import dev.bazaar.contracts.messaging.Lines.GroupRefund;
import dev.bazaar.contracts.messaging.Lines.OrderGroup;
import dev.bazaar.contracts.messaging.Lines.StockLine;
import dev.bazaar.contracts.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code order.events}: an order's life, keyed by order id. Payment refunds from the refund amounts, the catalog
 * restocks from the restock lines, read models fold them.
 */
@KeyField("orderId")
public sealed interface OrderEvent extends Message {

    UUID orderId();

    @Override
    default String key() {
        return orderId().toString();
    }

    /**
     * The order exists (status PLACED). Same invariants as PlaceOrder: {@code total = Σ group totals}.
     * {@code returnWindowDays}: each group's return window in days by shop id, as the shop's policy stood when the
     * order was placed (the buyer bought under it; 0 = no returns); absent in orders placed before shops had their own
     * policy (#23) and for a shop it does not name — order-service's configured window applies to those.
     * {@code displayEstimate}: PlaceOrder's, the total in the buyer's display currency as the quote showed it (an
     * estimate; the charge is {@code total}); absent when the buyer asked for none and in orders placed before #24.
     */
    record OrderPlaced(
            UUID orderId,
            UUID checkoutId,
            String buyerSubject,
            UUID shippingAddressId,
            UUID paymentId,
            List<OrderGroup> groups,
            Money total,
            Instant placedAt,
            Map<UUID, Integer> returnWindowDays,
            Money displayEstimate)
            implements OrderEvent {
        public OrderPlaced {
            groups = Lines.checkGroups(groups, total);
            if (returnWindowDays != null) {
                returnWindowDays = Map.copyOf(returnWindowDays);
                if (returnWindowDays.values().stream().anyMatch(d -> d < 0)) {
                    throw new IllegalArgumentException("a return window is not negative: " + returnWindowDays);
                }
            }
        }

        /** An order without a display estimate (quoted in its charge's currency only). */
        public OrderPlaced(
                UUID orderId,
                UUID checkoutId,
                String buyerSubject,
                UUID shippingAddressId,
                UUID paymentId,
                List<OrderGroup> groups,
                Money total,
                Instant placedAt,
                Map<UUID, Integer> returnWindowDays) {
            this(
                    orderId,
                    checkoutId,
                    buyerSubject,
                    shippingAddressId,
                    paymentId,
                    groups,
                    total,
                    placedAt,
                    returnWindowDays,
                    null);
        }

        /** An order whose groups have the configured return window (as before shops had their own, #23). */
        public OrderPlaced(
                UUID orderId,
                UUID checkoutId,
                String buyerSubject,
                UUID shippingAddressId,
                UUID paymentId,
                List<OrderGroup> groups,
                Money total,
                Instant placedAt) {
            this(orderId, checkoutId, buyerSubject, shippingAddressId, paymentId, groups, total, placedAt, null, null);
        }
    }

    /** payment.events' PaymentCaptured, recorded in the order (status PAID). */
    record OrderPaid(UUID orderId, UUID paymentId, Money amount) implements OrderEvent {}

    /**
     * A parcel of one seller's group left the warehouse: {@code lines} are the variants and quantities in it (a group
     * may ship in several parcels). Events recorded before partial shipping (#23) have no {@code shipmentId} and no
     * {@code lines}: that parcel was the whole group.
     */
    record ShipmentDispatched(
            UUID orderId,
            UUID shopId,
            String carrier,
            String trackingNumber,
            Instant dispatchedAt,
            UUID shipmentId,
            List<StockLine> lines)
            implements OrderEvent {
        public ShipmentDispatched {
            lines = lines == null ? null : List.copyOf(lines);
        }
    }

    /**
     * A carrier reported one parcel of a group delivered, in its signed tracking event {@code carrierEventId}
     * ({@code carrier} as the seller named it when shipping). When every parcel of a group shipped in full has arrived,
     * {@link GroupDelivered} follows in the same append; consumers that care when the goods arrived wait for that.
     */
    record ShipmentDelivered(
            UUID orderId, UUID shopId, UUID shipmentId, String carrier, String carrierEventId, Instant deliveredAt)
            implements OrderEvent {}

    /**
     * One seller's group arrived (the seller, the buyer, the carriers of all its parcels or the platform's clock said
     * so): its holding period and the return window start.
     */
    record GroupDelivered(UUID orderId, UUID shopId, Instant deliveredAt) implements OrderEvent {}

    /** A seller cancelled their unshipped group: payment refunds {@code refund}, the catalog restocks. */
    record GroupCancelled(UUID orderId, UUID shopId, String reason, GroupRefund refund, List<StockLine> restock)
            implements OrderEvent {}

    /**
     * The whole order was cancelled (by the buyer while PAID, or by the saga's compensation). {@code refunds} has one
     * entry per group that was charged (none when the payment was only authorized: the saga voids it);
     * {@code restock} is what the catalog puts back (none for the saga's cancellation: the saga's ReleaseReservation
     * gives the stock back, committed or not).
     */
    record OrderCancelled(UUID orderId, String reason, List<GroupRefund> refunds, List<StockLine> restock)
            implements OrderEvent {}

    /**
     * The buyer asked to return {@code lines} of one seller's delivered group, within the return window, saying why:
     * {@code reasonCode} (DAMAGED, NOT_AS_DESCRIBED, WRONG_ITEM, NO_LONGER_NEEDED, OTHER) and their own words in
     * {@code comment}; {@code reason} is the code, or the free text of a request recorded before codes (#23: those have
     * no code and no comment).
     */
    record ReturnRequested(
            UUID orderId,
            UUID returnId,
            UUID shopId,
            List<StockLine> lines,
            String reason,
            String reasonCode,
            String comment)
            implements OrderEvent {}

    /** Nobody decided a return within the seller's time: it waits in the admins' queue (either may still decide). */
    record ReturnEscalated(UUID orderId, UUID returnId, UUID shopId, Instant escalatedAt) implements OrderEvent {}

    /**
     * The seller wants the items back before refunding: the buyer sends them ({@code instructions}: where and how, in
     * the seller's words); the refund follows when the seller marks them received (ReturnApproved), and a return that
     * never arrives can still be rejected. An open return, no longer waiting for a decision (#23).
     */
    record ReturnAuthorized(UUID orderId, UUID returnId, UUID shopId, String instructions) implements OrderEvent {}

    /**
     * The seller approved a return: payment refunds each of {@code refunds} (items plus their allocated share of
     * shipping and tax, per group), the catalog restocks {@code restock}.
     */
    record ReturnApproved(UUID orderId, UUID returnId, UUID shopId, List<GroupRefund> refunds, List<StockLine> restock)
            implements OrderEvent {}

    record ReturnRejected(UUID orderId, UUID returnId, UUID shopId, String reason) implements OrderEvent {}

    /** payment.events confirmed a refund (RefundSucceeded) for this order. */
    record RefundIssued(UUID orderId, UUID refundId, UUID shopId, Money amount) implements OrderEvent {}

    /** The return window closed: the order is final, sellers' funds may be released. */
    record OrderCompleted(UUID orderId, Instant completedAt) implements OrderEvent {}
}
