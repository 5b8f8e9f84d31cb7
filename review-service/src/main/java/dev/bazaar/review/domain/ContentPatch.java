package dev.bazaar.review.domain;

import dev.bazaar.contracts.messaging.ReviewEvent.Subject;
import java.util.List;

/**
 * An author's partial edit: the fields given replace what was written, the others stay ({@code null} = not given;
 * photos are taken off with an empty list). Whether a field belongs depends on the review stored, so a field of the
 * other kind — a score on a product review, a title or photos on a seller review — is a 409, like any edit the
 * review's state refuses.
 */
public record ContentPatch(
        Integer rating,
        Integer asDescribed,
        Integer shipping,
        Integer communication,
        String title,
        String body,
        List<String> photoUrls) {

    /** Whether it changes nothing at all (an empty request). */
    public boolean isEmpty() {
        return rating == null
                && asDescribed == null
                && shipping == null
                && communication == null
                && title == null
                && body == null
                && photoUrls == null;
    }

    /** The review's content with this edit applied. */
    public Content applyTo(Review review) {
        Content c = review.content();
        boolean seller = review.target().subject() == Subject.SHOP;
        if (!seller && (asDescribed != null || shipping != null || communication != null)) {
            throw ReviewRefused.conflict(
                    "wrong-review-kind",
                    "a product review has no seller scores " + "(asDescribed, shipping, communication)");
        }
        if (seller && (title != null || photoUrls != null)) {
            throw ReviewRefused.conflict("wrong-review-kind", "a seller review has no title or photos");
        }
        ShopScores scores = seller
                ? new ShopScores(
                        or(asDescribed, c.scores().asDescribed()),
                        or(shipping, c.scores().shipping()),
                        or(communication, c.scores().communication()))
                : null;
        return new Content(
                or(rating, c.rating()),
                scores,
                title != null ? title : c.title(),
                body != null ? body : c.body(),
                photoUrls != null ? photoUrls : c.photoUrls());
    }

    private static int or(Integer given, int current) {
        return given != null ? given : current;
    }
}
