package dev.bazaar.payment.domain;

import java.util.List;
import java.util.UUID;

/**
 * The ledger transactions of each money movement — pure, so their balance is a unit and property test away.
 * <ul>
 * <li><b>capture</b>: the buyer's charge is owed by the processor (buyer clearing) and, at the same moment, owed on to
 * each seller (their share), to the platform (commission) and to the tax authority (tax).
 * <li><b>settlement</b>: the processor pays the charge less its fee into platform cash; the fee is the platform's.
 * <li><b>refund</b>: the money leaves platform cash; it is taken back from the seller's payable (or, beyond what is
 * still payable, recorded as the seller's debt), from commission revenue and from tax payable.
 * </ul>
 */
public final class Postings {

    public static final String USD = "USD";

    private Postings() {}

    public static LedgerTransaction capture(UUID id, UUID paymentId, List<Split> splits) {
        LedgerTransaction.Builder t =
                new LedgerTransaction.Builder("CAPTURE", "charge captured for payment " + paymentId, USD);
        long total = 0;
        for (Split s : splits) {
            total = Math.addExact(total, s.total());
            t.credit(Accounts.sellerPayable(s.shopId()), s.share(), s.shopId());
            t.credit(Accounts.COMMISSION_REVENUE, s.commission(), s.shopId());
            t.credit(Accounts.TAX_PAYABLE, s.tax(), s.shopId());
        }
        t.debit(Accounts.BUYER_CLEARING, total);
        return t.build(id);
    }

    public static LedgerTransaction settlement(UUID id, UUID paymentId, long captured, long fee) {
        if (fee < 0 || fee > captured) {
            throw new IllegalArgumentException("a fee of " + fee + " on " + captured);
        }
        return new LedgerTransaction.Builder(
                        "SETTLEMENT", "processor settled payment " + paymentId + " less its fee", USD)
                .debit(Accounts.PLATFORM_CASH, captured - fee)
                .debit(Accounts.PROCESSOR_FEES, fee)
                .credit(Accounts.BUYER_CLEARING, captured)
                .build(id);
    }

    /**
     * @param stillPayable what the platform still owes this seller (their payable balance, as a positive amount): the
     *        part of the reversal beyond it becomes seller debt
     */
    public static LedgerTransaction refund(UUID id, UUID refundId, UUID shopId, RefundParts r, long stillPayable) {
        return reversal(id, "REFUND", "refund " + refundId, shopId, r, stillPayable, Accounts.PLATFORM_CASH);
    }

    /**
     * A lost dispute, for one seller's part of it: taken back like a refund (seller payable or debt, commission, tax),
     * but the money already left with the processor's withdrawal, so it clears the disputed funds instead of cash.
     */
    public static LedgerTransaction disputeLost(
            UUID id, String disputeId, UUID shopId, RefundParts r, long stillPayable) {
        return reversal(
                id,
                "DISPUTE_LOST",
                "dispute " + disputeId + " lost",
                shopId,
                r,
                stillPayable,
                Accounts.DISPUTES_IN_PROGRESS);
    }

    private static LedgerTransaction reversal(
            UUID id,
            String kind,
            String description,
            UUID shopId,
            RefundParts r,
            long stillPayable,
            String fundedFrom) {
        long reversal = r.shareReversed();
        long fromPayable = Math.max(0, Math.min(reversal, stillPayable));
        return new LedgerTransaction.Builder(kind, description, USD)
                .debit(Accounts.sellerPayable(shopId), fromPayable, shopId)
                .debit(Accounts.sellerDebt(shopId), reversal - fromPayable, shopId)
                .debit(Accounts.COMMISSION_REVENUE, r.commission(), shopId)
                .debit(Accounts.TAX_PAYABLE, r.tax(), shopId)
                .credit(fundedFrom, r.amount())
                .build(id);
    }

    /** The processor withdrew a disputed amount and its fee from the platform's balance. */
    public static LedgerTransaction disputeWithdrawn(UUID id, String disputeId, long amount, long fee) {
        return new LedgerTransaction.Builder("DISPUTE_WITHDRAWN", "funds withdrawn for dispute " + disputeId, USD)
                .debit(Accounts.DISPUTES_IN_PROGRESS, amount)
                .debit(Accounts.DISPUTE_FEES, fee)
                .credit(Accounts.PLATFORM_CASH, amount + fee)
                .build(id);
    }

    /** The processor gave disputed money (and possibly the fee) back: the dispute was won. */
    public static LedgerTransaction disputeReinstated(UUID id, String disputeId, long amount, long feeBack) {
        return new LedgerTransaction.Builder("DISPUTE_REINSTATED", "funds reinstated for dispute " + disputeId, USD)
                .debit(Accounts.PLATFORM_CASH, amount + feeBack)
                .credit(Accounts.DISPUTES_IN_PROGRESS, amount)
                .credit(Accounts.DISPUTE_FEES, feeBack)
                .build(id);
    }

    /** What a lost dispute took beyond the sellers' remaining shares: the platform's loss. */
    public static LedgerTransaction disputeLoss(UUID id, String disputeId, long amount) {
        return new LedgerTransaction.Builder(
                        "DISPUTE_LOSS", "dispute " + disputeId + " beyond the sellers' shares", USD)
                .debit(Accounts.DISPUTE_LOSSES, amount)
                .credit(Accounts.DISPUTES_IN_PROGRESS, amount)
                .build(id);
    }

    /**
     * A payout run for one seller: {@code paid} leaves platform cash for their connected account, and {@code debtSettled}
     * of their debt is netted against what was owed (a payout never pays out what refunds already took back). Their
     * payable goes down by both.
     */
    public static LedgerTransaction payout(UUID id, UUID shopId, long paid, long debtSettled) {
        if (paid < 0 || debtSettled < 0) {
            throw new IllegalArgumentException("a payout of " + paid + " settling " + debtSettled);
        }
        return new LedgerTransaction.Builder("PAYOUT", "payout to shop " + shopId, USD)
                .debit(Accounts.sellerPayable(shopId), paid + debtSettled, shopId)
                .credit(Accounts.sellerDebt(shopId), debtSettled, shopId)
                .credit(Accounts.PLATFORM_CASH, paid)
                .build(id);
    }

    /** What a payout run may pay and net: pay = payable − pending − debt (if positive); debt is netted first. */
    public record PayoutAmounts(long paid, long debtSettled) {
        public static PayoutAmounts of(long payable, long pending, long debt) {
            long releasable = Math.max(0, payable - pending);
            long settled = Math.min(debt, releasable);
            return new PayoutAmounts(releasable - settled, settled);
        }
    }

    /** Money taken back from a seller's connected account by a transfer reversal settles that much of their debt. */
    public static LedgerTransaction transferReversal(UUID id, UUID shopId, long amount) {
        return new LedgerTransaction.Builder("TRANSFER_REVERSAL", "transfer reversal from shop " + shopId, USD)
                .debit(Accounts.PLATFORM_CASH, amount)
                .credit(Accounts.sellerDebt(shopId), amount, shopId)
                .build(id);
    }
}
