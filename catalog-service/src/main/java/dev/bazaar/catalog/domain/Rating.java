package dev.bazaar.catalog.domain;

/**
 * What buyers see of a product's or shop's reviews: {@code count} published reviews and their mean stars in tenths
 * ({@code averageTenths} 43 = 4.3; 0 when there are none). Integers only, as review-service computes them; the
 * catalog shows the latest rating it was told, never recomputes one.
 */
public record Rating(int averageTenths, long count) {

    /** No published reviews (yet): what a subject shows until review-service says otherwise. */
    public static final Rating NONE = new Rating(0, 0);

    /** The lowest and highest whole star a buyer may ask search for ({@code minRating}). */
    public static final int MIN_STARS = 1;

    public static final int MAX_STARS = 5;

    public Rating {
        if (count < 0 || (count == 0 ? averageTenths != 0 : averageTenths < 10 || averageTenths > 50)) {
            throw new IllegalArgumentException("not a rating: " + averageTenths + " tenths over " + count);
        }
    }

    /**
     * The average a product needs to be found with {@code minRating = stars}: "4★ & up" is 4.0 and above (a product
     * rated 3.96 shows as 4.0 — review-service rounds half up to tenths — and is found, as what it shows suggests).
     */
    public static int tenthsFor(int stars) {
        if (stars < MIN_STARS || stars > MAX_STARS) {
            throw new IllegalArgumentException("stars are " + MIN_STARS + " to " + MAX_STARS + ", got " + stars);
        }
        return stars * 10;
    }
}
