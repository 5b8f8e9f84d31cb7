package dev.bazaar.review.domain;

/**
 * How a subject's published reviews are ordered. Each order is total (the id breaks every tie), so a cursor
 * ({@link PublishedCursor}) names one place in it and the pages after it neither repeat nor skip a review.
 */
public enum ReviewSort {
    /** most helpful first: helpfulCount, then publishedAt, then id, all descending */
    HELPFUL,
    /** newest first: publishedAt, then id, descending */
    NEWEST
}
