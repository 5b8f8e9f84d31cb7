package dev.bazaar.review.rest;

import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.review.domain.Content;
import dev.bazaar.review.domain.ContentPatch;
import dev.bazaar.review.domain.ShopScores;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The review endpoints' bodies, validated before anything is read or written (a 400 changes nothing). */
public final class ReviewRequests {

    static final String STARS = "must be a whole number of stars from 1 to 5";
    static final String PHOTO = "must be an https:// address";
    /** Absent, or with some text (Bean Validation's NotBlank would refuse absent too). */
    static final String NOT_BLANK = "(?s).*\\S.*";

    private ReviewRequests() {}

    /**
     * A new review, of a product line ({@code variantId}: title, body, optional photos) or of the seller of a group
     * ({@code shopId}: body and the three scores) of the caller's order — exactly one of the two ids, and only the
     * fields of that kind ({@link OneKind}).
     */
    @OneKind
    public record NewReview(
            @NotNull UUID orderId,
            UUID variantId,
            UUID shopId,

            @NotNull @Min(value = 1, message = STARS) @Max(value = 5, message = STARS)
            Integer rating,

            @Size(max = 150, message = "is at most 150 characters")
            String title,

            @NotBlank @Size(max = 4000, message = "is at most 4000 characters")
            String body,

            @Size(max = 6, message = "has at most 6 photos")
            List<
                            @NotBlank @Size(max = 500, message = "each photo address is at most 500 characters")
                            @Pattern(regexp = "https://\\S+", message = PHOTO) String>
                    photoUrls,

            @Min(value = 1, message = STARS) @Max(value = 5, message = STARS)
            Integer asDescribed,

            @Min(value = 1, message = STARS) @Max(value = 5, message = STARS)
            Integer shipping,

            @Min(value = 1, message = STARS) @Max(value = 5, message = STARS)
            Integer communication) {

        boolean ofProduct() {
            return variantId != null;
        }

        Content content() {
            return ofProduct()
                    ? new Content(rating, null, title.strip(), body.strip(), photoUrls)
                    : new Content(
                            rating, new ShopScores(asDescribed, shipping, communication), null, body.strip(), null);
        }
    }

    /**
     * {@link NewReview}'s rules across fields, each reported on the field it is about (with the other fields' in one
     * 400): one of {@code variantId} and {@code shopId}; a product review's title; a seller review's three scores; no
     * field of the other kind.
     */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = OneKindValidator.class)
    public @interface OneKind {
        String message() default "one kind of review";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** Checks {@link OneKind}. */
    public static class OneKindValidator implements ConstraintValidator<OneKind, NewReview> {

        private record Wrong(String field, String message) {}

        @Override
        public boolean isValid(NewReview r, ConstraintValidatorContext context) {
            if (r == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            List<Wrong> wrong = new ArrayList<>();
            if (r.variantId() == null && r.shopId() == null) {
                wrong.add(new Wrong("variantId", "give variantId (a product review) or shopId (a seller review)"));
                wrong.add(new Wrong("shopId", "give variantId (a product review) or shopId (a seller review)"));
            } else if (r.variantId() != null && r.shopId() != null) {
                wrong.add(new Wrong("variantId", "give variantId or shopId, not both"));
                wrong.add(new Wrong("shopId", "give variantId or shopId, not both"));
            } else if (r.ofProduct()) {
                if (r.title() == null || r.title().isBlank()) {
                    wrong.add(new Wrong("title", "must not be blank"));
                }
                for (var score : scores(r).entrySet()) {
                    if (score.getValue() != null) {
                        wrong.add(new Wrong(score.getKey(), "only in a seller review (shopId)"));
                    }
                }
            } else {
                for (var score : scores(r).entrySet()) {
                    if (score.getValue() == null) {
                        wrong.add(new Wrong(score.getKey(), "must not be null"));
                    }
                }
                if (r.title() != null) {
                    wrong.add(new Wrong("title", "only in a product review (variantId)"));
                }
                if (r.photoUrls() != null) {
                    wrong.add(new Wrong("photoUrls", "only in a product review (variantId)"));
                }
            }
            for (Wrong w : wrong) {
                context.buildConstraintViolationWithTemplate(w.message())
                        .addPropertyNode(w.field())
                        .addConstraintViolation();
            }
            return wrong.isEmpty();
        }

        private static Map<String, Integer> scores(NewReview r) {
            Map<String, Integer> m = new LinkedHashMap<>();
            m.put("asDescribed", r.asDescribed());
            m.put("shipping", r.shipping());
            m.put("communication", r.communication());
            return m;
        }
    }

    /**
     * An edit: only the fields given change (a product review's title and photos, a seller review's scores; one of the
     * other kind is a 409). Each field given is checked as on submit; an empty edit is a 400.
     */
    public record Patch(
            @Min(value = 1, message = STARS) @Max(value = 5, message = STARS)
            Integer rating,

            @Min(value = 1, message = STARS) @Max(value = 5, message = STARS)
            Integer asDescribed,

            @Min(value = 1, message = STARS) @Max(value = 5, message = STARS)
            Integer shipping,

            @Min(value = 1, message = STARS) @Max(value = 5, message = STARS)
            Integer communication,

            @Pattern(regexp = NOT_BLANK, message = "must not be blank")
            @Size(max = 150, message = "is at most 150 characters")
            String title,

            @Pattern(regexp = NOT_BLANK, message = "must not be blank")
            @Size(max = 4000, message = "is at most 4000 characters")
            String body,

            @Size(max = 6, message = "has at most 6 photos")
            List<
                            @NotBlank @Size(max = 500, message = "each photo address is at most 500 characters")
                            @Pattern(regexp = "https://\\S+", message = PHOTO) String>
                    photoUrls) {

        ContentPatch patch() {
            ContentPatch p = new ContentPatch(
                    rating,
                    asDescribed,
                    shipping,
                    communication,
                    title == null ? null : title.strip(),
                    body == null ? null : body.strip(),
                    photoUrls);
            if (p.isEmpty()) {
                throw new ProblemException.Invalid("body", "give at least one field to change");
            }
            return p;
        }
    }

    /** An admin's reason for a rejection (the author sees it). */
    public record Reason(
            @NotBlank @Size(max = 500, message = "is at most 500 characters")
            String reason) {}

    /** The shop's answer to a review. */
    public record ReplyBody(
            @NotBlank @Size(max = 2000, message = "is at most 2000 characters")
            String body) {}
}
