package dev.bazaar.review.domain;

/** How a page of published reviews is ordered. */
public enum ReviewSort {
    /** most helpful first (then newest) */
    HELPFUL,
    /** newest first */
    NEWEST
}
