package dev.bazaar.payment.service;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.PaymentEvent;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.kit.leader.JobLock;
import dev.bazaar.kit.outbox.Outbox;
import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.payment.config.PortalLinks;
import dev.bazaar.payment.domain.Postings;
import dev.bazaar.payment.persistence.LedgerRepository;
import dev.bazaar.payment.provider.PaymentProvider;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.util.Optional;
import java.util.UUID;

/**
 * Sellers' payout accounts and payout runs. An account is a provider connected account (sandbox: verified at once;
 * Stripe: verified when {@code account.updated} says payouts are enabled); nobody is paid without a verified one. A
 * run pays every due seller (by their schedule) one transfer of their available balance net of debt: the payout is
 * recorded PENDING, the provider transfers (idempotent by payout id), then it is PAID with its ledger transaction and
 * PayoutPaid — or FAILED with PayoutFailed and no money moved in the books — or DEFERRED when the platform's own
 * available balance cannot cover the transfer yet (Stripe's balance_insufficient: no money moved, not the seller's
 * failure, paid by a later run; ADR 0013) — or, when the provider's answer is not
 * known (a timeout, an outage, a crash before the answer was stored), it stays open (UNKNOWN or PENDING) and the next
 * run asks the provider for the transfer by its group, then tries again under the same key. The database allows one
 * open payout per shop; an open payout's amount is no longer available to anything else (a refund meanwhile books
 * beyond it as debt); one run at a time (ADR 0010).
 */
@ApplicationScoped
public class Payouts {

    private static final Logger LOG = Logger.getLogger(Payouts.class);

    public enum Schedule {
        DAILY, WEEKLY, MONTHLY
    }

    /**
     * A seller's payout account: verified once the provider lets it receive payouts; {@code requirements} are what the
     * provider still needs from the seller (payouts pause while any is due).
     */
    public record PayoutAccount(UUID shopId, String accountId, boolean verified, String onboardingUrl,
            Schedule schedule, Requirements requirements, boolean payoutsPaused) {
    }

    /** What the provider still needs before (or to keep) paying the seller out: Stripe's {@code requirements}. */
    public record Requirements(List<String> currentlyDue, List<String> pastDue, String disabledReason,
            Instant deadline) {
        public boolean any() {
            return !currentlyDue.isEmpty() || !pastDue.isEmpty() || disabledReason != null;
        }
    }

    /** An {@code account.updated} from the provider, as of {@code at} (the event's creation time). */
    public record AccountUpdate(String accountId, boolean payoutsEnabled, Requirements requirements, Instant at) {
    }

    /** A payout as sellers and admins see it; UNKNOWN: the transfer's outcome is not known yet (it is resumed). */
    public record PayoutView(UUID id, UUID shopId, Money amount, Money debtSettled, String status, String failureReason,
            Instant createdAt) {
    }

    /**
     * What a run did: payouts paid (and their total), refused by the provider, left open with no answer yet, and
     * deferred because the platform's own balance could not cover them yet (paid by a later run).
     */
    public record RunResult(Instant asOf, int paid, int failed, int unknown, int deferred, Money total) {
        RunResult add(PayoutView p) {
            if (p == null) {
                return this;
            }
            return switch (p.status()) {
                case "PAID" -> new RunResult(asOf, paid + 1, failed, unknown, deferred, total.plus(p.amount()));
                case "FAILED" -> new RunResult(asOf, paid, failed + 1, unknown, deferred, total);
                case "DEFERRED" -> new RunResult(asOf, paid, failed, unknown, deferred + 1, total);
                default -> new RunResult(asOf, paid, failed, unknown + 1, deferred, total);
            };
        }
    }

    private final Pool pool;
    private final PaymentProvider provider;
    private final SellerBalances balances;
    private final LedgerRepository ledger;
    private final JobLock runLock;
    private final PortalLinks portal;
    private final MeterRegistry registry;

    public Payouts(Pool pool, PaymentProvider provider, SellerBalances balances, LedgerRepository ledger,
            PortalLinks portal, MeterRegistry registry) {
        this.pool = pool;
        this.provider = provider;
        this.balances = balances;
        this.ledger = ledger;
        this.portal = portal;
        this.registry = registry;
        this.runLock = new JobLock(pool, "payment-service:payout-run-in-progress");
    }

    /**
     * Opens (once) the seller's connected account; answers the existing one on a repeat. Its onboarding link returns
     * the seller to the portal's payouts page ({@code bazaar.portal.public-url} + {@code /payouts}).
     */
    public Uni<PayoutAccount> openAccount(UUID shopId, String country) {
        return account(shopId).flatMap(existing -> existing != null ? Uni.createFrom().item(existing)
                : provider.createConnectedAccount("account:" + shopId, shopId.toString(), country,
                        portal.payoutsPage(), portal.payoutsPage())
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

    /**
     * Stripe's account.updated, in the caller's transaction: payouts may start once the account can receive them and
     * nothing is due. Applied only if no newer update was (events may arrive out of order); answers what it did.
     */
    public Uni<String> accountUpdated(SqlClient tx, AccountUpdate u) {
        return tx.preparedQuery("SELECT provider_updated_at FROM payout_account WHERE account_id = $1 FOR UPDATE")
                .execute(Tuple.of(u.accountId())).flatMap(rows -> {
                    if (rows.rowCount() == 0) {
                        return Uni.createFrom().item("unknown account");
                    }
                    java.time.OffsetDateTime last = rows.iterator().next().getOffsetDateTime("provider_updated_at");
                    if (last != null && last.toInstant().isAfter(u.at())) {
                        return Uni.createFrom().item("stale: a newer account.updated was applied");
                    }
                    Requirements r = u.requirements();
                    return tx.preparedQuery("""
                            UPDATE payout_account SET verified = $2, requirements_due = $3, requirements_past_due = $4,
                                   disabled_reason = $5, requirements_deadline = $6, provider_updated_at = $7,
                                   updated_at = now()
                            WHERE account_id = $1""")
                            .execute(Tuple.from(java.util.Arrays.asList(u.accountId(), u.payoutsEnabled(),
                                    r.currentlyDue().toArray(String[]::new), r.pastDue().toArray(String[]::new),
                                    r.disabledReason(), utc(r.deadline()), utc(u.at()))))
                            .map(x -> !u.payoutsEnabled() ? "payout account not (yet) verified"
                                    : r.any() ? "payout account verified; requirements due, payouts paused: "
                                            + String.join(", ", dueList(r))
                                    : "payout account verified");
                });
    }

    private static List<String> dueList(Requirements r) {
        List<String> out = new ArrayList<>(r.pastDue());
        r.currentlyDue().stream().filter(f -> !out.contains(f)).forEach(out::add);
        if (r.disabledReason() != null) {
            out.add("disabled: " + r.disabledReason());
        }
        return out;
    }

    private static java.time.OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    /**
     * A fresh onboarding link for the seller's account (the provider's links expire within minutes and work once):
     * where the seller gives the provider what is due. Answers the account with the new link.
     */
    public Uni<PayoutAccount> onboardingLink(UUID shopId) {
        return account(shopId).flatMap(a -> {
            if (a == null) {
                throw new ProblemException.Conflict("no-payout-account",
                        "Open a payout account first (POST /api/v1/seller/payout-account).");
            }
            // one link per account and minute: a double click gets the same link
            String key = "account-link:" + a.accountId() + ":" + Instant.now().truncatedTo(ChronoUnit.MINUTES);
            return provider.onboardingLink(key, a.accountId(), portal.payoutsPage(), portal.payoutsPage())
                    .flatMap(r -> {
                        if (!r.succeeded()) {
                            throw new ProblemException("onboarding-link-failed", "No onboarding link", 502,
                                    r.failure());
                        }
                        return pool.preparedQuery("UPDATE payout_account SET onboarding_url = $2, updated_at = now() "
                                + "WHERE shop_id = $1").execute(Tuple.of(shopId, r.reference()))
                                .flatMap(x -> account(shopId));
                    });
        });
    }

    public Uni<List<PayoutView>> of(UUID shopId) {
        return pool.preparedQuery("SELECT * FROM payout WHERE shop_id = $1 ORDER BY created_at DESC LIMIT 100")
                .execute(Tuple.of(shopId)).map(rows -> {
                    List<PayoutView> out = new ArrayList<>();
                    rows.forEach(r -> out.add(view(r)));
                    return out;
                });
    }

    /**
     * Pays every seller with a verified account whose schedule is due at {@code asOf}, and first finishes every payout
     * a fault left open. One run at a time across replicas and triggers (the leader's timer, an admin): empty when
     * another run holds the lock.
     */
    public Uni<Optional<RunResult>> run(Instant asOf) {
        return runLock.runExclusively(() -> runNow(asOf));
    }

    private Uni<RunResult> runNow(Instant asOf) {
        return pool.preparedQuery("""
                SELECT a.*, (SELECT max(created_at) FROM payout p WHERE p.shop_id = a.shop_id AND p.status = 'PAID')
                           AS last_paid,
                       EXISTS (SELECT 1 FROM payout p WHERE p.shop_id = a.shop_id
                                 AND p.status IN ('PENDING', 'UNKNOWN')) AS open
                FROM payout_account a JOIN shop s ON s.id = a.shop_id AND s.status = 'APPROVED'
                WHERE a.verified AND cardinality(a.requirements_due) = 0 AND cardinality(a.requirements_past_due) = 0
                  AND a.disabled_reason IS NULL ORDER BY a.shop_id""").execute().flatMap(rows -> {
                    List<PayoutAccount> due = new ArrayList<>();
                    for (Row r : rows) {
                        Instant last = r.getOffsetDateTime("last_paid") == null ? null
                                : r.getOffsetDateTime("last_paid").toInstant();
                        PayoutAccount a = account(r);
                        if (r.getBoolean("open") || isDue(a.schedule(), last, asOf)) {
                            due.add(a);
                        }
                    }
                    Uni<RunResult> chain = Uni.createFrom().item(new RunResult(asOf, 0, 0, 0, 0, Money.usd(0)));
                    for (PayoutAccount a : due) {
                        chain = chain.flatMap(acc -> payOne(a, asOf).map(p -> acc.add(p)));
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

    /** A payout to make or finish: its id, amounts, and whether an earlier attempt may have reached the provider. */
    private record Attempt(UUID id, Postings.PayoutAmounts amounts, boolean resumed) {
    }

    /**
     * One seller: under the shop's lock, the open payout if a fault left one (it keeps its id, so its idempotency key),
     * else a new PENDING payout of the available balance (net of debt); then the transfer, outside any transaction;
     * then the outcome. A resumed payout first asks the provider whether the transfer exists.
     */
    private Uni<PayoutView> payOne(PayoutAccount a, Instant asOf) {
        return pool.withTransaction(tx -> lockShop(tx, a.shopId())
                .flatMap(x -> tx.preparedQuery("SELECT * FROM payout WHERE shop_id = $1 AND status IN ('PENDING', "
                        + "'UNKNOWN') FOR UPDATE").execute(Tuple.of(a.shopId())))
                .flatMap(open -> {
                    if (open.rowCount() > 0) {
                        Row p = open.iterator().next();
                        return Uni.createFrom().item(new Attempt(p.getUUID("id"), new Postings.PayoutAmounts(
                                p.getLong("amount_minor"), p.getLong("debt_settled_minor")), true));
                    }
                    return balances.position(tx, a.shopId(), asOf).flatMap(pos -> {
                        Postings.PayoutAmounts amounts = pos.payout();
                        if (amounts.paid() == 0) {
                            // nothing to pay; what is releasable still nets debt
                            return (amounts.debtSettled() == 0 ? Uni.createFrom().voidItem()
                                    : ledger.post(tx, Postings.payout(UUID.randomUUID(), a.shopId(), 0,
                                            amounts.debtSettled()), null, null, a.shopId()))
                                    .replaceWith((Attempt) null);
                        }
                        UUID id = UUID.randomUUID();
                        return tx.preparedQuery("INSERT INTO payout (id, shop_id, amount_minor, debt_settled_minor, "
                                + "status) VALUES ($1, $2, $3, $4, 'PENDING')")
                                .execute(Tuple.of(id, a.shopId(), amounts.paid(), amounts.debtSettled()))
                                .replaceWith(new Attempt(id, amounts, false));
                    });
                }))
                .flatMap(attempt -> attempt == null ? Uni.createFrom().nullItem()
                        : transfer(a, attempt).flatMap(outcome -> settle(attempt.id(), a.shopId(), attempt.amounts(),
                                outcome)));
    }

    /** What became of a transfer: made (its reference), refused for good (why), or not known (the payout stays open). */
    sealed interface Outcome {
        record Made(String reference) implements Outcome {
        }

        record Refused(String reason) implements Outcome {
        }

        /** The platform's available balance cannot cover it yet (buyers' charges still pending): paid by a later run. */
        record Deferred(String reason) implements Outcome {
        }

        record Unknown(String error) implements Outcome {
        }
    }

    private Uni<Outcome> transfer(PayoutAccount a, Attempt attempt) {
        String key = "payout:" + attempt.id();
        Uni<Optional<String>> existing = attempt.resumed() ? provider.findTransfer(key)
                : Uni.createFrom().item(Optional.empty());
        return existing.flatMap(found -> found.isPresent()
                ? Uni.createFrom().<Outcome>item(new Outcome.Made(found.get()))
                : provider.transfer(key, a.accountId(), attempt.amounts().paid(), key, null)
                        .map(r -> r.succeeded() ? new Outcome.Made(r.reference())
                                : PaymentProvider.BALANCE_INSUFFICIENT.equals(r.code()) ? new Outcome.Deferred(r.failure())
                                : new Outcome.Refused(r.failure())))
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("payout %s to shop %s: outcome unknown (%s); it stays open and is resumed", attempt.id(),
                            a.shopId(), e.getMessage());
                    return new Outcome.Unknown(String.valueOf(e.getMessage()));
                });
    }

    private Uni<PayoutView> settle(UUID id, UUID shopId, Postings.PayoutAmounts amounts, Outcome outcome) {
        return pool.withTransaction(tx -> lockShop(tx, shopId)
                .flatMap(x -> tx.preparedQuery("SELECT status FROM payout WHERE id = $1 FOR UPDATE")
                        .execute(Tuple.of(id)))
                .flatMap(rows -> {
                    String status = rows.iterator().next().getString("status");
                    if (!"PENDING".equals(status) && !"UNKNOWN".equals(status)) {
                        return Uni.createFrom().voidItem(); // settled meanwhile
                    }
                    return switch (outcome) {
                        case Outcome.Made made -> tx.preparedQuery("UPDATE payout SET status = 'PAID', "
                                + "transfer_reference = $2, attempts = attempts + 1, settled_at = now() WHERE id = $1")
                                .execute(Tuple.of(id, made.reference()))
                                .flatMap(x -> ledger.post(tx, Postings.payout(UUID.randomUUID(), shopId, amounts.paid(),
                                        amounts.debtSettled()), null, null, shopId))
                                .flatMap(x -> Outbox.append(tx, Envelope.of(new PaymentEvent.PayoutPaid(shopId, id,
                                        Money.usd(amounts.paid())), 0, Instant.now(), null, null)));
                        case Outcome.Unknown unknown -> tx.preparedQuery("UPDATE payout SET status = 'UNKNOWN', "
                                + "attempts = attempts + 1, last_error = $2 WHERE id = $1")
                                .execute(Tuple.of(id, unknown.error())).replaceWithVoid();
                        case Outcome.Deferred deferred -> {
                            LOG.infof("payout %s to shop %s deferred: the platform's available balance cannot cover it "
                                    + "yet (%s); the next run pays it", id, shopId, deferred.reason());
                            registry.counter("bazaar.payouts.deferred").increment();
                            yield tx.preparedQuery("UPDATE payout SET status = 'DEFERRED', failure_reason = $2, "
                                    + "attempts = attempts + 1, settled_at = now() WHERE id = $1")
                                    .execute(Tuple.of(id, "waiting for the platform's funds to settle: "
                                            + deferred.reason())).replaceWithVoid();
                        }
                        case Outcome.Refused refused -> {
                            LOG.warnf("payout %s to shop %s failed: %s", id, shopId, refused.reason());
                            yield tx.preparedQuery("UPDATE payout SET status = 'FAILED', failure_reason = $2, "
                                    + "attempts = attempts + 1, settled_at = now() WHERE id = $1")
                                    .execute(Tuple.of(id, refused.reason()))
                                    .flatMap(x -> Outbox.append(tx, Envelope.of(new PaymentEvent.PayoutFailed(shopId,
                                            id, Money.usd(amounts.paid()), refused.reason()), 0, Instant.now(), null,
                                            null)));
                        }
                    };
                })
                .flatMap(x -> tx.preparedQuery("SELECT * FROM payout WHERE id = $1").execute(Tuple.of(id)))
                .map(rows -> view(rows.iterator().next())));
    }

    /** Serialises a shop's payouts and transfer reversals (also across replicas). */
    static Uni<Void> lockShop(SqlClient tx, UUID shopId) {
        return tx.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1, 13))")
                .execute(Tuple.of(shopId.toString())).replaceWithVoid();
    }

    private static PayoutView view(Row r) {
        return new PayoutView(r.getUUID("id"), r.getUUID("shop_id"), Money.usd(r.getLong("amount_minor")),
                Money.usd(r.getLong("debt_settled_minor")), r.getString("status"), r.getString("failure_reason"),
                r.getOffsetDateTime("created_at").toInstant());
    }

    private static PayoutAccount account(Row r) {
        Requirements req = new Requirements(List.of(r.getArrayOfStrings("requirements_due")),
                List.of(r.getArrayOfStrings("requirements_past_due")), r.getString("disabled_reason"),
                r.getOffsetDateTime("requirements_deadline") == null ? null
                        : r.getOffsetDateTime("requirements_deadline").toInstant());
        boolean verified = r.getBoolean("verified");
        return new PayoutAccount(r.getUUID("shop_id"), r.getString("account_id"), verified,
                r.getString("onboarding_url"), Schedule.valueOf(r.getString("schedule")), req,
                !verified || req.any());
    }
}
