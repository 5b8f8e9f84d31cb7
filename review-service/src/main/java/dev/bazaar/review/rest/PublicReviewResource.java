package dev.bazaar.review.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bazaar.contracts.messaging.ReviewEvent.Subject;
import dev.bazaar.kit.web.PageRequest;
import dev.bazaar.review.config.ReviewConfig;
import dev.bazaar.review.domain.ReviewSort;
import dev.bazaar.review.rest.ReviewViews.RatingView;
import dev.bazaar.review.rest.ReviewViews.ReviewPage;
import dev.bazaar.review.service.ReviewReads;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
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

import java.util.Locale;
import java.util.UUID;

/**
 * The public reads: a product's or shop's published reviews (paged, most helpful or newest first, filtered by stars)
 * with its rating, and the rating alone — cached by ETag and {@code Cache-Control}.
 */
@Path("/api/v1")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class PublicReviewResource {

    private static final String SORT = "helpful|newest";
    private static final String STARS = "must be 1 to 5";

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
    public Uni<Response> productReviews(@PathParam("productId") UUID productId, @Valid @BeanParam PageRequest page,
            @QueryParam("sort") @DefaultValue("newest") @Pattern(regexp = SORT, message = "helpful or newest") String sort,
            @QueryParam("stars") @Min(value = 1, message = STARS) @Max(value = 5, message = STARS) Integer stars,
            @Context HttpHeaders headers) {
        return reviews(Subject.PRODUCT, productId, page, sort, stars, headers);
    }

    @GET
    @Path("products/{productId}/rating")
    public Uni<Response> productRating(@PathParam("productId") UUID productId, @Context HttpHeaders headers) {
        return rating(Subject.PRODUCT, productId, headers);
    }

    @GET
    @Path("shops/{shopId}/reviews")
    public Uni<Response> shopReviews(@PathParam("shopId") UUID shopId, @Valid @BeanParam PageRequest page,
            @QueryParam("sort") @DefaultValue("newest") @Pattern(regexp = SORT, message = "helpful or newest") String sort,
            @QueryParam("stars") @Min(value = 1, message = STARS) @Max(value = 5, message = STARS) Integer stars,
            @Context HttpHeaders headers) {
        return reviews(Subject.SHOP, shopId, page, sort, stars, headers);
    }

    @GET
    @Path("shops/{shopId}/rating")
    public Uni<Response> shopRating(@PathParam("shopId") UUID shopId, @Context HttpHeaders headers) {
        return rating(Subject.SHOP, shopId, headers);
    }

    private Uni<Response> reviews(Subject subject, UUID id, PageRequest page, String sort, Integer stars,
            HttpHeaders headers) {
        return reads.published(subject, id, stars, ReviewSort.valueOf(sort.toUpperCase(Locale.ROOT)), page)
                .map(r -> CachedJson.of(ReviewPage.of(r.page(), RatingView.of(subject, id, r.rating())), headers,
                        json, config.publicMaxAge()));
    }

    private Uni<Response> rating(Subject subject, UUID id, HttpHeaders headers) {
        return reads.rating(subject, id)
                .map(r -> CachedJson.of(RatingView.of(subject, id, r), headers, json, config.publicMaxAge()));
    }
}
