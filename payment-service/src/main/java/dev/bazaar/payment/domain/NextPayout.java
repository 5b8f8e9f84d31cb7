package dev.bazaar.payment.domain;

import dev.bazaar.contracts.money.Money;
import java.time.Instant;
import java.util.UUID;

/**
 * A seller's next payout as the payout run would make it: its date (from the schedule and the last paid payout, see
 * {@link PayoutCalendar}), its amount (the available balance net of debt, what a run would transfer now) and, when the
 * run would pay nothing, why: {@code no-payout-account}, {@code account-not-verified}, {@code requirements-due} or
 * {@code nothing-available}. {@code date} and {@code schedule} are null without an account; {@code lastPaid} is null
 * when the seller was never paid.
 */
public record NextPayout(
        UUID shopId,
        Instant date,
        Money amount,
        boolean willPay,
        String blockedBy,
        PayoutAccount.Schedule schedule,
        Instant lastPaid,
        Instant asOf) {

    /** The answer for a shop whose account is {@code account} (null: none) with {@code available} minor units. */
    public static NextPayout of(UUID shopId, PayoutAccount account, Instant lastPaid, long available, Instant asOf) {
        Money amount = Money.usd(Math.max(0, available));
        if (account == null) {
            return new NextPayout(shopId, null, amount, false, "no-payout-account", null, lastPaid, asOf);
        }
        Instant date = PayoutCalendar.next(account.schedule(), lastPaid, asOf);
        String blockedBy = !account.verified()
                ? "account-not-verified"
                : account.requirements() != null && account.requirements().any()
                        ? "requirements-due"
                        : available <= 0 ? "nothing-available" : null;
        return new NextPayout(shopId, date, amount, blockedBy == null, blockedBy, account.schedule(), lastPaid, asOf);
    }
}
