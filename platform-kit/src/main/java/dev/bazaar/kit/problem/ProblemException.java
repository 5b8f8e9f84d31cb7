package dev.bazaar.kit.problem;

import java.time.Duration;
import java.util.List;

/**
 * A domain failure that reaches the client as problem+json: services throw a subclass (or this with a slug) and the
 * one mapper in {@link ProblemMappers} renders it. The slug becomes the stable {@code type} URI.
 */
public class ProblemException extends RuntimeException {

    private final String slug;
    private final String title;
    private final int status;

    public ProblemException(String slug, String title, int status, String detail) {
        super(detail);
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public Problem toProblem() {
        return Problem.of(slug, title, status, getMessage());
    }

    public int status() {
        return status;
    }

    /** When the client may try again ({@code Retry-After}), or null. */
    public Duration retryAfter() {
        return null;
    }

    /** 400 found by a rule beyond Bean Validation (an unknown category, a variant that does not exist…). */
    public static class Invalid extends ProblemException {
        private final Problem.Violation violation;

        public Invalid(String field, String message) {
            super("validation", "Invalid request", 400, "The request has 1 invalid field(s).");
            this.violation = new Problem.Violation(field, message);
        }

        @Override
        public Problem toProblem() {
            Problem p = super.toProblem();
            return new Problem(p.type(), p.title(), p.status(), p.detail(), null, List.of(violation), null);
        }
    }

    /** 404: the resource does not exist, or belongs to another tenant (existence is not leaked). */
    public static class NotFound extends ProblemException {
        public NotFound(String detail) {
            super("not-found", "Not found", 404, detail);
        }
    }

    /** 409: the request conflicts with the resource's current state. */
    public static class Conflict extends ProblemException {
        public Conflict(String slug, String detail) {
            super(slug, "Conflict", 409, detail);
        }
    }

    /** 429 with {@code Retry-After}: the caller sent more than its share; nothing was changed. */
    public static class TooManyRequests extends ProblemException {
        private final Duration retryAfter;

        public TooManyRequests(Duration retryAfter, String detail) {
            super("rate-limited", "Too many requests", 429, detail);
            this.retryAfter = retryAfter;
        }

        @Override
        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /** 503 with {@code Retry-After}: a dependency this request needs is down; nothing was changed. */
    public static class Unavailable extends ProblemException {
        private final Duration retryAfter;

        public Unavailable(String slug, Duration retryAfter, String detail) {
            super(slug, "Service unavailable", 503, detail);
            this.retryAfter = retryAfter;
        }

        @Override
        public Duration retryAfter() {
            return retryAfter;
        }
    }
}
