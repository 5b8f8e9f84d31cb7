package dev.bazaar.contracts.money;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
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
 * {@link #allocate(long...)}, whose parts always sum to the whole. JSON: {@code {"amount": 1999, "currency": "USD"}}
 * — both fields required, {@code amount} an integer (a JSON {@code 19.99} is refused, never truncated).
 *
 * <p>Invariants: the currency is a real money currency (ISO 4217 with a minor unit: not XXX, XAU...); no operation
 * wraps around ({@link ArithmeticException} on overflow); combining two currencies throws
 * {@link MixedCurrencyException}.
 */
@JsonIgnoreProperties(
        value = {"zero", "negative", "positive"},
        allowGetters = false)
public record Money(
        @JsonProperty(required = true) long amount,
        @JsonProperty(required = true) Currency currency) implements Comparable<Money> {

    public static final Currency USD = Currency.getInstance("USD");

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (currency.getDefaultFractionDigits() < 0) {
            throw new IllegalArgumentException(currency.getCurrencyCode() + " has no minor unit: not a money currency");
        }
    }

    /** {@code amount} minor units of the currency with ISO 4217 code {@code currency} ("USD"). */
    public static Money of(long amount, String currency) {
        return new Money(amount, currency(currency));
    }

    /**
     * The ISO 4217 currency of {@code code} (upper case, e.g. "USD"), refusing unknown codes and those without a
     * minor unit (XXX, XAU...) with an {@link IllegalArgumentException}.
     */
    public static Currency currency(String code) {
        if (code == null) {
            throw new IllegalArgumentException("currency is required");
        }
        Currency c;
        try {
            c = Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown currency " + code, e);
        }
        if (c.getDefaultFractionDigits() < 0) {
            throw new IllegalArgumentException(code + " has no minor unit: not a money currency");
        }
        return c;
    }

    public static Money usd(long cents) {
        return new Money(cents, USD);
    }

    /**
     * An amount given in major units ({@code 19.99} USD → 1999 cents). Refuses more decimals than the currency has
     * ({@code 19.999} USD, {@code 5.5} JPY) rather than rounding them away.
     */
    public static Money ofMajor(BigDecimal major, Currency currency) {
        Objects.requireNonNull(major, "major");
        Objects.requireNonNull(currency, "currency");
        try {
            BigDecimal minor = major.setScale(currency.getDefaultFractionDigits(), RoundingMode.UNNECESSARY);
            return new Money(minor.unscaledValue().longValueExact(), currency);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    major.toPlainString() + " is not an amount of " + currency.getCurrencyCode() + " ("
                            + currency.getDefaultFractionDigits() + " decimals, long range)",
                    e);
        }
    }

    /** The inverse of {@link #toString()}: {@code "19.99 USD"}, {@code "1999 JPY"}, {@code "-0.005 KWD"}. */
    public static Money parse(String text) {
        Objects.requireNonNull(text, "text");
        String[] parts = text.trim().split("\\s+");
        if (parts.length != 2) {
            throw new IllegalArgumentException("not an amount and a currency code: " + text);
        }
        BigDecimal major;
        try {
            major = new BigDecimal(parts[0]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + parts[0], e);
        }
        return ofMajor(major, currency(parts[1]));
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

    /** Multiplies by an integer (a quantity); throws {@link ArithmeticException} on overflow. */
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

    public Money abs() {
        return amount < 0 ? negate() : this;
    }

    public Money min(Money other) {
        return compareTo(other) <= 0 ? this : other;
    }

    public Money max(Money other) {
        return compareTo(other) >= 0 ? this : other;
    }

    /** Same currency as {@code other} (never throws). */
    public boolean sameCurrencyAs(Money other) {
        return currency.equals(other.currency);
    }

    @Override
    public int compareTo(Money other) {
        sameCurrency(other);
        return Long.compare(amount, other.amount);
    }

    /**
     * This amount in another currency at {@code rate} (units of the target per unit of this currency), rounded
     * HALF_EVEN to the target's minor unit. Converting to the same currency at rate 1 is the identity.
     *
     * @throws ArithmeticException when the result does not fit a long
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
        // split the magnitude (BigInteger: even Long.MIN_VALUE has one), then give the parts the amount's sign
        BigInteger whole = BigInteger.valueOf(amount).abs();
        BigInteger[] parts = new BigInteger[weights.length];
        BigInteger[] remainders = new BigInteger[weights.length];
        BigInteger given = BigInteger.ZERO;
        for (int i = 0; i < weights.length; i++) {
            BigInteger[] qr = whole.multiply(BigInteger.valueOf(weights[i])).divideAndRemainder(total);
            parts[i] = qr[0];
            remainders[i] = qr[1];
            given = given.add(parts[i]);
        }
        int left = whole.subtract(given).intValueExact(); // < weights.length: one per remainder at most
        Integer[] order = new Integer[weights.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(
                order,
                Comparator.<Integer, BigInteger>comparing(i -> remainders[i])
                        .reversed()
                        .thenComparing(i -> i));
        for (int k = 0; k < left; k++) {
            parts[order[k]] = parts[order[k]].add(BigInteger.ONE);
        }
        List<Money> result = new ArrayList<>(parts.length);
        for (BigInteger p : parts) {
            result.add(new Money((amount < 0 ? p.negate() : p).longValueExact(), currency));
        }
        return result;
    }

    /** {@link #allocate(long...)} with the weights as a list. */
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
