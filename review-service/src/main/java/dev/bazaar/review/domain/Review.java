package dev.bazaar.review.domain;

import dev.bazaar.contracts.messaging.ReviewEvent;
import dev.bazaar.contracts.messaging.ReviewEvent.Subject;
import dev.bazaar.kit.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One review, the aggregate that guards its own transitions. Every decision returns a {@link Change}: the review as it
 * is afterwards (one version further) and the events buyers' apps and search must hear of — written together, in one
 * document, so neither is ever without the other (ADR 0020). A decision that is not allowed throws the problem the
 * caller gets ({@link ReviewRefused}) and changes nothing.
 *
 * <p>Only a {@code PUBLISHED} review is shown and counted in its subject's rating ({@link #contribution()}).
 * {@code publishedAt} is when it was first shown (null until then): the public list's "newest" order, so a review an
 * admin approves days after it was written comes in at the top, and one that reports took out of sight for a while
 * comes back where it was.
 */
public record Review(
        UUID id,
        Target target,
        Content content,
        ReviewStatus status,
        List<Moderation.Flag> flags,
        String rejectReason,
        Set<String> helpfulVoters,
        Set<String> reporters,
        int openReports,
        Reply reply,
        long version,
        Instant createdAt,
        Instant updatedAt,
        Instant editableUntil,
        Instant publishedAt) {

    public Review {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(status, "status");
        if ((target.subject() == Subject.SHOP) != (content.scores() != null)) {
            throw new IllegalArgumentException("a seller review has the three scores, a product review none");
        }
        if (status == ReviewStatus.PUBLISHED && publishedAt == null) {
            throw new IllegalArgumentException("a published review has the time it was first shown");
        }
        flags = flags == null ? List.of() : List.copyOf(flags);
        helpfulVoters = helpfulVoters == null ? Set.of() : Set.copyOf(helpfulVoters);
        reporters = reporters == null ? Set.of() : Set.copyOf(reporters);
    }

    /** A decision's outcome: the review afterwards and the events to publish (possibly none). */
    public record Change(Review before, Review after, List<ReviewEvent> events) {
        public Change {
            events = List.copyOf(events);
        }

        /** Whether the subject's rating must be recomputed: the review entered, left or changed its stars while shown. */
        public boolean ratingChanged() {
            return before == null
                    ? after.contribution() != null
                    : !Objects.equals(before.contribution(), after.contribution());
        }
    }

    /** A new review of a delivered line or group: published at once unless the automatic checks hold it. */
    public static Change submit(
            Target target, Content content, Moderation.Verdict verdict, Instant now, Duration editWindow) {
        ReviewStatus status = verdict.held() ? ReviewStatus.PENDING : ReviewStatus.PUBLISHED;
        Review review = new Review(
                target.reviewId(),
                target,
                content,
                status,
                verdict.flags(),
                null,
                Set.of(),
                Set.of(),
                0,
                null,
                1,
                now,
                now,
                now.plus(editWindow),
                status == ReviewStatus.PUBLISHED ? now : null);
        return new Change(null, review, status == ReviewStatus.PUBLISHED ? List.of(review.published(now)) : List.of());
    }

    /**
     * The author rewrites it, within the edit window, unless an admin rejected it or the author removed it. It goes
     * through the automatic checks again; one that reports sent back to the queue stays there for an admin.
     */
    public Change edit(
            String caller, Content newContent, Moderation.Verdict verdict, int reportThreshold, Instant now) {
        requireAuthor(caller);
        if (status == ReviewStatus.REJECTED || status == ReviewStatus.REMOVED) {
            throw ReviewRefused.conflict("review-closed", "a " + status + " review cannot be edited");
        }
        if (now.isAfter(editableUntil)) {
            throw ReviewRefused.conflict("edit-window-closed", "reviews can be edited until " + editableUntil);
        }
        if ((target.subject() == Subject.SHOP) != (newContent.scores() != null)) {
            throw ReviewRefused.conflict(
                    "wrong-review-kind", "a seller review has the three scores, a product " + "review none");
        }
        if (target.subject() == Subject.PRODUCT
                && (newContent.title() == null || newContent.title().isBlank())) {
            throw new ProblemException.Invalid("title", "must not be blank");
        }
        boolean reported = status == ReviewStatus.PENDING && openReports >= reportThreshold;
        ReviewStatus next = verdict.held() || reported ? ReviewStatus.PENDING : ReviewStatus.PUBLISHED;
        Review after = new Review(
                id,
                target,
                newContent,
                next,
                verdict.flags(),
                null,
                helpfulVoters,
                reporters,
                openReports,
                reply,
                version + 1,
                createdAt,
                now,
                editableUntil,
                publishedAt(next, now));
        return new Change(this, after, visibilityEvents(after, "FLAGGED", now));
    }

    /** The author withdraws it (any time); a removed review is gone for everyone, the author included. */
    public Change remove(String caller, Instant now) {
        requireAuthor(caller);
        if (status == ReviewStatus.REMOVED) {
            throw ReviewRefused.notFound("no review " + id);
        }
        Review after = withStatus(ReviewStatus.REMOVED, flags, rejectReason, openReports, now);
        return new Change(this, after, visibilityEvents(after, "REMOVED", now));
    }

    /** An admin publishes a review waiting in the queue; its open reports are settled. */
    public Change approve(Instant now) {
        if (status != ReviewStatus.PENDING) {
            throw ReviewRefused.conflict("not-pending", "only a PENDING review can be approved; this one is " + status);
        }
        Review after = withStatus(ReviewStatus.PUBLISHED, List.of(), null, 0, now);
        return new Change(this, after, visibilityEvents(after, null, now));
    }

    /** An admin refuses a review, pending or published, saying why (the author sees the reason). */
    public Change reject(String reason, Instant now) {
        if (status != ReviewStatus.PENDING && status != ReviewStatus.PUBLISHED) {
            throw ReviewRefused.conflict("not-moderatable", "a " + status + " review cannot be rejected");
        }
        Review after = withStatus(ReviewStatus.REJECTED, flags, reason, 0, now);
        return new Change(this, after, visibilityEvents(after, "REJECTED", now));
    }

    /**
     * A signed-in user (not the author) reports a published review, once; at {@code threshold} open reports it goes
     * back to the moderation queue, out of sight and out of the rating until an admin decides.
     */
    public Change report(String caller, int threshold, Instant now) {
        requireShown();
        if (caller.equals(target.authorSubject())) {
            throw ReviewRefused.conflict("own-review", "you cannot report your own review");
        }
        if (reporters.contains(caller)) {
            throw ReviewRefused.conflict("already-reported", "you reported this review already");
        }
        Set<String> nextReporters = new LinkedHashSet<>(reporters);
        nextReporters.add(caller);
        int open = openReports + 1;
        ReviewStatus next = open >= threshold ? ReviewStatus.PENDING : ReviewStatus.PUBLISHED;
        Review after = new Review(
                id,
                target,
                content,
                next,
                flags,
                rejectReason,
                helpfulVoters,
                nextReporters,
                open,
                reply,
                version + 1,
                createdAt,
                now,
                editableUntil,
                publishedAt);
        return new Change(this, after, visibilityEvents(after, "REPORTED", now));
    }

    /** A signed-in user (not the author) finds a published review helpful, once. */
    public Change voteHelpful(String caller, Instant now) {
        requireShown();
        if (caller.equals(target.authorSubject())) {
            throw ReviewRefused.conflict("own-review", "you cannot vote for your own review");
        }
        if (helpfulVoters.contains(caller)) {
            throw ReviewRefused.conflict("already-voted", "you found this review helpful already");
        }
        Set<String> voters = new LinkedHashSet<>(helpfulVoters);
        voters.add(caller);
        Review after = new Review(
                id,
                target,
                content,
                status,
                flags,
                rejectReason,
                voters,
                reporters,
                openReports,
                reply,
                version + 1,
                createdAt,
                now,
                editableUntil,
                publishedAt);
        return new Change(this, after, List.of());
    }

    /** The reviewed shop's owner answers a published review, or rewrites the answer (one per review). */
    public Change answer(String sellerSubject, String body, Instant now) {
        requireShown();
        Reply next = new Reply(body, sellerSubject, reply == null ? now : reply.createdAt(), now);
        Review after = new Review(
                id,
                target,
                content,
                status,
                flags,
                rejectReason,
                helpfulVoters,
                reporters,
                openReports,
                next,
                version + 1,
                createdAt,
                now,
                editableUntil,
                publishedAt);
        return new Change(this, after, List.of());
    }

    /** This review's part in its subject's rating: present only while it is shown. */
    public RatingSummary.Contribution contribution() {
        return status == ReviewStatus.PUBLISHED
                ? new RatingSummary.Contribution(content.rating(), content.scores())
                : null;
    }

    public boolean isAuthor(String subject) {
        return target.authorSubject().equals(subject);
    }

    private void requireAuthor(String caller) {
        if (!isAuthor(caller)) {
            // another buyer's review: not revealed
            throw ReviewRefused.notFound("no review " + id);
        }
    }

    private void requireShown() {
        if (status != ReviewStatus.PUBLISHED) {
            throw ReviewRefused.notFound("no published review " + id);
        }
    }

    private Review withStatus(
            ReviewStatus next, List<Moderation.Flag> nextFlags, String reason, int open, Instant now) {
        return new Review(
                id,
                target,
                content,
                next,
                nextFlags,
                reason,
                helpfulVoters,
                reporters,
                open,
                reply,
                version + 1,
                createdAt,
                now,
                editableUntil,
                publishedAt(next, now));
    }

    /** When it was first shown: now, if it is shown for the first time; otherwise as it was. */
    private Instant publishedAt(ReviewStatus next, Instant now) {
        return publishedAt == null && next == ReviewStatus.PUBLISHED ? now : publishedAt;
    }

    /** Published when it is shown afterwards (again, or with new stars); removed when it was shown and is not now. */
    private List<ReviewEvent> visibilityEvents(Review after, String removedBecause, Instant now) {
        if (after.status == ReviewStatus.PUBLISHED) {
            return status == ReviewStatus.PUBLISHED && content.equals(after.content)
                    ? List.of()
                    : List.of(after.published(now));
        }
        return status == ReviewStatus.PUBLISHED
                ? List.of(new ReviewEvent.ReviewRemoved(
                        target.subjectId(), target.subject(), id, target.shopId(), removedBecause))
                : List.of();
    }

    private ReviewEvent.ReviewPublished published(Instant now) {
        return new ReviewEvent.ReviewPublished(
                target.subjectId(), target.subject(), id, target.shopId(), target.orderId(), content.rating(), now);
    }
}
