package dev.bazaar.payment.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The sandbox's fee, like Stripe's standard US card pricing: 2.9 % + 30¢ per successful charge, HALF_EVEN. */
public final class ProcessorFee {

    private ProcessorFee() {}

    public static long of(long capturedMinor) {
        long fee = BigDecimal.valueOf(capturedMinor)
                        .multiply(new BigDecimal("0.029"))
                        .setScale(0, RoundingMode.HALF_EVEN)
                        .longValueExact()
                + 30;
        return Math.min(fee, capturedMinor);
    }
}
