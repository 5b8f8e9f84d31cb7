package dev.bazaar.catalog.rest;

import dev.bazaar.catalog.domain.Category;
import dev.bazaar.catalog.domain.Rating;
import dev.bazaar.catalog.domain.ShopSlug;
import dev.bazaar.catalog.persistence.CategoryRepository;
import dev.bazaar.catalog.service.ShopService;
import dev.bazaar.kit.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** What anyone may read without a token: the category tree and approved shops' public profiles. */
@Path("/api/v1")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class PublicCatalogResource {

    /**
     * A shop as the public sees it (no owner, no review notes). {@code returnWindowDays}: its return policy for orders
     * placed now (days after delivery; 0 = no returns). {@code rating}: from its buyers' seller reviews
     * (review-service's figures; 0/0 when it has none).
     */
    public record ShopProfile(
            String slug, String name, String description, String country, int returnWindowDays, Rating rating) {}

    private final CategoryRepository categories;
    private final ShopService shops;

    public PublicCatalogResource(CategoryRepository categories, ShopService shops) {
        this.categories = categories;
        this.shops = shops;
    }

    @GET
    @Path("categories")
    @WithSession
    public Uni<List<Category>> categories() {
        return categories.tree();
    }

    @GET
    @Path("shops/{slug}")
    public Uni<ShopProfile> shop(
            @PathParam("slug") @Size(max = ShopSlug.MAX, message = "is at most 60 characters") String slug) {
        return shops.publicProfile(slug)
                .map(found -> found.map(p -> new ShopProfile(
                                p.shop().slug(),
                                p.shop().name(),
                                p.shop().description(),
                                p.shop().country(),
                                p.shop().returnWindowDays(),
                                p.rating()))
                        .orElseThrow(() -> new ProblemException.NotFound("No shop " + slug + ".")));
    }
}
