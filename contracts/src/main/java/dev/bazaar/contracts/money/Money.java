package dev.bazaar.contracts.money;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * An amount of money: integer minor units of an ISO 4217 currency (cents for USD, yen for JPY, fils for KWD).
 * Never a floating point number. Arithmetic refuses mixed currencies; conversion rounds HALF_EVEN; splitting uses
 * {@link #allocate(long...)}, whose parts always sum to the whole. JSON: {@code {"amount": 1999, "currency": "USD"}}.
 */
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(value = {"zero", "negative", "positive"}, allowGetters = false)
public record Money(long amount, Currency currency) implements Comparable<Money> {

    public static final Currency USD = Currency.getInstance("USD");

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (currency.getDefaultFractionDigits() < 0) {
            throw new IllegalArgumentException(currency.getCurrencyCode() + " has no minor unit: not a money currency");
        }
    }

    public static Money of(long amount, String currency) {
        if (currency == null) {
            throw new IllegalArgumentException("currency is required");
        }
        Currency c;
        try {
            c = Currency.getInstance(currency);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown currency " + currency, e);
        }
        return new Money(amount, c);
    }

    public static Money usd(long cents) {
        return new Money(cents, USD);
    }

    public static Money zero(Currency currency) {
        return new Money(0, currency);
    }

    /** Digits after the decimal point (USD 2, JPY 0, KWD 3). */
    public int fractionDigits() {
        return currency.getDefaultFractionDigits();
    }

    public String currencyCode() {
        return currency.getCurrencyCode();
    }

    public Money plus(Money other) {
        sameCurrency(other);
        return new Money(Math.addExact(amount, other.amount), currency);
    }

    public Money minus(Money other) {
        sameCurrency(other);
        return new Money(Math.subtractExact(amount, other.amount), currency);
    }

    public Money times(long factor) {
        return new Money(Math.multiplyExact(amount, factor), currency);
    }

    public Money negate() {
        return new Money(Math.negateExact(amount), currency);
    }

    public boolean isZero() {
        return amount == 0;
    }

    public boolean isNegative() {
        return amount < 0;
    }

    public boolean isPositive() {
        return amount > 0;
    }

    public Money min(Money other) {
        return compareTo(other) <= 0 ? this : other;
    }

    @Override
    public int compareTo(Money other) {
        sameCurrency(other);
        return Long.compare(amount, other.amount);
    }

    /**
     * This amount in another currency at {@code rate} (units of the target per unit of this currency), rounded
     * HALF_EVEN to the target's minor unit.
     */
    public Money convert(Currency target, BigDecimal rate) {
        Objects.requireNonNull(rate, "rate");
        if (rate.signum() <= 0) {
            throw new IllegalArgumentException("a rate is positive, got " + rate);
        }
        BigDecimal major = BigDecimal.valueOf(amount, fractionDigits());
        BigDecimal converted = major.multiply(rate).setScale(target.getDefaultFractionDigits(), RoundingMode.HALF_EVEN);
        return new Money(converted.unscaledValue().longValueExact(), target);
    }

    /** This amount as a decimal in major units (for display and external APIs only). */
    public BigDecimal toDecimal() {
        return BigDecimal.valueOf(amount, fractionDigits());
    }

    /**
     * Splits this amount in proportion to {@code weights} by the largest-remainder method: every part gets the floor
     * of its exact share, and the minor units left over go one each to the parts with the largest remainders (ties:
     * the earlier part). The parts always sum to this amount; each is within one minor unit of its exact share; a
     * zero weight gets zero. A negative amount is split as its negation, negated.
     */
    public List<Money> allocate(long... weights) {
        if (weights.length == 0) {
            throw new IllegalArgumentException("nothing to allocate to");
        }
        BigInteger total = BigInteger.ZERO;
        for (long w : weights) {
            if (w < 0) {
                throw new IllegalArgumentException("weights are not negative, got " + w);
            }
            total = total.add(BigInteger.valueOf(w));
        }
        if (total.signum() == 0) {
            throw new IllegalArgumentException("weights sum to zero");
        }
        if (amount < 0) {
            return negate().allocate(weights).stream().map(Money::negate).toList();
        }
        BigInteger whole = BigInteger.valueOf(amount);
        long[] parts = new long[weights.length];
        BigInteger[] remainders = new BigInteger[weights.length];
        long given = 0;
        for (int i = 0; i < weights.length; i++) {
            BigInteger[] qr = whole.multiply(BigInteger.valueOf(weights[i])).divideAndRemainder(total);
            parts[i] = qr[0].longValueExact();
            remainders[i] = qr[1];
            given += parts[i];
        }
        long left = amount - given;
        Integer[] order = new Integer[weights.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer, BigInteger>comparing(i -> remainders[i]).reversed()
                .thenComparing(i -> i));
        for (int k = 0; k < left; k++) {
            parts[order[k]]++;
        }
        List<Money> result = new ArrayList<>(parts.length);
        for (long p : parts) {
            result.add(new Money(p, currency));
        }
        return result;
    }

    public List<Money> allocate(List<Long> weights) {
        return allocate(weights.stream().mapToLong(Long::longValue).toArray());
    }

    /** The sum of amounts in one currency; zero of {@code currency} when empty. */
    public static Money sum(Collection<Money> amounts, Currency currency) {
        Money total = zero(currency);
        for (Money m : amounts) {
            total = total.plus(m);
        }
        return total;
    }

    private void sameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new MixedCurrencyException(this, other);
        }
    }

    @Override
    public String toString() {
        return toDecimal().toPlainString() + " " + currency.getCurrencyCode();
    }
}
