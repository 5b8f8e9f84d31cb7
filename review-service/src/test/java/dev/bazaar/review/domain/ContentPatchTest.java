package dev.bazaar.review.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bazaar.kit.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ContentPatchTest {

    static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    static final Moderation.Verdict CLEAN = new Moderation.Verdict(List.of());

    static final Review PRODUCT = Review.submit(
                    Target.product(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "alice"),
                    new Content(
                            4,
                            null,
                            "Solid tent",
                            "Kept us dry for three nights",
                            List.of("https://img.example/tent.jpg")),
                    CLEAN,
                    NOW,
                    Duration.ofDays(30))
            .after();
    static final Review SELLER = Review.submit(
                    Target.shop(UUID.randomUUID(), UUID.randomUUID(), "alice"),
                    new Content(4, new ShopScores(5, 3, 4), null, "Quick answers, slow parcel", List.of()),
                    CLEAN,
                    NOW,
                    Duration.ofDays(30))
            .after();

    static ContentPatch patch(
            Integer rating,
            Integer asDescribed,
            Integer shipping,
            Integer communication,
            String title,
            String body,
            List<String> photos) {
        return new ContentPatch(rating, asDescribed, shipping, communication, title, body, photos);
    }

    @Test
    void onlyTheFieldsGivenChange() {
        assertThat(patch(2, null, null, null, null, null, null).applyTo(PRODUCT))
                .isEqualTo(new Content(
                        2,
                        null,
                        "Solid tent",
                        "Kept us dry for three nights",
                        List.of("https://img.example/tent.jpg")));
        assertThat(patch(null, null, null, null, "Leaky tent", null, List.of()).applyTo(PRODUCT))
                .isEqualTo(new Content(4, null, "Leaky tent", "Kept us dry for three nights", List.of()));
        assertThat(patch(null, null, 5, null, null, "Parcel came after all", null)
                        .applyTo(SELLER))
                .isEqualTo(new Content(4, new ShopScores(5, 5, 4), null, "Parcel came after all", List.of()));
        assertThat(patch(null, null, null, null, null, null, null).isEmpty()).isTrue();
        assertThat(patch(null, null, null, null, null, null, List.of()).isEmpty())
                .isFalse();
    }

    @Test
    void aFieldOfTheOtherKindOfReviewIsAConflict() {
        for (var wrong : List.of(
                (Runnable) () -> patch(null, 3, null, null, null, null, null).applyTo(PRODUCT),
                () -> patch(null, null, null, 1, null, null, null).applyTo(PRODUCT),
                () -> patch(null, null, null, null, "A title", null, null).applyTo(SELLER),
                () -> patch(null, null, null, null, null, null, List.of()).applyTo(SELLER))) {
            assertThatThrownBy(wrong::run)
                    .isInstanceOfSatisfying(
                            ProblemException.class, e -> assertThat(e.status()).isEqualTo(409));
        }
    }
}
