package dev.bazaar.payment.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A payment as stored, with its per-seller splits. Amounts in USD minor units. */
public record Payment(UUID id, UUID sagaId, UUID orderId, String buyerSubject, long amount, String paymentMethod,
        Status status, String declineReason, String statusMessage, String providerReference, long captured,
        long refunded, long fee, Instant createdAt, List<Split> splits) {

    /**
     * CAPTURE_UNKNOWN: the capture was asked and no answer came (the money may have moved); VOIDING: the saga cancelled
     * the payment and the provider has not yet confirmed the hold released (or the capture refunded). Both are settled
     * by reading the charge back from the provider.
     */
    public enum Status {
        AUTHORIZED, DECLINED, CAPTURED, VOIDED, CAPTURE_FAILED, CAPTURE_UNKNOWN, VOIDING
    }

    public long refundable() {
        return captured - refunded;
    }

    public Split split(UUID shopId) {
        return splits.stream().filter(s -> s.shopId().equals(shopId)).findFirst().orElse(null);
    }
}
