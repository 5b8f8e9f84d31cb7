package dev.bazaar.payment.domain;

import java.util.List;

/**
 * Every account's balance and their sum. In a double-entry ledger the sum is exactly zero per currency; anything
 * else means a transaction was written unbalanced, and {@code balanced} says so.
 */
public record TrialBalance(List<AccountBalance> accounts, List<MoneyView> totals, boolean balanced) {

    public record AccountBalance(String code, String name, String type, MoneyView balance) {}

    /** Money as every API shows it: minor units and an ISO 4217 code. */
    public record MoneyView(long amount, String currency) {}

    public static TrialBalance of(List<AccountBalance> accounts, List<MoneyView> totals) {
        return new TrialBalance(accounts, totals, totals.stream().allMatch(t -> t.amount() == 0));
    }
}
