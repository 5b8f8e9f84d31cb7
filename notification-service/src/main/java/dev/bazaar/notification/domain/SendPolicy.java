package dev.bazaar.notification.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * What a failed send becomes: tried again after an exponential backoff ({@code first}, twice that, … capped at
 * {@code max}) until {@code maxAttempts} attempts were made, then DEAD for an admin to look at.
 */
public record SendPolicy(int maxAttempts, Duration first, Duration max) {

    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"'(),;:]+@[^\\s<>\"'(),;:]+");
    private static final int MAX_ERROR = 500;

    public SendPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts is at least 1, got " + maxAttempts);
        }
        if (first.isNegative() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff " + first + " .. " + max + " is not a range");
        }
    }

    /** A failure after {@code attempts} attempts (this one included): when to try again, or dead. */
    public sealed interface AfterFailure {}

    public record RetryAt(Instant at) implements AfterFailure {}

    public record Dead() implements AfterFailure {}

    public AfterFailure afterFailure(int attempts, Instant now) {
        if (attempts >= maxAttempts) {
            return new Dead();
        }
        return new RetryAt(now.plus(backoff(attempts)));
    }

    /** The wait after the {@code attempts}-th failed attempt: first × 2^(attempts − 1), at most {@code max}. */
    public Duration backoff(int attempts) {
        int doublings = Math.max(0, Math.min(attempts - 1, 30));
        Duration d = first.multipliedBy(1L << doublings);
        return d.compareTo(max) > 0 ? max : d;
    }

    /**
     * A failure's text as stored and logged: any email address in it (an SMTP server's reply often repeats the
     * recipient's) replaced by {@code <address>}, and cut to 500 characters.
     */
    public static String describe(Throwable failure) {
        String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        String clean = ADDRESS.matcher(text).replaceAll("<address>");
        return clean.length() > MAX_ERROR ? clean.substring(0, MAX_ERROR) : clean;
    }
}
