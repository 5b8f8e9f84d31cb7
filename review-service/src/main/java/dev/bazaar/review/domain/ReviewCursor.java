package dev.bazaar.review.domain;

import dev.bazaar.kit.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a newest-first list of reviews goes on: after the review written at {@code createdAt} with id {@code id} (the
 * order is createdAt descending, then id descending, so two reviews of the same millisecond still come in one order).
 * A cursor rather than a page number: reviews keep arriving at the top while a seller reads, and a page number would
 * then show some twice and skip others. Opaque to clients: base64url of {@code <instant>|<id>}.
 */
public record ReviewCursor(Instant createdAt, UUID id) {

    /** The cursor that continues after {@code last}, the last review of a page. */
    public static ReviewCursor after(Review last) {
        return new ReviewCursor(last.createdAt(), last.id());
    }

    public String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a client sent back; anything this API did not hand out is a 400 on {@code cursor}. */
    public static ReviewCursor decode(String cursor) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = s.indexOf('|');
            if (bar < 0) {
                throw invalid();
            }
            return new ReviewCursor(Instant.parse(s.substring(0, bar)), UUID.fromString(s.substring(bar + 1)));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw invalid();
        }
    }

    private static ProblemException invalid() {
        return new ProblemException.Invalid("cursor", "is not a cursor this API returned");
    }
}
