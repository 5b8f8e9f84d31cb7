package dev.bazaar.payment.provider;

import dev.bazaar.contracts.money.Money;
import java.util.Currency;
import java.util.Set;

/**
 * Money (ISO 4217 minor units) ↔ the integer amounts Stripe's API takes. For most currencies they are the same
 * number. Where Stripe differs from ISO 4217 (https://docs.stripe.com/currencies#special-cases):
 * <ul>
 * <li><b>ISK</b> has no minor unit in ISO 4217, but Stripe keeps it two-decimal: 5 króna is {@code 500}, and amounts
 * must be whole krónur (divisible by 100).
 * <li>the three-decimal currencies (BHD, JOD, KWD, OMR, TND) are three-decimal at Stripe too, but the last digit must
 * be 0 — refused here rather than rounded, because money is never rounded silently.
 * <li><b>HUF</b> and <b>TWD</b> are two-decimal for charges, but payouts must be whole units (divisible by 100):
 * {@link #payoutAllowed}.
 * </ul>
 * Zero-decimal currencies (JPY, KRW, UGX, CLP, VND…) are zero-decimal in both. {@link StripeProvider} sends every
 * amount through {@link #toStripe} and reads every amount back through {@link #fromStripe}, in its one currency
 * ({@code bazaar.stripe.currency}).
 */
public final class StripeAmounts {

    private static final Set<String> LAST_DIGIT_ZERO = Set.of("BHD", "JOD", "KWD", "OMR", "TND");
    private static final Set<String> WHOLE_UNIT_PAYOUTS = Set.of("HUF", "TWD");

    private StripeAmounts() {}

    /** Stripe's lowercase currency code. */
    public static String currency(Currency c) {
        return c.getCurrencyCode().toLowerCase(java.util.Locale.ROOT);
    }

    public static long toStripe(Money m) {
        String code = m.currency().getCurrencyCode();
        if ("ISK".equals(code)) {
            return Math.multiplyExact(m.amount(), 100);
        }
        if (LAST_DIGIT_ZERO.contains(code) && m.amount() % 10 != 0) {
            throw new IllegalArgumentException(
                    m + ": Stripe accepts " + code + " amounts only in whole tens of its " + "minor unit");
        }
        return m.amount();
    }

    public static Money fromStripe(long amount, String stripeCurrency) {
        Currency c = Currency.getInstance(stripeCurrency.toUpperCase(java.util.Locale.ROOT));
        if ("ISK".equals(c.getCurrencyCode())) {
            if (amount % 100 != 0) {
                throw new IllegalArgumentException("an ISK amount from Stripe must be whole krónur: " + amount);
            }
            return new Money(amount / 100, c);
        }
        return new Money(amount, c);
    }

    /** Whether Stripe would accept this amount as a payout. */
    public static boolean payoutAllowed(Money m) {
        return !WHOLE_UNIT_PAYOUTS.contains(m.currency().getCurrencyCode()) || m.amount() % 100 == 0;
    }
}
