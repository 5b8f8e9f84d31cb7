package dev.bazaar.payment.domain;

/**
 * The raw numbers of a seller's money a payout needs (minor units). {@code openPaid} and {@code openDebtSettled}: what
 * open payouts (PENDING or UNKNOWN: the transfer may be on its way) will take from the payable and the debt once
 * settled — no longer available to anything else.
 */
public record SellerPosition(long payable, long pending, long debt, long paidOut, long openPaid, long openDebtSettled) {
    public Postings.PayoutAmounts payout() {
        return Postings.PayoutAmounts.of(payable - openPaid - openDebtSettled, pending, debt - openDebtSettled);
    }
}
