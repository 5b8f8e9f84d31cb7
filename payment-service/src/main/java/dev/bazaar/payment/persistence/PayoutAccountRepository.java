package dev.bazaar.payment.persistence;

import dev.bazaar.payment.domain.PayoutAccount;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Sellers' payout accounts (with their payout schedule) through Hibernate Reactive (Panache): the one way the account's
 * own fields are written. Callers hold the session and transaction ({@code Panache.withSession},
 * {@code Panache.withTransaction}); what leaves here is the domain's {@link PayoutAccount}, never the entity. The
 * payout run's candidates and a refund's reversible payout read the account joined with payouts in one statement
 * ({@link PayoutStore#payableAccounts}, {@link PayoutStore#lastReversible}): reads only, ADR 0016.
 */
@ApplicationScoped
public class PayoutAccountRepository implements PanacheRepositoryBase<PayoutAccountEntity, UUID> {

    /** The provider's account, locked: its shop, and when the provider last updated it (null when never). */
    public record LockedAccount(UUID shopId, Instant providerUpdatedAt) {}

    private static final String PRIMARY_KEY = "payout_account_pkey";

    private final Clock clock;

    public PayoutAccountRepository(Clock clock) {
        this.clock = clock;
    }

    /** The shop's account; empty when it has none. */
    public Uni<Optional<PayoutAccount>> ofShop(UUID shopId) {
        return findById(shopId).map(PayoutAccountRepository::account);
    }

    /**
     * A new account, as the provider opened it: weekly payouts, nothing required yet. Flushed here: a shop that has an
     * account already fails with a unique violation of the primary key ({@link #isAccountOfShopTaken}).
     */
    public Uni<PayoutAccount> insert(
            UUID shopId, String provider, String accountId, boolean verified, String onboardingUrl) {
        PayoutAccountEntity e = new PayoutAccountEntity();
        e.shopId = shopId;
        e.provider = provider;
        e.accountId = accountId;
        e.verified = verified;
        e.onboardingUrl = onboardingUrl;
        e.schedule = PayoutAccount.Schedule.WEEKLY;
        e.requirementsDue = new String[0];
        e.requirementsPastDue = new String[0];
        return persistAndFlush(e).map(PayoutAccountEntity::toAccount);
    }

    /** Reads and row-locks the shop's account for a change in the current transaction; empty when it has none. */
    public Uni<Optional<PayoutAccount>> lock(UUID shopId) {
        return findById(shopId, LockModeType.PESSIMISTIC_WRITE).map(PayoutAccountRepository::account);
    }

    /** Reads and row-locks the provider's account for the rest of the transaction; empty when no shop has it. */
    public Uni<Optional<LockedAccount>> lockByAccountId(String accountId) {
        return find("accountId", accountId)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult()
                .map(e -> Optional.ofNullable(e).map(a -> new LockedAccount(a.shopId, a.providerUpdatedAt)));
    }

    /**
     * Writes what the seller and the platform change of an account locked in this transaction ({@link #lock}): its
     * payout schedule and its onboarding link. Flushed here; answers the account as written.
     */
    public Uni<PayoutAccount> update(PayoutAccount account) {
        return findById(account.shopId()).flatMap(e -> {
            e.schedule = account.schedule();
            e.onboardingUrl = account.onboardingUrl();
            e.updatedAt = now();
            return flush().map(x -> e.toAccount());
        });
    }

    /**
     * The provider's view of an account locked in this transaction ({@link #lockByAccountId}) as of {@code u.at()}:
     * verified, and what it still requires. Flushed here.
     */
    public Uni<PayoutAccount> applyProviderUpdate(UUID shopId, PayoutAccount.Update u) {
        PayoutAccount.Requirements r = u.requirements();
        return findById(shopId).flatMap(e -> {
            e.verified = u.payoutsEnabled();
            e.requirementsDue = r.currentlyDue().toArray(String[]::new);
            e.requirementsPastDue = r.pastDue().toArray(String[]::new);
            e.disabledReason = r.disabledReason();
            e.requirementsDeadline = r.deadline();
            e.providerUpdatedAt = u.at();
            e.updatedAt = now();
            return flush().map(x -> e.toAccount());
        });
    }

    /**
     * Whether {@code e} (or one of its causes) is the unique violation of a second account for one shop (SQLSTATE
     * 23505 on the primary key). Hibernate Reactive wraps the driver's exception; either may carry it.
     */
    public static boolean isAccountOfShopTaken(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg) {
                return "23505".equals(pg.getSqlState()) && PRIMARY_KEY.equals(pg.getConstraint());
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException cv
                    && "23505".equals(cv.getSQLState())
                    && cv.getConstraintName() != null
                    && cv.getConstraintName().contains(PRIMARY_KEY)) {
                return true;
            }
        }
        return false;
    }

    /** The service clock's now, at PostgreSQL's precision (microseconds). */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Optional<PayoutAccount> account(PayoutAccountEntity e) {
        return Optional.ofNullable(e).map(PayoutAccountEntity::toAccount);
    }
}
