package dev.bazaar.contracts.messaging;

import dev.bazaar.contracts.messaging.Lines.SellerSplit;
import dev.bazaar.contracts.money.Money;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** {@code payment.commands}: checkout asks payment to authorize, capture or void; keyed by saga id. */
@KeyField("sagaId")
public sealed interface PaymentCommand extends Message {

    UUID sagaId();

    @Override
    default String key() {
        return sagaId().toString();
    }

    /**
     * Authorize {@code amount} (USD, the charge) for the order; {@code orderId} is the provider's transfer group.
     * Invariants: one split per seller (at least one), and the splits' totals (goods + shipping + tax) sum to the
     * amount. {@code paymentMethod} is a provider token ({@code pm_card_visa}), never card data;
     * {@code shippingCountry} (ISO 3166-1 alpha-2) feeds the fraud rules' country check — the address itself stays
     * in checkout, by id.
     */
    record AuthorizePayment(
            UUID sagaId,
            UUID paymentId,
            UUID orderId,
            String buyerSubject,
            Money amount,
            String paymentMethod,
            String shippingCountry,
            List<SellerSplit> splits)
            implements PaymentCommand {
        public AuthorizePayment {
            Objects.requireNonNull(paymentId, "paymentId");
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(amount, "amount");
            if (splits == null || splits.isEmpty()) {
                throw new IllegalArgumentException("a payment has at least one seller split");
            }
            splits = List.copyOf(splits);
            if (splits.stream().map(SellerSplit::shopId).distinct().count() != splits.size()) {
                throw new IllegalArgumentException("one split per seller");
            }
            Money sum = Money.sum(splits.stream().map(SellerSplit::total).toList(), amount.currency());
            if (!sum.equals(amount)) {
                throw new IllegalArgumentException("splits sum to " + sum + ", not the amount " + amount);
            }
        }
    }

    /** Captures the authorized amount (or less); answered by PaymentCaptured or PaymentCaptureFailed. */
    record CapturePayment(UUID sagaId, UUID paymentId, UUID orderId, Money amount) implements PaymentCommand {}

    /**
     * Cancels an authorization (or, sent before it arrived, pre-empts it): payment leaves a tombstone so a late
     * AuthorizePayment for this saga is refused with {@code PaymentDeclined(VOIDED)}. Answered by PaymentVoided.
     */
    record VoidPayment(UUID sagaId, UUID paymentId, UUID orderId, String reason) implements PaymentCommand {}
}
