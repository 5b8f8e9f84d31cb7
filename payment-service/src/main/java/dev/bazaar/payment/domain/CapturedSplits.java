package dev.bazaar.payment.domain;

import dev.bazaar.contracts.money.Money;
import java.util.ArrayList;
import java.util.List;

/**
 * A payment's splits scaled to what was actually captured (#29): a capture of less than the authorization (a seller
 * cancelled before capture, say) keeps and posts only that much. By {@link Money#allocate largest remainder}, as
 * refunds and lost disputes are shared out: first over the sellers in proportion to their totals (goods + shipping +
 * tax), then each seller's part over their goods, shipping and tax in proportion, and finally each seller's captured
 * goods over commission and the seller's goods share in proportion (commission : goods − commission). So the parts sum
 * exactly to the captured amount, each seller's part is within one minor unit of its exact share, no part grows,
 * commission stays ≤ goods, and a capture of the whole leaves every split as it was.
 */
public final class CapturedSplits {

    private CapturedSplits() {}

    /**
     * @param splits the splits as authorized, nothing refunded yet
     * @param captured what the processor captured, {@code 0 ≤ captured ≤ Σ total}
     */
    public static List<Split> scale(List<Split> splits, long captured) {
        long authorized = 0;
        for (Split s : splits) {
            if (s.refunded() != 0 || s.refundedCommission() != 0) {
                throw new IllegalArgumentException("split of shop " + s.shopId() + " has refunds: a capture is "
                        + "scaled before anything is refunded");
            }
            authorized = Math.addExact(authorized, s.total());
        }
        if (captured < 0 || captured > authorized) {
            throw new IllegalArgumentException("captured " + captured + " is not within the authorized " + authorized);
        }
        if (captured == authorized) {
            return List.copyOf(splits);
        }
        long[] shares =
                allocate(captured, splits.stream().mapToLong(Split::total).toArray());
        List<Split> out = new ArrayList<>(splits.size());
        for (int i = 0; i < splits.size(); i++) {
            Split s = splits.get(i);
            long[] parts = allocate(shares[i], s.goods(), s.shipping(), s.tax());
            long commission = allocate(parts[0], s.commission(), s.goods() - s.commission())[0];
            out.add(Split.charged(s.shopId(), parts[0], parts[1], parts[2], commission));
        }
        return List.copyOf(out);
    }

    /** {@code amount} over {@code weights} by largest remainder; all zeros when the weights are (then amount is 0). */
    private static long[] allocate(long amount, long... weights) {
        long total = 0;
        for (long w : weights) {
            total = Math.addExact(total, w);
        }
        if (total == 0) {
            if (amount != 0) {
                throw new IllegalArgumentException("nothing to allocate " + amount + " to");
            }
            return new long[weights.length];
        }
        return Money.usd(amount).allocate(weights).stream()
                .mapToLong(Money::amount)
                .toArray();
    }
}
