package dev.bazaar.review.config;

import dev.bazaar.review.domain.Moderation;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/** review-service's settings ({@code bazaar.reviews.*}); the values and why they are what they are: application.properties. */
@ConfigMapping(prefix = "bazaar.reviews")
public interface ReviewConfig {

    /** How long after writing it the author may edit a review. */
    @WithDefault("30d")
    Duration editWindow();

    /** Open reports (one per user) that send a published review back to the moderation queue. */
    @WithDefault("3")
    int reportThreshold();

    ModerationSettings moderation();

    Relay relay();

    /** {@code Cache-Control: public, max-age} of the public reads (revalidated by ETag). */
    @WithDefault("30s")
    Duration publicMaxAge();

    /**
     * bench/run-reviews' seed and bare yardstick ({@code /bench/*}, BareReviewRoutes): the load and bench profiles
     * only, never production — the seed writes reviews no buyer wrote, and neither route asks who is calling.
     */
    @WithDefault("false")
    boolean benchEndpoints();

    /** The automatic checks on submit and edit. */
    interface ModerationSettings {
        @WithDefault("10")
        int minBodyLength();

        @WithDefault("2000")
        int maxBodyLength();

        /** Words that hold a review for an admin (case and accents ignored, whole words). */
        Optional<List<String>> blockedWords();

        @WithDefault("40")
        int repeatedTextMinLength();

        /** These settings as the domain's rules. */
        default Moderation.Rules rules() {
            return new Moderation.Rules(
                    minBodyLength(),
                    maxBodyLength(),
                    new HashSet<>(blockedWords().orElse(List.of())),
                    repeatedTextMinLength());
        }
    }

    /** The relay that publishes the events written with reviews and ratings (ADR 0020). */
    interface Relay {
        /** How often the leader looks for events to publish. */
        @WithDefault("500ms")
        Duration interval();

        /** How long a leader's lease lasts without renewal: a dead leader is replaced after this. */
        @WithDefault("15s")
        Duration lease();

        @WithDefault("200")
        int batchSize();

        /** A review whose rating was not recomputed (the writer died in between) is recomputed after this. */
        @WithDefault("10s")
        Duration repairAfter();
    }
}
