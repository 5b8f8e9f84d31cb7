package dev.bazaar.kit.ratelimit;

import dev.bazaar.kit.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/**
 * Abuse limits shared by every replica, in Redis, each checked and counted in one atomic script:
 * <ul>
 * <li>{@link #acquire}: a fixed window of {@code limit} requests per {@code window} per subject (a buyer, an IP);</li>
 * <li>{@link #lease}: at most {@code max} things held at once per subject (open streams, running checkouts), each
 * lease expiring by itself after {@code ttl} so a crashed replica cannot leak permits.</li>
 * </ul>
 * Over a limit the call fails with {@link ProblemException.TooManyRequests} (429 problem+json, {@code Retry-After}) and
 * nothing was counted for a refused lease. {@code bazaar_rate_limited_total{limit}} counts refusals.
 */
@ApplicationScoped
@IfBuildProperty(name = "bazaar.kit.redis.enabled", stringValue = "true")
public class RateLimiter {

    /** KEYS[1] counter; ARGV[1] limit, ARGV[2] window ms. Answers 0 when allowed, else the ms until the window ends. */
    static final String WINDOW = """
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            if n <= tonumber(ARGV[1]) then return 0 end
            local left = redis.call('PTTL', KEYS[1])
            if left < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]); left = tonumber(ARGV[2]) end
            return left
            """;

    /**
     * KEYS[1] sorted set of leases scored by expiry; ARGV[1] max, ARGV[2] lease id, ARGV[3] now ms, ARGV[4] ttl ms.
     * Answers 0 when taken, else the ms until the oldest lease expires.
     */
    static final String LEASE = """
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
            if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
              local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
              return math.max(1, tonumber(first[2]) - tonumber(ARGV[3]))
            end
            redis.call('ZADD', KEYS[1], tonumber(ARGV[3]) + tonumber(ARGV[4]), ARGV[2])
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            return 0
            """;

    /** A held lease; {@link #release} gives it back (idempotent). */
    public interface Lease {
        Uni<Void> release();
    }

    private final ReactiveRedisDataSource redis;
    private final MeterRegistry metrics;

    public RateLimiter(ReactiveRedisDataSource redis, MeterRegistry metrics) {
        this.redis = redis;
        this.metrics = metrics;
    }

    /**
     * Counts one request of {@code subject} against {@code limit} per {@code window}; fails with 429 past it.
     * {@code what} names the limit in the answer ("searches per minute from one address").
     */
    public Uni<Void> acquire(String limitName, String subject, int limit, Duration window, String what) {
        if (limit <= 0) {
            return Uni.createFrom().voidItem();
        }
        return redis.execute(
                        "EVAL",
                        WINDOW,
                        "1",
                        key(limitName, subject),
                        Integer.toString(limit),
                        Long.toString(window.toMillis()))
                .map(r -> {
                    long left = r.toLong();
                    if (left > 0) {
                        throw refused(
                                limitName,
                                left,
                                "Too many " + what + " (" + limit + " per " + human(window) + "); try again later.");
                    }
                    return null;
                });
    }

    /** Takes one of at most {@code max} concurrent leases of {@code subject}; fails with 429 when all are held. */
    public Uni<Lease> lease(String limitName, String subject, int max, Duration ttl, String what) {
        String key = key(limitName, subject);
        String id = java.util.UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        return redis.execute(
                        "EVAL",
                        LEASE,
                        "1",
                        key,
                        Integer.toString(max),
                        id,
                        Long.toString(now),
                        Long.toString(ttl.toMillis()))
                .map(r -> {
                    long left = r.toLong();
                    if (left > 0) {
                        throw refused(
                                limitName,
                                left,
                                "Too many " + what + " at once (at most " + max + "); close one or wait.");
                    }
                    return () -> redis.execute("ZREM", key, id).replaceWithVoid();
                });
    }

    private ProblemException.TooManyRequests refused(String limitName, long leftMillis, String detail) {
        metrics.counter("bazaar.rate.limited", List.of(io.micrometer.core.instrument.Tag.of("limit", limitName)))
                .increment();
        return new ProblemException.TooManyRequests(Duration.ofMillis(Math.max(1000, leftMillis)), detail);
    }

    static String key(String limitName, String subject) {
        return "limit:" + limitName + ":" + subject;
    }

    static String human(Duration d) {
        if (d.toSeconds() % 3600 == 0 && d.toSeconds() >= 3600) {
            long h = d.toHours();
            return h == 1 ? "hour" : h + " hours";
        }
        if (d.toSeconds() % 60 == 0 && d.toSeconds() >= 60) {
            long m = d.toMinutes();
            return m == 1 ? "minute" : m + " minutes";
        }
        long s = d.toSeconds();
        return s == 1 ? "second" : s + " seconds";
    }
}
