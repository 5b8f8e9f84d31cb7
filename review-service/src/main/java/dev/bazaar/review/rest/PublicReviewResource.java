package dev.bazaar.review.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bazaar.contracts.messaging.ReviewEvent.Subject;
import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.kit.web.PageRequest;
import dev.bazaar.review.config.ReviewConfig;
import dev.bazaar.review.domain.PublishedCursor;
import dev.bazaar.review.domain.ReviewSort;
import dev.bazaar.review.rest.ReviewViews.RatingView;
import dev.bazaar.review.rest.ReviewViews.ReviewList;
import dev.bazaar.review.rest.ReviewViews.ReviewView;
import dev.bazaar.review.service.ReviewReads;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Locale;
import java.util.UUID;

/**
 * The public reads: a product's or shop's published reviews (most helpful or newest first, filtered by stars, page by
 * page along {@code nextCursor}) with its rating, and the rating alone — cached by ETag and {@code Cache-Control}.
 * These paths sit under catalog's {@code /api/v1/products} and {@code /api/v1/shops}; the ingress sends them here
 * (helm/bazaar, services.review.ingressPatterns).
 */
@Path("/api/v1")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class PublicReviewResource {

    private static final String SORT = "helpful|newest";
    private static final String STARS = "must be 1 to 5";
    private static final String SIZE = "must be between 1 and " + PageRequest.MAX_SIZE;

    private final ReviewReads reads;
    private final ObjectMapper json;
    private final ReviewConfig config;

    public PublicReviewResource(ReviewReads reads, ObjectMapper json, ReviewConfig config) {
        this.reads = reads;
        this.json = json;
        this.config = config;
    }

    @GET
    @Path("products/{productId}/reviews")
    public Uni<Response> productReviews(
            @PathParam("productId") UUID productId,
            @QueryParam("sort") @DefaultValue("newest") @Pattern(regexp = SORT, message = "helpful or newest")
                    String sort,
            @QueryParam("stars") @Min(value = 1, message = STARS) @Max(value = 5, message = STARS) Integer stars,
            @QueryParam("cursor") @Size(max = 200, message = "is not a cursor this API returned") String cursor,
            @QueryParam("size")
                    @DefaultValue("20")
                    @Min(value = 1, message = SIZE)
                    @Max(value = PageRequest.MAX_SIZE, message = SIZE)
                    int size,
            @Context UriInfo uri,
            @Context HttpHeaders headers) {
        return reviews(Subject.PRODUCT, productId, sort, stars, cursor, size, uri, headers);
    }

    @GET
    @Path("products/{productId}/rating")
    public Uni<Response> productRating(@PathParam("productId") UUID productId, @Context HttpHeaders headers) {
        return rating(Subject.PRODUCT, productId, headers);
    }

    @GET
    @Path("shops/{shopId}/reviews")
    public Uni<Response> shopReviews(
            @PathParam("shopId") UUID shopId,
            @QueryParam("sort") @DefaultValue("newest") @Pattern(regexp = SORT, message = "helpful or newest")
                    String sort,
            @QueryParam("stars") @Min(value = 1, message = STARS) @Max(value = 5, message = STARS) Integer stars,
            @QueryParam("cursor") @Size(max = 200, message = "is not a cursor this API returned") String cursor,
            @QueryParam("size")
                    @DefaultValue("20")
                    @Min(value = 1, message = SIZE)
                    @Max(value = PageRequest.MAX_SIZE, message = SIZE)
                    int size,
            @Context UriInfo uri,
            @Context HttpHeaders headers) {
        return reviews(Subject.SHOP, shopId, sort, stars, cursor, size, uri, headers);
    }

    @GET
    @Path("shops/{shopId}/rating")
    public Uni<Response> shopRating(@PathParam("shopId") UUID shopId, @Context HttpHeaders headers) {
        return rating(Subject.SHOP, shopId, headers);
    }

    private Uni<Response> reviews(
            Subject subject,
            UUID id,
            String sort,
            Integer stars,
            String cursor,
            int size,
            UriInfo uri,
            HttpHeaders headers) {
        if (uri.getQueryParameters().containsKey("page")) {
            // a client of the page-numbered list would otherwise get the first page again and again
            throw new ProblemException.Invalid(
                    "page", "reviews are paged by cursor: pass the answer's nextCursor " + "as cursor");
        }
        ReviewSort order = ReviewSort.valueOf(sort.toUpperCase(Locale.ROOT));
        PublishedCursor after = cursor == null || cursor.isEmpty() ? null : PublishedCursor.decode(cursor, order);
        return reads.published(subject, id, stars, order, after, size)
                .map(p -> CachedJson.of(
                        new ReviewList(
                                p.items().stream().map(ReviewView::shown).toList(),
                                size,
                                p.total(),
                                p.next() == null ? null : p.next().encode(),
                                RatingView.of(subject, id, p.rating())),
                        headers,
                        json,
                        config.publicMaxAge()));
    }

    private Uni<Response> rating(Subject subject, UUID id, HttpHeaders headers) {
        return reads.rating(subject, id)
                .map(r -> CachedJson.of(RatingView.of(subject, id, r), headers, json, config.publicMaxAge()));
    }
}
