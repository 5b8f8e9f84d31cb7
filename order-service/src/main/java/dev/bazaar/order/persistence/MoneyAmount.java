package dev.bazaar.order.persistence;

/** An amount in minor units and its currency, as the read models store it ({@code {amount, currency}}). */
public class MoneyAmount {

    public long amount;
    public String currency;

    public MoneyAmount() {}

    public MoneyAmount(long amount, String currency) {
        this.amount = amount;
        this.currency = currency;
    }
}
