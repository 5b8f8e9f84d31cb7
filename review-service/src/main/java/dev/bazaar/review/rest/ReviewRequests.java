package dev.bazaar.review.rest;

import dev.bazaar.review.domain.Content;
import dev.bazaar.review.domain.ShopScores;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/** The review endpoints' bodies, validated before anything is read or written (a 400 changes nothing). */
public final class ReviewRequests {

    static final String STARS = "must be a whole number of stars from 1 to 5";
    static final String PHOTO = "must be an https:// address";

    private ReviewRequests() {
    }

    /** A product review: the line is the order's line of {@code variantId}. */
    public record ProductReview(
            @NotNull UUID orderId,
            @NotNull UUID variantId,
            @NotNull @Min(value = 1, message = STARS) @Max(value = 5, message = STARS) Integer rating,
            @NotBlank @Size(max = 150) String title,
            @NotBlank @Size(max = 4000) String body,
            @Size(max = 6) List<@NotBlank @Size(max = 500) @Pattern(regexp = "https://\\S+", message = PHOTO) String> photoUrls) {

        Content content() {
            return new Content(rating, null, title.strip(), body.strip(), photoUrls);
        }
    }

    /** A seller review: overall stars and the three scores. */
    public record ShopReview(
            @NotNull UUID orderId,
            @NotNull UUID shopId,
            @NotNull @Min(value = 1, message = STARS) @Max(value = 5, message = STARS) Integer rating,
            @NotNull @Min(value = 1, message = STARS) @Max(value = 5, message = STARS) Integer asDescribed,
            @NotNull @Min(value = 1, message = STARS) @Max(value = 5, message = STARS) Integer shipping,
            @NotNull @Min(value = 1, message = STARS) @Max(value = 5, message = STARS) Integer communication,
            @NotBlank @Size(max = 4000) String body) {

        Content content() {
            return new Content(rating, new ShopScores(asDescribed, shipping, communication), null, body.strip(), null);
        }
    }

    /**
     * An edit: the whole review again — a product review's title and photos, a seller review's three scores (a field
     * of the other kind is refused with a 409).
     */
    public record Edit(
            @NotNull @Min(value = 1, message = STARS) @Max(value = 5, message = STARS) Integer rating,
            @Min(value = 1, message = STARS) @Max(value = 5, message = STARS) Integer asDescribed,
            @Min(value = 1, message = STARS) @Max(value = 5, message = STARS) Integer shipping,
            @Min(value = 1, message = STARS) @Max(value = 5, message = STARS) Integer communication,
            @Size(max = 150) String title,
            @NotBlank @Size(max = 4000) String body,
            @Size(max = 6) List<@NotBlank @Size(max = 500) @Pattern(regexp = "https://\\S+", message = PHOTO) String> photoUrls) {

        Content content() {
            boolean anyScore = asDescribed != null || shipping != null || communication != null;
            if (anyScore && (asDescribed == null || shipping == null || communication == null)) {
                throw new dev.bazaar.kit.problem.ProblemException.Invalid("asDescribed",
                        "a seller review's edit has all three scores");
            }
            ShopScores scores = anyScore ? new ShopScores(asDescribed, shipping, communication) : null;
            return new Content(rating, scores, title == null ? null : title.strip(), body.strip(), photoUrls);
        }
    }

    /** An admin's reason for a rejection (the author sees it). */
    public record Reason(@NotBlank @Size(max = 500) String reason) {
    }

    /** The shop's answer to a review. */
    public record ReplyBody(@NotBlank @Size(max = 2000) String body) {
    }
}
