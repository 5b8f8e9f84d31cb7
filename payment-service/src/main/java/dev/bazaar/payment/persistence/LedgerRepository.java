package dev.bazaar.payment.persistence;

import dev.bazaar.payment.domain.TrialBalance;
import dev.bazaar.payment.domain.TrialBalance.AccountBalance;
import dev.bazaar.payment.domain.TrialBalance.MoneyView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

@ApplicationScoped
public class LedgerRepository {

    /** The platform currency: accounts with no entries show a zero balance in it. */
    static final String PLATFORM_CURRENCY = "USD";

    private final Pool pool;

    public LedgerRepository(Pool pool) {
        this.pool = pool;
    }

    /** Balances of all accounts and the per-currency totals, read in one snapshot. */
    public Uni<TrialBalance> trialBalance() {
        return pool.query("""
                SELECT a.code, a.name, a.type,
                       coalesce(e.currency, '%s') AS currency,
                       coalesce(sum(e.amount_minor), 0) AS balance
                FROM ledger_account a LEFT JOIN ledger_entry e ON e.account_code = a.code
                GROUP BY a.code, a.name, a.type, e.currency
                ORDER BY a.code, currency""".formatted(PLATFORM_CURRENCY))
                .execute()
                .map(rows -> {
                    List<AccountBalance> accounts = new ArrayList<>();
                    java.util.Map<String, Long> totals = new java.util.TreeMap<>();
                    for (Row r : rows) {
                        String currency = r.getString("currency");
                        long balance = r.getLong("balance");
                        accounts.add(new AccountBalance(r.getString("code"), r.getString("name"), r.getString("type"),
                                new MoneyView(balance, currency)));
                        totals.merge(currency, balance, Math::addExact);
                    }
                    List<MoneyView> sums = totals.entrySet().stream()
                            .map(t -> new MoneyView(t.getValue(), t.getKey())).toList();
                    return TrialBalance.of(accounts, sums);
                });
    }
}
