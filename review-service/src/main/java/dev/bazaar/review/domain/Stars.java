package dev.bazaar.review.domain;

/** Star ratings are whole numbers 1–5; the REST layer refuses others with a 400 before they get here. */
final class Stars {

    private Stars() {}

    static void check(String field, int stars) {
        if (stars < 1 || stars > 5) {
            throw new IllegalArgumentException(field + " is 1..5, got " + stars);
        }
    }
}
