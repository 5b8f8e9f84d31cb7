package dev.bazaar.review.domain;

import java.util.List;
import java.util.Objects;

/**
 * What the author wrote: the stars ({@code rating}, 1–5; a seller review's overall stars), a seller review's three
 * {@code scores} (null for a product review), a title (product reviews), the text and photos by URL.
 */
public record Content(int rating, ShopScores scores, String title, String body, List<String> photoUrls) {
    public Content {
        Stars.check("rating", rating);
        Objects.requireNonNull(body, "body");
        photoUrls = photoUrls == null ? List.of() : List.copyOf(photoUrls);
    }
}
