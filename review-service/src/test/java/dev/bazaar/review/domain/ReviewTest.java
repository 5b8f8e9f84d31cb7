package dev.bazaar.review.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bazaar.contracts.messaging.ReviewEvent;
import dev.bazaar.kit.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReviewTest {

    static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    static final Moderation.Verdict CLEAN = new Moderation.Verdict(List.of());
    static final Moderation.Verdict HELD = new Moderation.Verdict(List.of(Moderation.Flag.LINK));
    static final UUID PRODUCT = UUID.randomUUID();
    static final UUID SHOP = UUID.randomUUID();

    static Target line(UUID order, UUID variant) {
        return Target.product(PRODUCT, variant, SHOP, order, "alice");
    }

    static Content stars(int n) {
        return new Content(n, null, "Tent", "Kept us dry for three nights", List.of());
    }

    static Review published(int stars) {
        return Review.submit(line(UUID.randomUUID(), UUID.randomUUID()), stars(stars), CLEAN, NOW, Duration.ofDays(30))
                .after();
    }

    static int status(Runnable r) {
        try {
            r.run();
        } catch (ProblemException e) {
            return e.status();
        }
        return 0;
    }

    @Test
    void aCleanReviewIsPublishedAndAnnouncedAHeldOneWaitsSilently() {
        Review.Change clean =
                Review.submit(line(UUID.randomUUID(), UUID.randomUUID()), stars(5), CLEAN, NOW, Duration.ofDays(30));
        assertThat(clean.after().status()).isEqualTo(ReviewStatus.PUBLISHED);
        assertThat(clean.events())
                .singleElement()
                .isInstanceOfSatisfying(
                        ReviewEvent.ReviewPublished.class,
                        e -> assertThat(e.rating()).isEqualTo(5));
        assertThat(clean.ratingChanged()).isTrue();
        Review.Change held =
                Review.submit(line(UUID.randomUUID(), UUID.randomUUID()), stars(5), HELD, NOW, Duration.ofDays(30));
        assertThat(held.after().status()).isEqualTo(ReviewStatus.PENDING);
        assertThat(held.after().flags()).containsExactly(Moderation.Flag.LINK);
        assertThat(held.events()).isEmpty();
        assertThat(held.ratingChanged()).isFalse();
    }

    @Test
    void theSameLineOfTheSameOrderIsAlwaysTheSameReviewIdSoItCannotBeReviewedTwice() {
        UUID order = UUID.randomUUID();
        UUID variant = UUID.randomUUID();
        assertThat(line(order, variant).reviewId())
                .isEqualTo(line(order, variant).reviewId())
                .isNotEqualTo(line(order, UUID.randomUUID()).reviewId());
        assertThat(Target.shop(SHOP, order, "alice").reviewId())
                .isNotEqualTo(line(order, variant).reviewId());
    }

    @Test
    void onlyTheAuthorEditsAndOnlyWithinTheWindow() {
        Review r = published(5);
        assertThat(status(() -> r.edit("carol", stars(1), CLEAN, 3, NOW))).isEqualTo(404);
        assertThat(status(() -> r.edit("alice", stars(1), CLEAN, 3, NOW.plus(Duration.ofDays(31)))))
                .isEqualTo(409);
        Review.Change edit = r.edit("alice", stars(3), CLEAN, 3, NOW.plus(Duration.ofDays(29)));
        assertThat(edit.after().content().rating()).isEqualTo(3);
        assertThat(edit.ratingChanged()).isTrue();
        assertThat(edit.events()).singleElement().isInstanceOf(ReviewEvent.ReviewPublished.class);
        Review.Change heldEdit = r.edit("alice", stars(5), HELD, 3, NOW);
        assertThat(heldEdit.after().status()).isEqualTo(ReviewStatus.PENDING);
        assertThat(heldEdit.events())
                .singleElement()
                .isInstanceOfSatisfying(
                        ReviewEvent.ReviewRemoved.class,
                        e -> assertThat(e.reason()).isEqualTo("FLAGGED"));
    }

    @Test
    void reportsPastTheThresholdSendItBackToTheQueueAndAnApprovalPublishesItAgain() {
        Review r = published(4);
        Review once = r.report("carol", 2, NOW).after();
        assertThat(once.status()).isEqualTo(ReviewStatus.PUBLISHED);
        assertThat(status(() -> once.report("carol", 2, NOW))).isEqualTo(409);
        assertThat(status(() -> once.report("alice", 2, NOW))).as("the author").isEqualTo(409);
        Review.Change twice = once.report("bob", 2, NOW);
        assertThat(twice.after().status()).isEqualTo(ReviewStatus.PENDING);
        assertThat(twice.events()).singleElement().isInstanceOf(ReviewEvent.ReviewRemoved.class);
        assertThat(twice.ratingChanged()).isTrue();
        assertThat(twice.after().edit("alice", stars(4), CLEAN, 2, NOW).after().status())
                .as("an edit does not slip a reported review past the admins")
                .isEqualTo(ReviewStatus.PENDING);
        Review.Change approved = twice.after().approve(NOW);
        assertThat(approved.after().status()).isEqualTo(ReviewStatus.PUBLISHED);
        assertThat(approved.after().openReports()).isZero();
        assertThat(status(() -> approved.after().approve(NOW))).isEqualTo(409);
    }

    @Test
    void aRejectedOrRemovedReviewLeavesTheRatingAndCannotBeEditedOrVotedFor() {
        Review r = published(2);
        Review.Change rejected = r.reject("insults", NOW);
        assertThat(rejected.after().rejectReason()).isEqualTo("insults");
        assertThat(rejected.ratingChanged()).isTrue();
        assertThat(rejected.events())
                .singleElement()
                .isInstanceOfSatisfying(
                        ReviewEvent.ReviewRemoved.class,
                        e -> assertThat(e.reason()).isEqualTo("REJECTED"));
        assertThat(status(() -> rejected.after().edit("alice", stars(5), CLEAN, 3, NOW)))
                .isEqualTo(409);
        assertThat(status(() -> rejected.after().voteHelpful("carol", NOW))).isEqualTo(404);
        Review removed = r.remove("alice", NOW).after();
        assertThat(removed.contribution()).isNull();
        assertThat(status(() -> removed.remove("alice", NOW))).isEqualTo(404);
        assertThat(status(() -> r.remove("carol", NOW))).isEqualTo(404);
    }

    @Test
    void oneHelpfulVotePerUserAndNoneFromTheAuthor() {
        Review r = published(5).voteHelpful("carol", NOW).after();
        assertThat(r.helpfulVoters()).containsExactly("carol");
        assertThat(status(() -> r.voteHelpful("carol", NOW))).isEqualTo(409);
        assertThat(status(() -> r.voteHelpful("alice", NOW))).isEqualTo(409);
        assertThat(r.voteHelpful("bob", NOW).ratingChanged()).isFalse();
    }

    @Test
    void theShopsAnswerIsOneAndKeepsWhenItWasFirstWritten() {
        Review answered = published(5).answer("bob", "Thank you!", NOW).after();
        Review rewritten = answered.answer("bob", "Thank you, enjoy it!", NOW.plusSeconds(60))
                .after();
        assertThat(rewritten.reply().body()).isEqualTo("Thank you, enjoy it!");
        assertThat(rewritten.reply().createdAt()).isEqualTo(NOW);
        assertThat(rewritten.reply().updatedAt()).isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void publishedAtIsWhenAReviewWasFirstShownAndStaysThroughEditsReportsAndApprovals() {
        Review shown = published(5);
        assertThat(shown.publishedAt()).isEqualTo(NOW);
        Instant later = NOW.plus(Duration.ofDays(2));
        assertThat(shown.edit("alice", stars(4), CLEAN, 3, later).after().publishedAt())
                .isEqualTo(NOW);
        Review reported = shown.report("carol", 1, later).after();
        assertThat(reported.status()).isEqualTo(ReviewStatus.PENDING);
        assertThat(reported.approve(later.plusSeconds(60)).after().publishedAt())
                .as("back where it was, not at the top")
                .isEqualTo(NOW);

        Review held = Review.submit(
                        line(UUID.randomUUID(), UUID.randomUUID()), stars(2), HELD, NOW, Duration.ofDays(30))
                .after();
        assertThat(held.publishedAt()).isNull();
        assertThat(held.reject("off-topic", later).after().publishedAt()).isNull();
        assertThat(held.approve(later).after().publishedAt())
                .as("shown when an admin approves it")
                .isEqualTo(later);
        assertThat(held.edit("alice", stars(3), CLEAN, 3, later).after().publishedAt())
                .as("shown when an edit passes the checks")
                .isEqualTo(later);
        assertThatThrownBy(() -> new Review(
                        UUID.randomUUID(),
                        held.target(),
                        held.content(),
                        ReviewStatus.PUBLISHED,
                        List.of(),
                        null,
                        null,
                        null,
                        0,
                        null,
                        1,
                        NOW,
                        NOW,
                        NOW,
                        null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
