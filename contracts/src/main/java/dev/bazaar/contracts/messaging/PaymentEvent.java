package dev.bazaar.contracts.messaging;

import dev.bazaar.contracts.money.Money;
import java.util.UUID;

/**
 * {@code payment.events}: money that moved. Events about an order's payment are keyed by order id (so they stay in
 * order with each other); payout events by the shop id (one seller's payouts in order).
 */
public sealed interface PaymentEvent extends Message {

    /** The charge was captured: the order is PAID. */
    @KeyField("orderId")
    record PaymentCaptured(UUID orderId, UUID paymentId, Money amount) implements PaymentEvent {
        @Override
        public String key() {
            return orderId.toString();
        }
    }

    /**
     * A refund reached the buyer. {@code refundId} is the one order-service allocated in its GroupRefund (or
     * payment's own for an admin refund).
     */
    @KeyField("orderId")
    record RefundSucceeded(UUID orderId, UUID paymentId, UUID refundId, UUID shopId, Money amount)
            implements PaymentEvent {
        @Override
        public String key() {
            return orderId.toString();
        }
    }

    @KeyField("orderId")
    record RefundFailed(UUID orderId, UUID paymentId, UUID refundId, UUID shopId, Money amount, String reason)
            implements PaymentEvent {
        @Override
        public String key() {
            return orderId.toString();
        }
    }

    /** A seller's share of an order was transferred to their connected account (after the holding period). */
    @KeyField("orderId")
    record TransferCreated(UUID orderId, UUID transferId, UUID shopId, Money amount) implements PaymentEvent {
        @Override
        public String key() {
            return orderId.toString();
        }
    }

    /**
     * A refund took back part of a share already transferred: {@code amount} reversed from the seller's connected
     * account, and {@code debt} recorded when their balance could not cover it (zero otherwise).
     */
    @KeyField("orderId")
    record TransferReversed(
            UUID orderId, UUID transferId, UUID reversalId, UUID refundId, UUID shopId, Money amount, Money debt)
            implements PaymentEvent {
        @Override
        public String key() {
            return orderId.toString();
        }
    }

    /** The buyer disputed the charge: the seller's share is held until it is resolved. */
    @KeyField("orderId")
    record DisputeOpened(UUID orderId, UUID paymentId, UUID disputeId, Money amount, String reason)
            implements PaymentEvent {
        @Override
        public String key() {
            return orderId.toString();
        }
    }

    /**
     * The dispute is over: {@code won} (the money came back), {@code lost} ({@code lost} is what the processor kept;
     * the sellers' parts of it went back like refunds, each with its RefundSucceeded) or {@code warning_closed}. The
     * held shares are released.
     */
    @KeyField("orderId")
    record DisputeClosed(UUID orderId, UUID paymentId, UUID disputeId, String outcome, Money lost)
            implements PaymentEvent {
        @Override
        public String key() {
            return orderId.toString();
        }
    }

    /** A payout run paid a seller (one transfer for their available balance net of debt). */
    @KeyField("shopId")
    record PayoutPaid(UUID shopId, UUID payoutId, Money amount) implements PaymentEvent {
        @Override
        public String key() {
            return shopId.toString();
        }
    }

    @KeyField("shopId")
    record PayoutFailed(UUID shopId, UUID payoutId, Money amount, String reason) implements PaymentEvent {
        @Override
        public String key() {
            return shopId.toString();
        }
    }
}
