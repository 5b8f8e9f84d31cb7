package dev.bazaar.review.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.contracts.messaging.ReviewEvent;
import dev.bazaar.kit.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Random sequences of create / edit / approve / reject / remove / report / vote, each possibly replayed (the same
 * request or event handled twice), over a few reviews of one product. After every step:
 * <ul>
 * <li>the rating kept the way the service keeps it — recomputed only when a change says it touched the rating —
 * equals the recomputation from the published reviews (no change that moves the rating goes unnoticed);</li>
 * <li>a consumer of {@code review.events} that folds ReviewPublished / ReviewRemoved (each delivered twice) holds
 * exactly the published reviews' stars, so its rating equals the recomputation too (a replay never double-counts);</li>
 * <li>a review keeps the time it was first shown ({@code publishedAt}, the public list's newest order) whatever
 * happens to it later.</li>
 * </ul>
 */
class RatingPropertiesTest {

    enum Kind {
        CREATE,
        EDIT,
        APPROVE,
        REJECT,
        REMOVE,
        REPORT,
        VOTE,
        REPLAY
    }

    record Action(Kind kind, int review, String actor, int stars, boolean held, int daysLater) {}

    static final List<String> PEOPLE = List.of("alice", "carol", "dave", "erin");
    static final int THRESHOLD = 2;
    static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    @Provide
    Arbitrary<Action> actions() {
        return Combinators.combine(
                        Arbitraries.of(Kind.class),
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.of(PEOPLE),
                        Arbitraries.integers().between(1, 5),
                        Arbitraries.of(true, false, false),
                        Arbitraries.integers().between(0, 40))
                .as(Action::new);
    }

    @Property(tries = 300)
    void theRatingAlwaysEqualsTheRecomputationFromThePublishedReviews(
            @ForAll @Size(min = 1, max = 60) List<@net.jqwik.api.From("actions") Action> actions) {
        UUID product = UUID.randomUUID();
        UUID shop = UUID.randomUUID();
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            targets.add(Target.product(product, UUID.randomUUID(), shop, UUID.randomUUID(), PEOPLE.get(i)));
        }
        Map<Integer, Review> store = new LinkedHashMap<>();
        RatingSummary kept = RatingSummary.NONE;
        Map<UUID, Integer> folded = new LinkedHashMap<>();
        Action previous = null;
        for (Action a : actions) {
            Action action = a.kind() == Kind.REPLAY && previous != null ? previous : a;
            Review.Change change = decide(action, store, targets);
            if (change != null) {
                Review before = store.get(action.review());
                if (before != null && before.publishedAt() != null) {
                    assertThat(change.after().publishedAt())
                            .as("when it was first shown, after %s", action)
                            .isEqualTo(before.publishedAt());
                }
                store.put(action.review(), change.after());
                if (change.ratingChanged()) {
                    kept = recompute(store);
                }
                for (ReviewEvent e : change.events()) {
                    fold(folded, e);
                    fold(folded, e); // delivered twice
                }
            }
            RatingSummary truth = recompute(store);
            assertThat(kept).as("after %s", action).isEqualTo(truth);
            assertThat(RatingSummary.of(
                            folded.values().stream()
                                    .map(s -> new RatingSummary.Contribution(s, null))
                                    .toList(),
                            false))
                    .as("a consumer's fold after %s", action)
                    .isEqualTo(truth);
            previous = action;
        }
    }

    /** The decision an action asks for, or null when it is refused (a refused request changes nothing). */
    private static Review.Change decide(Action a, Map<Integer, Review> store, List<Target> targets) {
        Instant at = T0.plus(Duration.ofDays(a.daysLater()));
        Moderation.Verdict verdict = new Moderation.Verdict(a.held() ? List.of(Moderation.Flag.LINK) : List.of());
        Content content = new Content(a.stars(), null, "Tent", "Kept us dry " + a.stars(), List.of());
        Review r = store.get(a.review());
        try {
            return switch (a.kind()) {
                case CREATE ->
                    r != null
                            ? null // the same line again: the store's unique id refuses it (409)
                            : Review.submit(targets.get(a.review()), content, verdict, T0, Duration.ofDays(30));
                case EDIT -> r == null ? null : r.edit(a.actor(), content, verdict, THRESHOLD, at);
                case APPROVE -> r == null ? null : r.approve(at);
                case REJECT -> r == null ? null : r.reject("off-topic", at);
                case REMOVE -> r == null ? null : r.remove(a.actor(), at);
                case REPORT -> r == null ? null : r.report(a.actor(), THRESHOLD, at);
                case VOTE -> r == null ? null : r.voteHelpful(a.actor(), at);
                case REPLAY -> null;
            };
        } catch (ProblemException refused) {
            return null;
        }
    }

    private static RatingSummary recompute(Map<Integer, Review> store) {
        return RatingSummary.of(
                store.values().stream()
                        .map(Review::contribution)
                        .filter(c -> c != null)
                        .toList(),
                false);
    }

    private static void fold(Map<UUID, Integer> folded, ReviewEvent e) {
        switch (e) {
            case ReviewEvent.ReviewPublished p -> folded.put(p.reviewId(), p.rating());
            case ReviewEvent.ReviewRemoved r -> folded.remove(r.reviewId());
            case ReviewEvent.RatingChanged c -> {}
        }
    }
}
