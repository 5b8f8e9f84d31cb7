package dev.bazaar.payment.domain;

import java.util.UUID;

/**
 * One seller's part of a payment in minor units: what was charged (goods, shipping, tax, commission on the goods) and
 * what has been refunded of each so far. The seller's share is goods + shipping − commission.
 */
public record Split(
        UUID shopId,
        long goods,
        long shipping,
        long tax,
        long commission,
        long refundedGoods,
        long refundedShipping,
        long refundedTax,
        long refundedCommission) {

    public static Split charged(UUID shopId, long goods, long shipping, long tax, long commission) {
        return new Split(shopId, goods, shipping, tax, commission, 0, 0, 0, 0);
    }

    public long total() {
        return goods + shipping + tax;
    }

    public long refunded() {
        return refundedGoods + refundedShipping + refundedTax;
    }

    /** refundable = charged − refunded so far: rounding can never refund more than was taken. */
    public long refundable() {
        return total() - refunded();
    }

    public long share() {
        return goods + shipping - commission;
    }

    public long shareReversed() {
        return refundedGoods + refundedShipping - refundedCommission;
    }

    public Split after(RefundParts r) {
        return new Split(
                shopId,
                goods,
                shipping,
                tax,
                commission,
                refundedGoods + r.goods(),
                refundedShipping + r.shipping(),
                refundedTax + r.tax(),
                refundedCommission + r.commission());
    }
}
