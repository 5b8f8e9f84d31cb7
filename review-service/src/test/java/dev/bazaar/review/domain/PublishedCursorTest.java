package dev.bazaar.review.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bazaar.kit.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PublishedCursorTest {

    static final Instant SHOWN = Instant.parse("2026-12-05T10:00:00.123456789Z");

    static Review withVotes(int votes) {
        Review r = Review.submit(
                        Target.product(
                                UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "alice"),
                        new Content(4, null, "Tent", "Kept us dry for three nights", List.of()),
                        new Moderation.Verdict(List.of()),
                        SHOWN,
                        Duration.ofDays(30))
                .after();
        for (int i = 0; i < votes; i++) {
            r = r.voteHelpful("voter" + i, SHOWN).after();
        }
        return r;
    }

    static String base64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.US_ASCII));
    }

    static void refused(String cursor, ReviewSort sort) {
        assertThatThrownBy(() -> PublishedCursor.decode(cursor, sort))
                .as(cursor)
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.toProblem().violations())
                            .singleElement()
                            .satisfies(v -> assertThat(v.field()).isEqualTo("cursor"));
                });
    }

    @Test
    void aCursorComesBackAsThePlaceItNamesInItsOwnOrderAtTheStoresMillisecond() {
        Review last = withVotes(3);
        for (ReviewSort sort : ReviewSort.values()) {
            PublishedCursor c = PublishedCursor.after(last, sort);
            assertThat(c.publishedAt()).isEqualTo(Instant.parse("2026-12-05T10:00:00.123Z"));
            assertThat(PublishedCursor.decode(c.encode(), sort)).isEqualTo(c);
            assertThat(c.encode()).as("URL-safe as it is").matches("[A-Za-z0-9_-]+");
        }
        assertThat(PublishedCursor.after(last, ReviewSort.HELPFUL).helpfulCount())
                .isEqualTo(3);
    }

    @Test
    void aDamagedCursorOrOneOfTheOtherOrderIsA400OnCursor() {
        Review last = withVotes(1);
        String newest = PublishedCursor.after(last, ReviewSort.NEWEST).encode();
        String helpful = PublishedCursor.after(last, ReviewSort.HELPFUL).encode();
        refused(newest, ReviewSort.HELPFUL);
        refused(helpful, ReviewSort.NEWEST);
        refused("not*base64!", ReviewSort.NEWEST);
        refused(newest.substring(0, newest.length() - 6), ReviewSort.NEWEST);
        refused(helpful.substring(0, 10), ReviewSort.HELPFUL);
        refused("", ReviewSort.NEWEST);
        refused(base64("n.12.34." + last.id()), ReviewSort.NEWEST);
        refused(base64("n.soon." + last.id()), ReviewSort.NEWEST);
        refused(base64("n.1733392800123.not-a-uuid"), ReviewSort.NEWEST);
        refused(base64("h.-1.1733392800123." + last.id()), ReviewSort.HELPFUL);
        refused(base64("x.1733392800123." + last.id()), ReviewSort.NEWEST);
    }
}
