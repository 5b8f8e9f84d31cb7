package dev.bazaar.kit.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}). {@code type} is stable per kind of problem so
 * clients can switch on it; {@code violations} lists field errors of a 400; {@code errorId} ties a 500 to its log line.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        URI type,
        String title,
        int status,
        String detail,
        String instance,
        List<Violation> violations,
        String errorId) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://bazaar.dev/problems/";

    public record Violation(String field, String message) {}

    public static URI type(String slug) {
        return URI.create(TYPE_BASE + slug);
    }

    public static Problem of(String slug, String title, int status, String detail) {
        return new Problem(type(slug), title, status, detail, null, null, null);
    }

    /**
     * 503 {@code busy}: the service is overloaded, not broken, and the client may retry after the answer's
     * {@code Retry-After} (a full store pool, ProblemMappers; too many requests in flight, kit.admission).
     */
    public static Problem busy() {
        return of("busy", "Service unavailable", 503, "The service is busy; try again in a moment.");
    }

    public Problem withInstance(String instance) {
        return new Problem(type, title, status, detail, instance, violations, errorId);
    }
}
