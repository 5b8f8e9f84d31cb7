package dev.bazaar.payment.rest;

import dev.bazaar.contracts.money.Money;
import dev.bazaar.payment.domain.Payment;
import dev.bazaar.payment.domain.RefundView;
import dev.bazaar.payment.domain.Split;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the payment API shows. Money as {amount (minor units), currency}. */
public final class PaymentViews {

    private PaymentViews() {}

    public record SplitView(
            UUID shopId, Money goods, Money shipping, Money tax, Money commission, Money refunded, Money refundable) {
        static SplitView of(Split s) {
            return new SplitView(
                    s.shopId(),
                    Money.usd(s.goods()),
                    Money.usd(s.shipping()),
                    Money.usd(s.tax()),
                    Money.usd(s.commission()),
                    Money.usd(s.refunded()),
                    Money.usd(s.refundable()));
        }
    }

    public record PaymentView(
            UUID id,
            UUID orderId,
            String status,
            String declineReason,
            Money amount,
            Money captured,
            Money refunded,
            Money refundable,
            String paymentMethod,
            Instant createdAt,
            List<SplitView> splits,
            List<RefundView> refunds) {
        static PaymentView of(Payment p, List<RefundView> refunds) {
            return new PaymentView(
                    p.id(),
                    p.orderId(),
                    p.status().name(),
                    p.declineReason(),
                    Money.usd(p.amount()),
                    Money.usd(p.captured()),
                    Money.usd(p.refunded()),
                    Money.usd(p.refundable()),
                    p.paymentMethod(),
                    p.createdAt(),
                    p.splits().stream().map(SplitView::of).toList(),
                    refunds);
        }
    }
}
