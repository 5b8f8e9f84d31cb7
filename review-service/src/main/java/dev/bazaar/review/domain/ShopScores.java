package dev.bazaar.review.domain;

/** A seller review's three scores, each 1–5: the item was as described, it shipped fast, the seller communicated well. */
public record ShopScores(int asDescribed, int shipping, int communication) {
    public ShopScores {
        Stars.check("asDescribed", asDescribed);
        Stars.check("shipping", shipping);
        Stars.check("communication", communication);
    }
}
