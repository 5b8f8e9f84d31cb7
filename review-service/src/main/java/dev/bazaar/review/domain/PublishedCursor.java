package dev.bazaar.review.domain;

import dev.bazaar.kit.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;

/**
 * Where a subject's list of published reviews goes on: after the review {@code id}, which had {@code helpfulCount}
 * votes and was first shown at {@code publishedAt} (milliseconds, as the store keeps it) — in the {@code sort} the
 * cursor was made for. A position rather than a page number: reviews keep arriving at the top while a buyer reads, and
 * page numbers would then show some twice and skip others. A review that gets votes while someone pages through the
 * helpful order can move past the cursor; the order is still total, so a list that does not change pages without
 * repeats or gaps.
 *
 * <p>Opaque to clients: base64url of {@code n.<publishedAt ms>.<id>} or {@code h.<helpfulCount>.<publishedAt ms>.<id>}.
 * Anything else, a cursor of the other sort included, is a 400 on {@code cursor}.
 */
public record PublishedCursor(ReviewSort sort, int helpfulCount, Instant publishedAt, UUID id) {

    /** The cursor after {@code last}, the last review of a page in {@code sort} (newest: its votes do not count). */
    public static PublishedCursor after(Review last, ReviewSort sort) {
        return new PublishedCursor(
                sort,
                sort == ReviewSort.HELPFUL ? last.helpfulVoters().size() : 0,
                Instant.ofEpochMilli(last.publishedAt().toEpochMilli()),
                last.id());
    }

    public String encode() {
        String s = sort == ReviewSort.HELPFUL
                ? "h." + helpfulCount + "." + publishedAt.toEpochMilli() + "." + id
                : "n." + publishedAt.toEpochMilli() + "." + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor a client sent back for a list in {@code sort}. */
    public static PublishedCursor decode(String cursor, ReviewSort sort) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split("\\.", -1);
        } catch (IllegalArgumentException e) {
            throw invalid("is not a cursor this API returned");
        }
        boolean helpful = sort == ReviewSort.HELPFUL;
        if (parts[0].equals(helpful ? "n" : "h")) {
            throw invalid("belongs to the other order: start again without it for sort="
                    + sort.name().toLowerCase(Locale.ROOT));
        }
        if (!parts[0].equals(helpful ? "h" : "n") || parts.length != (helpful ? 4 : 3)) {
            throw invalid("is not a cursor this API returned");
        }
        try {
            int votes = helpful ? Integer.parseInt(parts[1]) : 0;
            long millis = Long.parseLong(parts[helpful ? 2 : 1]);
            UUID id = UUID.fromString(parts[helpful ? 3 : 2]);
            if (votes < 0 || !id.toString().equals(parts[helpful ? 3 : 2])) {
                throw invalid("is not a cursor this API returned");
            }
            return new PublishedCursor(sort, votes, Instant.ofEpochMilli(millis), id);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw invalid("is not a cursor this API returned");
        }
    }

    private static ProblemException invalid(String message) {
        return new ProblemException.Invalid("cursor", message);
    }
}
