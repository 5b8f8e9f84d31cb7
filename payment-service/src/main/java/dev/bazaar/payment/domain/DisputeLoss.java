package dev.bazaar.payment.domain;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How a lost dispute is shared out (ADR 0010): the amount the processor kept is taken back from the payment's sellers
 * in proportion to what each still had refundable (largest remainder, so the parts sum to it exactly), each part split
 * over goods, shipping and tax like a refund of that amount; whatever exceeds what was left (the buyer was refunded
 * part already, and disputed the whole) is {@code unallocated}: the platform's loss.
 */
public record DisputeLoss(Map<UUID, RefundParts> parts, long unallocated) {

    public static DisputeLoss allocate(List<Split> splits, long amount) {
        if (amount < 0) {
            throw new IllegalArgumentException("a dispute of " + amount);
        }
        long remaining = splits.stream().mapToLong(Split::refundable).sum();
        long take = Math.min(amount, remaining);
        long[] shares = new long[splits.size()];
        long[] rems = new long[splits.size()];
        long assigned = 0;
        for (int i = 0; i < splits.size() && remaining > 0; i++) {
            BigInteger[] qr = BigInteger.valueOf(take)
                    .multiply(BigInteger.valueOf(splits.get(i).refundable()))
                    .divideAndRemainder(BigInteger.valueOf(remaining));
            shares[i] = qr[0].longValueExact();
            rems[i] = qr[1].longValueExact();
            assigned += shares[i];
        }
        while (assigned < take) {
            int best = -1;
            for (int i = 0; i < splits.size(); i++) {
                if (shares[i] < splits.get(i).refundable() && (best < 0 || rems[i] > rems[best])) {
                    best = i;
                }
            }
            shares[best]++;
            rems[best] = -1;
            assigned++;
        }
        Map<UUID, RefundParts> parts = new LinkedHashMap<>();
        for (int i = 0; i < splits.size(); i++) {
            if (shares[i] > 0) {
                parts.put(splits.get(i).shopId(), RefundParts.allocate(splits.get(i), shares[i]));
            }
        }
        return new DisputeLoss(Map.copyOf(parts), amount - take);
    }
}
