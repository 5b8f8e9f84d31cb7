package dev.bazaar.contracts.messaging;

import dev.bazaar.contracts.money.Money;

import java.util.UUID;

/**
 * {@code payment.events}: money that moved. Events about an order's payment are keyed by order id (so they stay in
 * order with each other); payout events by the shop id (one seller's payouts in order).
 */
public sealed interface PaymentEvent extends Message {

    record PaymentCaptured(UUID orderId, UUID paymentId, Money amount) implements PaymentEvent {
        @Override
        public String key() {
            return orderId.toString();
        }
    }

    record RefundSucceeded(UUID orderId, UUID paymentId, UUID refundId, UUID shopId, Money amount)
            implements PaymentEvent {
        @Override
        public String key() {
            return orderId.toString();
        }
    }

    record RefundFailed(UUID orderId, UUID paymentId, UUID refundId, UUID shopId, Money amount, String reason)
            implements PaymentEvent {
        @Override
        public String key() {
            return orderId.toString();
        }
    }

    record TransferCreated(UUID orderId, UUID transferId, UUID shopId, Money amount) implements PaymentEvent {
        @Override
        public String key() {
            return orderId.toString();
        }
    }

    record PayoutPaid(UUID shopId, UUID payoutId, Money amount) implements PaymentEvent {
        @Override
        public String key() {
            return shopId.toString();
        }
    }

    record PayoutFailed(UUID shopId, UUID payoutId, Money amount, String reason) implements PaymentEvent {
        @Override
        public String key() {
            return shopId.toString();
        }
    }
}
