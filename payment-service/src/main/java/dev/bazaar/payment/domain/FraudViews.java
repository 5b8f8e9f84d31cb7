package dev.bazaar.payment.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What admins see of the fraud rules' work: decisions, the review queue, the blocklist, disputes. */
public final class FraudViews {

    private FraudViews() {}

    /** What a blocklist entry blocks. */
    public enum BlockKind {
        BUYER,
        PAYMENT_METHOD,
        COUNTRY
    }

    /** One admin-added blocklist entry: the value blocked, why, by whom and when. */
    public record BlocklistEntry(
            UUID id, BlockKind kind, String value, String reason, String createdBy, Instant createdAt) {}

    /**
     * One decision of the rules, with the payment's buyer and amount; for a REVIEW, how the review ended (ALLOW or
     * BLOCK), by whom ("system" when the window expired) and when — null while it waits.
     */
    public record Decision(
            UUID id,
            UUID paymentId,
            UUID sagaId,
            String buyer,
            long amountMinor,
            String outcome,
            List<String> reasons,
            String providerRisk,
            Instant createdAt,
            String reviewedOutcome,
            String reviewedBy,
            Instant reviewedAt,
            String reviewNote) {}

    /** A payment held for review: who pays how much, why it is held, and by when an admin must decide. */
    public record Review(
            UUID paymentId,
            UUID orderId,
            String buyer,
            long amountMinor,
            String paymentMethod,
            List<String> reasons,
            Instant heldAt,
            Instant decideBy) {}

    /** How a review ended: the payment, the outcome, who decided and the payment's status now. */
    public record Reviewed(UUID paymentId, String outcome, String decidedBy, Instant decidedAt, String status) {}

    /** A dispute as the processor reported it, with what the books have of it. */
    public record Dispute(
            String id,
            UUID paymentId,
            long amountMinor,
            String reason,
            String status,
            String outcome,
            long withdrawnMinor,
            long reinstatedMinor,
            long feeMinor,
            Instant createdAt,
            Instant closedAt) {}
}
