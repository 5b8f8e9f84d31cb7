package dev.bazaar.cart.persistence;

import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;

/** What a write script answered: OK with two numbers (and the line written, for adds and changes), or a refusal. */
public record WriteOutcome(String code, long first, long second, String line) {

    public static WriteOutcome of(Response r) {
        return new WriteOutcome(
                r.get(0).toString(),
                r.size() > 1 ? r.get(1).toLong() : 0,
                r.size() > 2 ? r.get(2).toLong() : 0,
                r.size() > 3 ? r.get(3).toString() : null);
    }

    public boolean ok() {
        return "OK".equals(code);
    }

    public boolean is(String refusal) {
        return refusal.equals(code);
    }

    /** For RATE: how long until the window that refused this ends. */
    public Duration retryAfter() {
        return Duration.ofMillis(first);
    }
}
