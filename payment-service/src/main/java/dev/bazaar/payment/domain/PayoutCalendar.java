package dev.bazaar.payment.domain;

import dev.bazaar.payment.domain.PayoutAccount.Schedule;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * When a seller's payout falls due: one period of their schedule after their last paid payout (a calendar month in
 * UTC for MONTHLY, so 31 January is followed by 28 or 29 February), and at once when they were never paid. A run up to
 * an hour early still pays that period, so the hourly runs do not drift a seller's payday a day later each time. The
 * payout run and the seller's "next payout" answer both ask this class, so what sellers are shown is what the run does.
 */
public final class PayoutCalendar {

    /** How early a run may come and still pay the period. */
    static final long EARLY_HOURS = 1;

    private PayoutCalendar() {}

    /** The first instant a run pays the seller again; null when they were never paid (due at once). */
    public static Instant dueFrom(Schedule schedule, Instant lastPaid) {
        if (lastPaid == null) {
            return null;
        }
        Instant next = switch (schedule) {
            case DAILY -> lastPaid.plus(1, ChronoUnit.DAYS);
            case WEEKLY -> lastPaid.plus(7, ChronoUnit.DAYS);
            case MONTHLY -> lastPaid.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant();
        };
        return next.minus(EARLY_HOURS, ChronoUnit.HOURS);
    }

    /** Whether a run at {@code asOf} pays the seller. */
    public static boolean isDue(Schedule schedule, Instant lastPaid, Instant asOf) {
        Instant from = dueFrom(schedule, lastPaid);
        return from == null || !asOf.isBefore(from);
    }

    /** The next payout's date seen at {@code asOf}: now when it is already due, else when it falls due. */
    public static Instant next(Schedule schedule, Instant lastPaid, Instant asOf) {
        Instant from = dueFrom(schedule, lastPaid);
        return from == null || !asOf.isBefore(from) ? asOf : from;
    }
}
