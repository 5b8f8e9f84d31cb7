package dev.bazaar.order.domain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The counters the analytics read model keeps per scope and period, and the ratios derived from them on read. Money in
 * minor units (USD). The ratios are integers: {@code averageOrderValue = gmv / orders} and the two basis-point rates,
 * all rounded half-even, 0 when their divisor is 0 (no orders, no GMV, no items: nothing to compare with).
 */
public record AnalyticsFigures(
        long gmv,
        long orders,
        long items,
        long commission,
        long refunds,
        long refundCount,
        long returnedItems,
        long payouts) {

    /** The counters' names, as stored in the aggregate documents. */
    public static final List<String> COUNTERS =
            List.of("gmv", "orders", "items", "commission", "refunds", "refundCount", "returnedItems", "payouts");

    public static final AnalyticsFigures ZERO = new AnalyticsFigures(0, 0, 0, 0, 0, 0, 0, 0);

    /** Figures read from stored counters (a counter not present is 0). */
    public static AnalyticsFigures of(Map<String, ? extends Number> counters) {
        long[] v = new long[COUNTERS.size()];
        for (int i = 0; i < COUNTERS.size(); i++) {
            Number n = counters.get(COUNTERS.get(i));
            v[i] = n == null ? 0 : n.longValue();
        }
        return new AnalyticsFigures(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
    }

    public AnalyticsFigures plus(AnalyticsFigures o) {
        return new AnalyticsFigures(
                gmv + o.gmv,
                orders + o.orders,
                items + o.items,
                commission + o.commission,
                refunds + o.refunds,
                refundCount + o.refundCount,
                returnedItems + o.returnedItems,
                payouts + o.payouts);
    }

    /** The counters by name (for storing and for deltas). */
    public Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        long[] v = {gmv, orders, items, commission, refunds, refundCount, returnedItems, payouts};
        for (int i = 0; i < COUNTERS.size(); i++) {
            m.put(COUNTERS.get(i), v[i]);
        }
        return m;
    }

    /** GMV per order, half-even; 0 without orders. */
    public long averageOrderValue() {
        return ratio(gmv, 1, orders);
    }

    /** Commission as basis points of GMV (the take rate), half-even; 0 without GMV. */
    public long takeRateBps() {
        return ratio(commission, 10_000, gmv);
    }

    /** Returned units as basis points of units sold, half-even; 0 without units. */
    public long returnRateBps() {
        return ratio(returnedItems, 10_000, items);
    }

    static long ratio(long numerator, long scale, long divisor) {
        if (divisor == 0) {
            return 0;
        }
        return new BigDecimal(BigInteger.valueOf(numerator).multiply(BigInteger.valueOf(scale)))
                .divide(BigDecimal.valueOf(divisor), 0, RoundingMode.HALF_EVEN)
                .longValueExact();
    }
}
