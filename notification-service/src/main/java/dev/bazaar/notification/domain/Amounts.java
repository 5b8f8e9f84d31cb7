package dev.bazaar.notification.domain;

import dev.bazaar.contracts.money.Money;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Money as an email shows it: the ISO code, then the amount from its integer minor units with the currency's own
 * number of decimals and thousands grouped ({@code USD 1,234.50}, {@code JPY 1,235}, {@code KWD 1.234}). One format for
 * every reader, whatever the server's locale.
 */
public final class Amounts {

    private Amounts() {}

    public static String format(Money money) {
        int digits = money.fractionDigits();
        DecimalFormat f = new DecimalFormat(
                digits == 0 ? "#,##0" : "#,##0." + "0".repeat(digits), DecimalFormatSymbols.getInstance(Locale.ROOT));
        BigDecimal major = BigDecimal.valueOf(money.amount(), digits);
        return money.currencyCode() + " " + f.format(major);
    }
}
