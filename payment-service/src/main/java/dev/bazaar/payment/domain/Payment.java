package dev.bazaar.payment.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A payment as stored, with its per-seller splits. Amounts in USD minor units: {@code amount} was authorized;
 * {@code captured} of it taken (the splits then describe what was captured, see {@link CapturedSplits}) and
 * {@code released} of it let go uncaptured (the rest of a partial capture, or the whole hold of a void);
 * {@code captureRequested} is what the saga's CapturePayment asked while its answer is not known (0: none), so the
 * capture is tried again for that amount and no more.
 */
public record Payment(
        UUID id,
        UUID sagaId,
        UUID orderId,
        String buyerSubject,
        long amount,
        String paymentMethod,
        Status status,
        String declineReason,
        String statusMessage,
        String providerReference,
        long captured,
        long refunded,
        long fee,
        Instant createdAt,
        List<Split> splits,
        long released,
        long captureRequested) {

    /**
     * CAPTURE_UNKNOWN: the capture was asked and no answer came (the money may have moved); VOIDING: the saga cancelled
     * the payment and the provider has not yet confirmed the hold released (or the capture refunded). Both are settled
     * by reading the charge back from the provider. AWAITING_ACTION: the card asked the buyer to authenticate (3-D
     * Secure) and nothing is held yet; the provider's webhook or a read of the charge resumes it, to AUTHORIZED once
     * the challenge is completed or DECLINED once it failed. IN_REVIEW: authorized at the provider but held by the
     * fraud rules for an admin (ADR 0026): AUTHORIZED once allowed, VOIDING (then VOIDED) once blocked.
     */
    public enum Status {
        AUTHORIZED,
        DECLINED,
        CAPTURED,
        VOIDED,
        CAPTURE_FAILED,
        CAPTURE_UNKNOWN,
        VOIDING,
        AWAITING_ACTION,
        IN_REVIEW
    }

    public long refundable() {
        return captured - refunded;
    }

    /** What a capture is (or was) asked for: the saga's amount when one is recorded, else the whole authorization. */
    public long captureAmount() {
        return captureRequested > 0 ? captureRequested : amount;
    }

    public Split split(UUID shopId) {
        return splits.stream()
                .filter(s -> s.shopId().equals(shopId))
                .findFirst()
                .orElse(null);
    }
}
