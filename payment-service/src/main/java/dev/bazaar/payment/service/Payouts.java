package dev.bazaar.payment.service;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.PaymentEvent;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.kit.leader.JobLock;
import dev.bazaar.kit.outbox.Outbox;
import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.payment.config.PortalLinks;
import dev.bazaar.payment.domain.NextPayout;
import dev.bazaar.payment.domain.PayoutAccount;
import dev.bazaar.payment.domain.PayoutAccount.Requirements;
import dev.bazaar.payment.domain.PayoutAccount.Schedule;
import dev.bazaar.payment.domain.PayoutCalendar;
import dev.bazaar.payment.domain.PayoutView;
import dev.bazaar.payment.domain.Postings;
import dev.bazaar.payment.persistence.LedgerRepository;
import dev.bazaar.payment.persistence.PayoutAccountRepository;
import dev.bazaar.payment.persistence.PayoutStore;
import dev.bazaar.payment.provider.PaymentProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

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
 * <p>
 * The account (with its schedule) is an aggregate written and read as a whole through Hibernate Reactive with Panache
 * ({@link PayoutAccountRepository}, in {@code Panache.withSession} / {@code withTransaction}; a change row-locks it
 * first); payouts and their postings stay on the reactive client in {@code Pool.withTransaction} (ADR 0016). Never
 * hold a Panache session across a provider call.
 */
@ApplicationScoped
public class Payouts {

    private static final Logger LOG = Logger.getLogger(Payouts.class);

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
    private final PayoutStore store;
    private final PayoutAccountRepository accounts;
    private final PaymentProvider provider;
    private final SellerBalances balances;
    private final LedgerRepository ledger;
    private final JobLock runLock;
    private final PortalLinks portal;
    private final MeterRegistry registry;
    private final Clock clock;

    public Payouts(
            Pool pool,
            PayoutStore store,
            PayoutAccountRepository accounts,
            PaymentProvider provider,
            SellerBalances balances,
            LedgerRepository ledger,
            PortalLinks portal,
            MeterRegistry registry,
            Clock clock) {
        this.pool = pool;
        this.store = store;
        this.accounts = accounts;
        this.provider = provider;
        this.balances = balances;
        this.ledger = ledger;
        this.portal = portal;
        this.registry = registry;
        this.clock = clock;
        this.runLock = new JobLock(pool, "payment-service:payout-run-in-progress");
    }

    /**
     * Opens (once) the seller's connected account; answers the existing one on a repeat. Its onboarding link returns
     * the seller to the portal's payouts page ({@code bazaar.portal.public-url} + {@code /payouts}). Two opens at once
     * get the same account from the provider (one idempotency key per shop); the second insert finds the first one's
     * row and answers it, as the first one stays.
     */
    public Uni<PayoutAccount> openAccount(UUID shopId, String country) {
        return account(shopId)
                .flatMap(existing -> existing != null
                        ? Uni.createFrom().item(existing)
                        : provider.createConnectedAccount(
                                        "account:" + shopId,
                                        shopId.toString(),
                                        country,
                                        portal.payoutsPage(),
                                        portal.payoutsPage())
                                .flatMap(r -> {
                                    if (!r.succeeded()) {
                                        throw new ProblemException(
                                                "payout-account-failed",
                                                "Payout account not created",
                                                502,
                                                r.failure());
                                    }
                                    // a transaction (and session) of its own: a failed flush leaves its session
                                    // unusable
                                    return Panache.withTransaction(() -> accounts.insert(
                                                    shopId,
                                                    provider.name(),
                                                    r.accountId(),
                                                    r.verified(),
                                                    r.onboardingUrl()))
                                            .onFailure(PayoutAccountRepository::isAccountOfShopTaken)
                                            .recoverWithUni(() -> account(shopId));
                                }));
    }

    /** The shop's payout account, or null when it has none. */
    public Uni<PayoutAccount> account(UUID shopId) {
        return Panache.withSession(() -> accounts.ofShop(shopId)).map(found -> found.orElse(null));
    }

    public Uni<PayoutAccount> setSchedule(UUID shopId, Schedule schedule) {
        return Panache.withTransaction(() -> accounts.lock(shopId)
                .map(found -> found.orElseThrow(Payouts::noAccount))
                .flatMap(a -> accounts.update(a.withSchedule(schedule))));
    }

    private static ProblemException noAccount() {
        return new ProblemException.Conflict(
                "no-payout-account", "Open a payout account first (POST /api/v1/seller/payout-account).");
    }

    /**
     * Stripe's account.updated, in the caller's Panache transaction (the event's row commits with it): payouts may
     * start once the account can receive them and nothing is due. Applied only if no newer update was (events may
     * arrive out of order; the account is row-locked first); answers what it did.
     */
    public Uni<String> accountUpdated(PayoutAccount.Update u) {
        return accounts.lockByAccountId(u.accountId()).flatMap(locked -> {
            if (locked.isEmpty()) {
                return Uni.createFrom().item("unknown account");
            }
            Instant last = locked.get().providerUpdatedAt();
            if (last != null && last.isAfter(u.at())) {
                return Uni.createFrom().item("stale: a newer account.updated was applied");
            }
            Requirements r = u.requirements();
            return accounts.applyProviderUpdate(locked.get().shopId(), u)
                    .map(x -> !u.payoutsEnabled()
                            ? "payout account not (yet) verified"
                            : r.any()
                                    ? "payout account verified; requirements due, payouts paused: "
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

    /**
     * A fresh onboarding link for the seller's account (the provider's links expire within minutes and work once):
     * where the seller gives the provider what is due. Answers the account with the new link.
     */
    public Uni<PayoutAccount> onboardingLink(UUID shopId) {
        return account(shopId).flatMap(a -> {
            if (a == null) {
                throw noAccount();
            }
            // one link per account and minute: a double click gets the same link
            String key = "account-link:" + a.accountId() + ":" + clock.instant().truncatedTo(ChronoUnit.MINUTES);
            return provider.onboardingLink(key, a.accountId(), portal.payoutsPage(), portal.payoutsPage())
                    .flatMap(r -> {
                        if (!r.succeeded()) {
                            throw new ProblemException(
                                    "onboarding-link-failed", "No onboarding link", 502, r.failure());
                        }
                        return Panache.withTransaction(() -> accounts.lock(shopId)
                                .map(found -> found.orElseThrow(Payouts::noAccount))
                                .flatMap(locked -> accounts.update(locked.withOnboardingUrl(r.reference()))));
                    });
        });
    }

    public Uni<List<PayoutView>> of(UUID shopId) {
        return store.ofShop(shopId);
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
        return store.payableAccounts().flatMap(candidates -> {
            List<PayoutAccount> due = new ArrayList<>();
            for (PayoutStore.Candidate c : candidates) {
                if (c.open() || PayoutCalendar.isDue(c.account().schedule(), c.lastPaid(), asOf)) {
                    due.add(c.account());
                }
            }
            // one account after the other, as a stream: a chain of flatMaps built over every due account overflowed
            // the stack once a dev stack held a few thousand shops
            return Multi.createFrom()
                    .iterable(due)
                    .onItem()
                    .transformToUniAndConcatenate(a -> payOne(a, asOf))
                    .collect()
                    .asList()
                    .map(paid -> {
                        RunResult result = new RunResult(asOf, 0, 0, 0, 0, Money.usd(0));
                        for (var p : paid) {
                            result = result.add(p);
                        }
                        return result;
                    });
        });
    }

    /**
     * The seller's next payout as a run would make it now: the date by their schedule and last paid payout (the run's
     * own rule), the amount their available balance would transfer, and why nothing would be paid if so.
     */
    public Uni<NextPayout> next(UUID shopId, Instant asOf) {
        return account(shopId)
                .flatMap(a -> store.lastPaid(shopId)
                        .flatMap(last -> balances.position(pool, shopId, asOf)
                                .map(pos -> NextPayout.of(
                                        shopId,
                                        a,
                                        last.orElse(null),
                                        pos.payout().paid(),
                                        asOf))));
    }

    /** A payout to make or finish: its id, amounts, and whether an earlier attempt may have reached the provider. */
    private record Attempt(UUID id, Postings.PayoutAmounts amounts, boolean resumed) {}

    /**
     * One seller: under the shop's lock, the open payout if a fault left one (it keeps its id, so its idempotency key),
     * else a new PENDING payout of the available balance (net of debt); then the transfer, outside any transaction;
     * then the outcome. A resumed payout first asks the provider whether the transfer exists.
     */
    private Uni<PayoutView> payOne(PayoutAccount a, Instant asOf) {
        return pool.withTransaction(tx -> store.lockShop(tx, a.shopId())
                        .flatMap(x -> store.lockOpen(tx, a.shopId()))
                        .flatMap(open -> {
                            if (open.isPresent()) {
                                return Uni.createFrom()
                                        .item(new Attempt(
                                                open.get().id(), open.get().amounts(), true));
                            }
                            return balances.position(tx, a.shopId(), asOf).flatMap(pos -> {
                                Postings.PayoutAmounts amounts = pos.payout();
                                if (amounts.paid() == 0) {
                                    // nothing to pay; what is releasable still nets debt
                                    return (amounts.debtSettled() == 0
                                                    ? Uni.createFrom().voidItem()
                                                    : ledger.post(
                                                            tx,
                                                            Postings.payout(
                                                                    UUID.randomUUID(),
                                                                    a.shopId(),
                                                                    0,
                                                                    amounts.debtSettled()),
                                                            null,
                                                            null,
                                                            a.shopId()))
                                            .replaceWith((Attempt) null);
                                }
                                UUID id = UUID.randomUUID();
                                return store.insertPending(tx, id, a.shopId(), amounts)
                                        .replaceWith(new Attempt(id, amounts, false));
                            });
                        }))
                .flatMap(attempt -> attempt == null
                        ? Uni.createFrom().nullItem()
                        : transfer(a, attempt)
                                .flatMap(outcome -> settle(attempt.id(), a.shopId(), attempt.amounts(), outcome)));
    }

    /** What became of a transfer: made (its reference), refused for good (why), or not known (the payout stays open). */
    sealed interface Outcome {
        record Made(String reference) implements Outcome {}

        record Refused(String reason) implements Outcome {}

        /** The platform's available balance cannot cover it yet (buyers' charges still pending): paid by a later run. */
        record Deferred(String reason) implements Outcome {}

        record Unknown(String error) implements Outcome {}
    }

    private Uni<Outcome> transfer(PayoutAccount a, Attempt attempt) {
        String key = "payout:" + attempt.id();
        Uni<Optional<String>> existing = attempt.resumed()
                ? provider.findTransfer(key)
                : Uni.createFrom().item(Optional.empty());
        return existing.flatMap(found -> found.isPresent()
                        ? Uni.createFrom().<Outcome>item(new Outcome.Made(found.get()))
                        : provider.transfer(
                                        key, a.accountId(), attempt.amounts().paid(), key, null)
                                .map(r -> r.succeeded()
                                        ? new Outcome.Made(r.reference())
                                        : PaymentProvider.BALANCE_INSUFFICIENT.equals(r.code())
                                                ? new Outcome.Deferred(r.failure())
                                                : new Outcome.Refused(r.failure())))
                .onFailure()
                .recoverWithItem(e -> {
                    LOG.warnf(
                            e,
                            "payout %s to shop %s: outcome unknown; it stays open and is resumed",
                            attempt.id(),
                            a.shopId());
                    return new Outcome.Unknown(String.valueOf(e.getMessage()));
                });
    }

    private Uni<PayoutView> settle(UUID id, UUID shopId, Postings.PayoutAmounts amounts, Outcome outcome) {
        return pool.withTransaction(tx -> store.lockShop(tx, shopId)
                .flatMap(x -> store.lockStatus(tx, id))
                .flatMap(status -> {
                    if (!"PENDING".equals(status) && !"UNKNOWN".equals(status)) {
                        return Uni.createFrom().voidItem(); // settled meanwhile
                    }
                    return switch (outcome) {
                        case Outcome.Made made ->
                            store.markPaid(tx, id, made.reference())
                                    .flatMap(x -> ledger.post(
                                            tx,
                                            Postings.payout(
                                                    UUID.randomUUID(), shopId, amounts.paid(), amounts.debtSettled()),
                                            null,
                                            null,
                                            shopId))
                                    .flatMap(x -> Outbox.append(
                                            tx,
                                            Envelope.of(
                                                    new PaymentEvent.PayoutPaid(shopId, id, Money.usd(amounts.paid())),
                                                    0,
                                                    clock.instant(),
                                                    null,
                                                    null)));
                        case Outcome.Unknown unknown -> store.markUnknown(tx, id, unknown.error());
                        case Outcome.Deferred deferred -> {
                            LOG.infof(
                                    "payout %s to shop %s deferred: the platform's available balance cannot cover it "
                                            + "yet (%s); the next run pays it",
                                    id, shopId, deferred.reason());
                            registry.counter("bazaar.payouts.deferred").increment();
                            yield store.markDeferred(
                                    tx, id, "waiting for the platform's funds to settle: " + deferred.reason());
                        }
                        case Outcome.Refused refused -> {
                            LOG.warnf("payout %s to shop %s failed: %s", id, shopId, refused.reason());
                            yield store.markFailed(tx, id, refused.reason())
                                    .flatMap(x -> Outbox.append(
                                            tx,
                                            Envelope.of(
                                                    new PaymentEvent.PayoutFailed(
                                                            shopId, id, Money.usd(amounts.paid()), refused.reason()),
                                                    0,
                                                    clock.instant(),
                                                    null,
                                                    null)));
                        }
                    };
                })
                .flatMap(x -> store.byId(tx, id)));
    }
}
