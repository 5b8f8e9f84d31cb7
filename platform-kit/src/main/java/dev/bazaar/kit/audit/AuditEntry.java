package dev.bazaar.kit.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of the admins' audit log. A request leaves two: {@link Phase#REQUESTED} before it runs (who, what, when) and
 * {@link Phase#COMPLETED} once it has answered (the status, the request body, the state before where the service
 * recorded it with {@link AuditBefore}, and the answer). A REQUESTED row without its COMPLETED twin is an action
 * whose outcome was not recorded (the process died, or the log could not be written after the action): read the
 * service's own state for it. JSON fields are kept as text, cut at {@link #MAX_JSON} characters.
 */
public record AuditEntry(
        long seq,
        UUID requestId,
        Phase phase,
        Instant at,
        String service,
        String actor,
        String actorName,
        String method,
        String path,
        Integer status,
        String request,
        String before,
        String after) {

    public static final int MAX_JSON = 8_000;

    public enum Phase {
        REQUESTED,
        COMPLETED
    }

    /** {@code text} cut to {@link #MAX_JSON} characters, marked as cut. */
    public static String clip(String text) {
        if (text == null || text.length() <= MAX_JSON) {
            return text;
        }
        return text.substring(0, MAX_JSON) + "…(cut)";
    }
}
