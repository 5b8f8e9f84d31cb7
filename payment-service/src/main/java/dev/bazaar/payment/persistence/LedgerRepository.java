package dev.bazaar.payment.persistence;

import dev.bazaar.payment.domain.Accounts;
import dev.bazaar.payment.domain.LedgerTransaction;
import dev.bazaar.payment.domain.TrialBalance;
import dev.bazaar.payment.domain.TrialBalance.AccountBalance;
import dev.bazaar.payment.domain.TrialBalance.MoneyView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class LedgerRepository {

    /** The platform currency: accounts with no entries show a zero balance in it. */
    static final String PLATFORM_CURRENCY = "USD";

    private final Pool pool;

    public LedgerRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Writes one balanced transaction (the database re-checks the balance at commit). Per-shop accounts are opened on
     * first use. An empty transaction writes nothing.
     */
    public Uni<Void> post(SqlClient tx, LedgerTransaction t, UUID paymentId, UUID refundId, UUID shopId) {
        if (t.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> accounts = t.entries().stream()
                .map(LedgerTransaction.Entry::account)
                .distinct()
                .filter(code -> code.contains(":"))
                .map(code -> Tuple.of(code, accountName(code), code.startsWith("seller_debt:") ? "ASSET" : "LIABILITY"))
                .toList();
        Uni<?> open = accounts.isEmpty()
                ? Uni.createFrom().voidItem()
                : tx.preparedQuery("INSERT INTO ledger_account (code, name, type) VALUES ($1, $2, $3) "
                                + "ON CONFLICT (code) DO NOTHING")
                        .executeBatch(accounts);
        return open.flatMap(x -> tx.preparedQuery("INSERT INTO ledger_transaction (id, kind, payment_id, refund_id, "
                                + "shop_id, description) VALUES ($1, $2, $3, $4, $5, $6)")
                        .execute(Tuple.of(t.id(), t.kind(), paymentId, refundId, shopId, t.description())))
                .flatMap(x -> tx.preparedQuery("INSERT INTO ledger_entry (transaction_id, account_code, amount_minor, "
                                + "currency, shop_id) VALUES ($1, $2, $3, $4, $5)")
                        .executeBatch(t.entries().stream()
                                .map(e -> Tuple.of(t.id(), e.account(), e.amountMinor(), t.currency(), e.shopId()))
                                .toList()))
                .replaceWithVoid();
    }

    /**
     * What the platform still owes a shop and is not already paying out: its payable account's credit balance (as a
     * positive number) less what open payouts (PENDING or UNKNOWN) will take from it. Callers hold the shop's lock.
     */
    public Uni<Long> stillPayable(SqlClient tx, UUID shopId) {
        return tx.preparedQuery("""
                SELECT (SELECT coalesce(-sum(amount_minor), 0) FROM ledger_entry WHERE account_code = $1)
                     - (SELECT coalesce(sum(amount_minor + debt_settled_minor), 0) FROM payout
                        WHERE shop_id = $2 AND status IN ('PENDING', 'UNKNOWN')) AS owed""")
                .execute(Tuple.of(Accounts.sellerPayable(shopId), shopId))
                .map(rows -> rows.iterator().next().getLong("owed"));
    }

    private static String accountName(String code) {
        String shop = code.substring(code.indexOf(':') + 1);
        return code.startsWith("seller_debt:") ? "Seller debt " + shop : "Seller payable " + shop;
    }

    /** Balances of all accounts and the per-currency totals, read in one snapshot. */
    public Uni<TrialBalance> trialBalance() {
        return pool.query("""
                SELECT a.code, a.name, a.type,
                       coalesce(e.currency, '%s') AS currency,
                       coalesce(sum(e.amount_minor), 0) AS balance
                FROM ledger_account a LEFT JOIN ledger_entry e ON e.account_code = a.code
                GROUP BY a.code, a.name, a.type, e.currency
                ORDER BY a.code, currency""".formatted(PLATFORM_CURRENCY)).execute().map(rows -> {
            List<AccountBalance> accounts = new ArrayList<>();
            java.util.Map<String, Long> totals = new java.util.TreeMap<>();
            for (Row r : rows) {
                String currency = r.getString("currency");
                long balance = r.getLong("balance");
                accounts.add(new AccountBalance(
                        r.getString("code"),
                        r.getString("name"),
                        r.getString("type"),
                        new MoneyView(balance, currency)));
                totals.merge(currency, balance, Math::addExact);
            }
            List<MoneyView> sums = totals.entrySet().stream()
                    .map(t -> new MoneyView(t.getValue(), t.getKey()))
                    .toList();
            return TrialBalance.of(accounts, sums);
        });
    }
}
