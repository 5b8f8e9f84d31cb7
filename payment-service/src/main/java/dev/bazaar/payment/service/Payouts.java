package dev.bazaar.payment.service;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.PaymentEvent;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.kit.outbox.Outbox;
import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.payment.domain.Postings;
import dev.bazaar.payment.persistence.LedgerRepository;
import dev.bazaar.payment.provider.PaymentProvider;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Sellers' payout accounts and payout runs. An account is a provider connected account (sandbox: verified at once;
 * Stripe: verified when {@code account.updated} says payouts are enabled); nobody is paid without a verified one. A
 * run pays every due seller (by their schedule) one transfer of their available balance net of debt: the payout is
 * recorded PENDING, the provider transfers (idempotent by payout id), then it is PAID with its ledger transaction and
 * PayoutPaid — or FAILED with PayoutFailed and no money moved in the books.
 */
@ApplicationScoped
public class Payouts {

    private static final Logger LOG = Logger.getLogger(Payouts.class);

    public enum Schedule {
        DAILY, WEEKLY, MONTHLY
    }

    public record PayoutAccount(UUID shopId, String accountId, boolean verified, String onboardingUrl,
            Schedule schedule) {
    }

    public record PayoutView(UUID id, UUID shopId, Money amount, Money debtSettled, String status, String failureReason,
            Instant createdAt) {
    }

    public record RunResult(Instant asOf, int paid, int failed, Money total) {
    }

    private final Pool pool;
    private final PaymentProvider provider;
    private final SellerBalances balances;
    private final LedgerRepository ledger;

    public Payouts(Pool pool, PaymentProvider provider, SellerBalances balances, LedgerRepository ledger) {
        this.pool = pool;
        this.provider = provider;
        this.balances = balances;
        this.ledger = ledger;
    }

    /** Opens (once) the seller's connected account; answers the existing one on a repeat. */
    public Uni<PayoutAccount> openAccount(UUID shopId, String country, String returnUrl) {
        return account(shopId).flatMap(existing -> existing != null ? Uni.createFrom().item(existing)
                : provider.createConnectedAccount("account:" + shopId, shopId.toString(), country, returnUrl)
                        .flatMap(r -> {
                            if (!r.succeeded()) {
                                throw new ProblemException("payout-account-failed", "Payout account not created",
                                        502, r.failure());
                            }
                            return pool.preparedQuery("""
                                    INSERT INTO payout_account (shop_id, provider, account_id, verified, onboarding_url)
                                    VALUES ($1, $2, $3, $4, $5) ON CONFLICT (shop_id) DO NOTHING""")
                                    .execute(Tuple.of(shopId, provider.name(), r.accountId(), r.verified(),
                                            r.onboardingUrl()))
                                    .flatMap(x -> account(shopId));
                        }));
    }

    public Uni<PayoutAccount> account(UUID shopId) {
        return pool.preparedQuery("SELECT * FROM payout_account WHERE shop_id = $1").execute(Tuple.of(shopId))
                .map(rows -> rows.rowCount() == 0 ? null : account(rows.iterator().next()));
    }

    public Uni<PayoutAccount> setSchedule(UUID shopId, Schedule schedule) {
        return pool.preparedQuery("UPDATE payout_account SET schedule = $2, updated_at = now() WHERE shop_id = $1")
                .execute(Tuple.of(shopId, schedule.name())).flatMap(rows -> {
                    if (rows.rowCount() == 0) {
                        throw new ProblemException.Conflict("no-payout-account",
                                "Open a payout account first (POST /api/v1/seller/payout-account).");
                    }
                    return account(shopId);
                });
    }

    /** Stripe's account.updated: payouts may start once the account can receive them. */
    public Uni<Integer> accountVerified(String accountId, boolean verified) {
        return pool.preparedQuery("UPDATE payout_account SET verified = $2, updated_at = now() WHERE account_id = $1")
                .execute(Tuple.of(accountId, verified)).map(rows -> rows.rowCount());
    }

    public Uni<List<PayoutView>> of(UUID shopId) {
        return pool.preparedQuery("SELECT * FROM payout WHERE shop_id = $1 ORDER BY created_at DESC LIMIT 100")
                .execute(Tuple.of(shopId)).map(rows -> {
                    List<PayoutView> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new PayoutView(r.getUUID("id"), r.getUUID("shop_id"),
                            Money.usd(r.getLong("amount_minor")), Money.usd(r.getLong("debt_settled_minor")),
                            r.getString("status"), r.getString("failure_reason"),
                            r.getOffsetDateTime("created_at").toInstant())));
                    return out;
                });
    }

    /** Pays every seller with a verified account whose schedule is due at {@code asOf}. */
    public Uni<RunResult> run(Instant asOf) {
        return pool.preparedQuery("""
                SELECT a.*, (SELECT max(created_at) FROM payout p WHERE p.shop_id = a.shop_id AND p.status = 'PAID')
                           AS last_paid
                FROM payout_account a JOIN shop s ON s.id = a.shop_id AND s.status = 'APPROVED'
                WHERE a.verified ORDER BY a.shop_id""").execute().flatMap(rows -> {
                    List<PayoutAccount> due = new ArrayList<>();
                    for (Row r : rows) {
                        Instant last = r.getOffsetDateTime("last_paid") == null ? null
                                : r.getOffsetDateTime("last_paid").toInstant();
                        PayoutAccount a = account(r);
                        if (isDue(a.schedule(), last, asOf)) {
                            due.add(a);
                        }
                    }
                    Uni<RunResult> chain = Uni.createFrom().item(new RunResult(asOf, 0, 0, Money.usd(0)));
                    for (PayoutAccount a : due) {
                        chain = chain.flatMap(acc -> payOne(a, asOf).map(p -> p == null ? acc
                                : "PAID".equals(p.status()) ? new RunResult(asOf, acc.paid() + 1, acc.failed(),
                                        acc.total().plus(p.amount()))
                                        : new RunResult(asOf, acc.paid(), acc.failed() + 1, acc.total())));
                    }
                    return chain;
                });
    }

    static boolean isDue(Schedule schedule, Instant lastPaid, Instant asOf) {
        if (lastPaid == null) {
            return true;
        }
        Instant next = switch (schedule) {
            case DAILY -> lastPaid.plus(1, ChronoUnit.DAYS);
            case WEEKLY -> lastPaid.plus(7, ChronoUnit.DAYS);
            case MONTHLY -> lastPaid.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant();
        };
        return !asOf.isBefore(next.minus(1, ChronoUnit.HOURS)); // a run a little early still pays that period
    }

    private Uni<PayoutView> payOne(PayoutAccount a, Instant asOf) {
        UUID id = UUID.randomUUID();
        return pool.withTransaction(tx -> lockShop(tx, a.shopId())
                .flatMap(x -> balances.position(tx, a.shopId(), asOf))
                .flatMap(pos -> {
                    Postings.PayoutAmounts amounts = pos.payout();
                    if (amounts.paid() == 0) {
                        // nothing to pay; what is releasable still nets debt
                        return (amounts.debtSettled() == 0 ? Uni.createFrom().voidItem()
                                : ledger.post(tx, Postings.payout(UUID.randomUUID(), a.shopId(), 0,
                                        amounts.debtSettled()), null, null, a.shopId()))
                                .replaceWith((Postings.PayoutAmounts) null);
                    }
                    return tx.preparedQuery("INSERT INTO payout (id, shop_id, amount_minor, debt_settled_minor, "
                            + "status) VALUES ($1, $2, $3, $4, 'PENDING')")
                            .execute(Tuple.of(id, a.shopId(), amounts.paid(), amounts.debtSettled()))
                            .replaceWith(amounts);
                }))
                .flatMap(amounts -> amounts == null ? Uni.createFrom().nullItem()
                        : provider.transfer("payout:" + id, a.accountId(), amounts.paid(), "payout:" + id, null)
                                .onFailure().recoverWithItem(e -> new PaymentProvider.OperationResult(false, null,
                                        "The payment provider could not be reached: " + e.getMessage()))
                                .flatMap(r -> settle(id, a.shopId(), amounts, r)));
    }

    private Uni<PayoutView> settle(UUID id, UUID shopId, Postings.PayoutAmounts amounts,
            PaymentProvider.OperationResult r) {
        return pool.withTransaction(tx -> {
            Uni<Void> done;
            if (r.succeeded()) {
                done = tx.preparedQuery("UPDATE payout SET status = 'PAID', transfer_reference = $2 WHERE id = $1")
                        .execute(Tuple.of(id, r.reference()))
                        .flatMap(x -> ledger.post(tx, Postings.payout(UUID.randomUUID(), shopId, amounts.paid(),
                                amounts.debtSettled()), null, null, shopId))
                        .flatMap(x -> Outbox.append(tx, Envelope.of(new PaymentEvent.PayoutPaid(shopId, id,
                                Money.usd(amounts.paid())), 0, Instant.now(), null, null)));
            } else {
                LOG.warnf("payout %s to shop %s failed: %s", id, shopId, r.failure());
                done = tx.preparedQuery("UPDATE payout SET status = 'FAILED', failure_reason = $2 WHERE id = $1")
                        .execute(Tuple.of(id, r.failure()))
                        .flatMap(x -> Outbox.append(tx, Envelope.of(new PaymentEvent.PayoutFailed(shopId, id,
                                Money.usd(amounts.paid()), r.failure()), 0, Instant.now(), null, null)));
            }
            return done.flatMap(x -> tx.preparedQuery("SELECT * FROM payout WHERE id = $1").execute(Tuple.of(id)))
                    .map(rows -> {
                        Row p = rows.iterator().next();
                        return new PayoutView(id, shopId, Money.usd(p.getLong("amount_minor")),
                                Money.usd(p.getLong("debt_settled_minor")), p.getString("status"),
                                p.getString("failure_reason"), p.getOffsetDateTime("created_at").toInstant());
                    });
        });
    }

    /** Serialises a shop's payouts and transfer reversals (also across replicas). */
    static Uni<Void> lockShop(SqlClient tx, UUID shopId) {
        return tx.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1, 13))")
                .execute(Tuple.of(shopId.toString())).replaceWithVoid();
    }

    private static PayoutAccount account(Row r) {
        return new PayoutAccount(r.getUUID("shop_id"), r.getString("account_id"), r.getBoolean("verified"),
                r.getString("onboarding_url"), Schedule.valueOf(r.getString("schedule")));
    }
}
