package dev.bazaar.review.domain;

import dev.bazaar.kit.problem.ProblemException;
import java.util.UUID;

/** Why a review request changes nothing, as problem+json (the kit's mapper renders them). */
public final class ReviewRefused {

    private ReviewRefused() {}

    /** 403: the caller's own order, but that group has not been delivered (or was cancelled): no review yet. */
    public static ProblemException notEligible(String detail) {
        return new ProblemException("not-eligible", "Not eligible to review", 403, detail);
    }

    /**
     * 403: nothing in {@code orderId} the caller may review — another buyer's order, one review-service has not heard
     * of, or a line or seller not in it. One answer for all of them, so it never tells whether someone else's order
     * exists (README, review-service: "carol gets 403").
     */
    public static ProblemException noPurchase(UUID orderId) {
        return notEligible("you have no purchase to review in order " + orderId + " (with this line or seller)");
    }

    /** 404: no such review for this caller (another buyer's is not revealed). */
    public static ProblemException notFound(String detail) {
        return new ProblemException.NotFound(detail);
    }

    /** 409: this line or group of the order has a review already (edit it instead). */
    public static ProblemException alreadyReviewed(String detail) {
        return new ProblemException.Conflict("already-reviewed", detail);
    }

    /** 409: the review's state does not allow this (too late to edit, not pending, voted already...). */
    public static ProblemException conflict(String slug, String detail) {
        return new ProblemException.Conflict(slug, detail);
    }
}
