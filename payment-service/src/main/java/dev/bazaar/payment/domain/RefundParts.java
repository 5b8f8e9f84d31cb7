package dev.bazaar.payment.domain;

import java.math.BigInteger;

/**
 * What one refund gives back to the buyer (goods + shipping + tax) and how much commission it reverses. The seller's
 * share taken back is goods + shipping − commission.
 */
public record RefundParts(long goods, long shipping, long tax, long commission) {

    public RefundParts {
        if (goods < 0 || shipping < 0 || tax < 0 || commission < 0 || commission > goods) {
            throw new IllegalArgumentException("refund parts must be ≥ 0 with commission ≤ goods");
        }
    }

    public long amount() {
        return goods + shipping + tax;
    }

    public long shareReversed() {
        return goods + shipping - commission;
    }

    /**
     * Whether these parts fit in what is left of the split (each part ≤ its unrefunded remainder), so that no part and
     * no total can ever be refunded twice.
     */
    public boolean fitsIn(Split s) {
        return goods <= s.goods() - s.refundedGoods()
                && shipping <= s.shipping() - s.refundedShipping()
                && tax <= s.tax() - s.refundedTax()
                && commission <= s.commission() - s.refundedCommission();
    }

    /**
     * An amount refunded without a breakdown (an admin refund): split over what remains of goods, shipping and tax in
     * proportion (largest remainder, so the parts sum to the amount exactly), and commission reversed in proportion
     * to the goods refunded (rounded down; the last refund of a split reverses whatever commission is left).
     */
    public static RefundParts allocate(Split s, long amount) {
        long remGoods = s.goods() - s.refundedGoods();
        long remShipping = s.shipping() - s.refundedShipping();
        long remTax = s.tax() - s.refundedTax();
        long remaining = remGoods + remShipping + remTax;
        if (amount <= 0 || amount > remaining) {
            throw new IllegalArgumentException("amount " + amount + " is not within the refundable " + remaining);
        }
        long[] weights = {remGoods, remShipping, remTax};
        long[] parts = new long[3];
        long[] rems = new long[3];
        long assigned = 0;
        for (int i = 0; i < 3; i++) {
            BigInteger[] qr = BigInteger.valueOf(amount)
                    .multiply(BigInteger.valueOf(weights[i]))
                    .divideAndRemainder(BigInteger.valueOf(remaining));
            parts[i] = qr[0].longValueExact();
            rems[i] = qr[1].longValueExact();
            assigned += parts[i];
        }
        while (assigned < amount) { // hand out the leftover units by largest remainder, earlier part first on ties
            int best = -1;
            for (int i = 0; i < 3; i++) {
                if (parts[i] < weights[i] && (best < 0 || rems[i] > rems[best])) {
                    best = i;
                }
            }
            parts[best]++;
            rems[best] = -1;
            assigned++;
        }
        long remCommission = s.commission() - s.refundedCommission();
        long commission = parts[0] == remGoods
                ? remCommission
                : BigInteger.valueOf(remCommission)
                        .multiply(BigInteger.valueOf(parts[0]))
                        .divide(BigInteger.valueOf(Math.max(1, remGoods)))
                        .longValueExact();
        return new RefundParts(parts[0], parts[1], parts[2], Math.min(commission, parts[0]));
    }
}
