package dev.bazaar.review.domain;

/**
 * Where a review stands. {@code PENDING}: held by the automatic checks or sent back by reports, waiting for an admin;
 * {@code PUBLISHED}: visible and counted in the rating; {@code REJECTED}: refused by an admin (with a reason);
 * {@code REMOVED}: withdrawn by its author. Only PUBLISHED reviews are shown and counted.
 */
public enum ReviewStatus {
    PENDING,
    PUBLISHED,
    REJECTED,
    REMOVED
}
