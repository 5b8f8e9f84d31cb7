package dev.bazaar.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.payment.domain.PayoutAccount.Requirements;
import dev.bazaar.payment.domain.PayoutAccount.Schedule;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When a payout falls due, by schedule, at the month ends, and for a seller never paid; and why none is paid. */
class PayoutCalendarTest {

    @ParameterizedTest(name = "{0} after {1}: due from {2}")
    @CsvSource(nullValues = "never", textBlock = """
            DAILY,   2026-03-10T12:00:00Z, 2026-03-11T11:00:00Z
            WEEKLY,  2026-03-10T12:00:00Z, 2026-03-17T11:00:00Z
            MONTHLY, 2026-03-10T12:00:00Z, 2026-04-10T11:00:00Z
            MONTHLY, 2026-01-31T12:00:00Z, 2026-02-28T11:00:00Z
            MONTHLY, 2028-01-31T12:00:00Z, 2028-02-29T11:00:00Z
            MONTHLY, 2026-03-31T00:30:00Z, 2026-04-29T23:30:00Z
            MONTHLY, 2026-12-31T12:00:00Z, 2027-01-31T11:00:00Z
            WEEKLY,  2026-12-28T12:00:00Z, 2027-01-04T11:00:00Z
            DAILY,   never,                never
            WEEKLY,  never,                never
            MONTHLY, never,                never
            """)
    void dueFromOnePeriodAfterTheLastPaidPayoutLessTheEarlyHour(Schedule schedule, Instant lastPaid, Instant dueFrom) {
        assertThat(PayoutCalendar.dueFrom(schedule, lastPaid)).isEqualTo(dueFrom);
    }

    @ParameterizedTest(name = "{0} after {1}, run at {2}: due {3}, next {4}")
    @CsvSource(nullValues = "never", textBlock = """
            DAILY,   2026-03-10T12:00:00Z, 2026-03-11T10:59:59Z, false, 2026-03-11T11:00:00Z
            DAILY,   2026-03-10T12:00:00Z, 2026-03-11T11:00:00Z, true,  2026-03-11T11:00:00Z
            DAILY,   2026-03-10T12:00:00Z, 2026-03-15T08:00:00Z, true,  2026-03-15T08:00:00Z
            WEEKLY,  2026-03-10T12:00:00Z, 2026-03-16T12:00:00Z, false, 2026-03-17T11:00:00Z
            WEEKLY,  2026-03-10T12:00:00Z, 2026-03-17T11:30:00Z, true,  2026-03-17T11:30:00Z
            MONTHLY, 2026-01-31T12:00:00Z, 2026-02-28T10:00:00Z, false, 2026-02-28T11:00:00Z
            MONTHLY, 2026-01-31T12:00:00Z, 2026-02-28T11:00:00Z, true,  2026-02-28T11:00:00Z
            MONTHLY, 2026-02-28T12:00:00Z, 2026-03-27T12:00:00Z, false, 2026-03-28T11:00:00Z
            DAILY,   never,                2026-03-10T12:00:00Z, true,  2026-03-10T12:00:00Z
            MONTHLY, never,                2026-03-10T12:00:00Z, true,  2026-03-10T12:00:00Z
            """)
    void aRunPaysFromTheDueInstantAndTheNextDateIsNeverInThePast(
            Schedule schedule, Instant lastPaid, Instant asOf, boolean due, Instant next) {
        assertThat(PayoutCalendar.isDue(schedule, lastPaid, asOf)).isEqualTo(due);
        assertThat(PayoutCalendar.next(schedule, lastPaid, asOf)).isEqualTo(next);
    }

    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    static final UUID SHOP = UUID.randomUUID();
    static final Requirements NONE = new Requirements(List.of(), List.of(), null, null);

    static PayoutAccount account(boolean verified, Requirements requirements) {
        return new PayoutAccount(SHOP, "acct_1", verified, null, Schedule.WEEKLY, requirements, requirements.any());
    }

    @Test
    void whyNoPayoutWouldBePaid() {
        assertThat(NextPayout.of(SHOP, null, null, 5_000, NOW))
                .extracting(NextPayout::willPay, NextPayout::blockedBy, NextPayout::date)
                .containsExactly(false, "no-payout-account", null);
        assertThat(NextPayout.of(SHOP, account(false, NONE), null, 5_000, NOW).blockedBy())
                .isEqualTo("account-not-verified");
        assertThat(NextPayout.of(
                                SHOP,
                                account(true, new Requirements(List.of("external_account"), List.of(), null, null)),
                                null,
                                5_000,
                                NOW)
                        .blockedBy())
                .isEqualTo("requirements-due");
        assertThat(NextPayout.of(
                                SHOP,
                                account(true, new Requirements(List.of(), List.of(), "rejected.fraud", null)),
                                null,
                                5_000,
                                NOW)
                        .blockedBy())
                .isEqualTo("requirements-due");
        assertThat(NextPayout.of(SHOP, account(true, NONE), null, 0, NOW).blockedBy())
                .isEqualTo("nothing-available");
    }

    @Test
    void aVerifiedAccountWithMoneyIsPaidItsAvailableBalanceOnTheScheduledDate() {
        Instant lastPaid = Instant.parse("2026-03-08T12:00:00Z");
        NextPayout next = NextPayout.of(SHOP, account(true, NONE), lastPaid, 9_500, NOW);
        assertThat(next.willPay()).isTrue();
        assertThat(next.blockedBy()).isNull();
        assertThat(next.amount().amount()).isEqualTo(9_500);
        assertThat(next.date()).isEqualTo(Instant.parse("2026-03-15T11:00:00Z"));
        assertThat(next.schedule()).isEqualTo(Schedule.WEEKLY);
    }
}
