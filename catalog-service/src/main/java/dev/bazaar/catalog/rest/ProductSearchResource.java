package dev.bazaar.catalog.rest;

import dev.bazaar.catalog.config.SearchLimits;
import dev.bazaar.catalog.domain.Rating;
import dev.bazaar.catalog.domain.SearchBounds;
import dev.bazaar.catalog.persistence.ProductPages;
import dev.bazaar.catalog.service.ProductSearch;
import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.kit.ratelimit.RateLimiter;
import dev.bazaar.kit.web.ClientAddress;
import dev.bazaar.kit.web.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;

/** Public search: only ACTIVE products of APPROVED shops are in the index at all. */
@Path("/api/v1/products")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class ProductSearchResource {

    /** Offset paging stops at the engine's window (a cursor for deeper pages is on the roadmap). */
    static final int MAX_WINDOW = 10_000;

    private final ProductSearch search;
    private final ProductPages products;
    private final RateLimiter limiter;
    private final ClientAddress clients;
    private final SearchLimits limits;

    public ProductSearchResource(
            ProductSearch search,
            ProductPages products,
            RateLimiter limiter,
            ClientAddress clients,
            SearchLimits limits) {
        this.search = search;
        this.products = products;
        this.limiter = limiter;
        this.clients = clients;
        this.limits = limits;
    }

    /** A variant as buyers see it: price and how many can be bought, not the stock bookkeeping. */
    public record PublicVariant(
            java.util.UUID id,
            String sku,
            Map<String, String> options,
            dev.bazaar.contracts.money.Money price,
            dev.bazaar.contracts.money.Money compareAtPrice,
            int weightGrams,
            int available) {}

    /**
     * A product page: what search shows, plus description, attributes, media and every variant's availability.
     * {@code rating}: from its published reviews (review-service's figures; 0/0 when it has none).
     */
    public record PublicProduct(
            java.util.UUID id,
            String slug,
            String title,
            String description,
            String brand,
            java.util.UUID categoryId,
            java.util.UUID shopId,
            List<String> tags,
            Map<String, String> attributes,
            List<dev.bazaar.catalog.domain.Product.Media> media,
            List<PublicVariant> variants,
            boolean inStock,
            Rating rating) {
        static PublicProduct of(ProductPages.Page page) {
            dev.bazaar.catalog.domain.Product p = page.product();
            List<PublicVariant> variants = p.variants().stream()
                    .map(v -> new PublicVariant(
                            v.id(),
                            v.sku(),
                            v.options(),
                            v.price(),
                            v.compareAtPrice(),
                            v.weightGrams(),
                            Math.max(0, v.available())))
                    .toList();
            return new PublicProduct(
                    p.id(),
                    p.slug(),
                    p.title(),
                    p.description(),
                    p.brand(),
                    p.categoryId(),
                    p.shopId(),
                    p.tags(),
                    p.attributes(),
                    p.media(),
                    variants,
                    variants.stream().anyMatch(v -> v.available() > 0),
                    page.rating());
        }
    }

    /** The public product page, by id or slug; drafts, rejected or archived products and suspended shops are 404. */
    @GET
    @Path("{idOrSlug}")
    public Uni<PublicProduct> product(
            @jakarta.ws.rs.PathParam("idOrSlug") @Size(min = 1, max = 200, message = "is 1 to 200 characters")
                    String idOrSlug) {
        return products.findPublic(idOrSlug)
                .map(found -> found.map(PublicProduct::of)
                        .orElseThrow(() -> new ProblemException.NotFound("No product " + idOrSlug + ".")));
    }

    /**
     * Search. The first page (page 0, no cursor) carries the exact {@code total} and, unless {@code facets=false},
     * the facets; deeper pages carry neither (their {@code total} counts only past the page: {@code totalRelation}
     * "gte") — ADR 0028.
     */
    @GET
    public Uni<ProductSearch.Result> search(
            @QueryParam("q") @Size(max = 200, message = "is at most 200 characters") String q,
            @QueryParam("category") @Size(max = 100, message = "is at most 100 characters") String category,
            @QueryParam("shop") @Size(max = 100, message = "is at most 100 characters") String shop,
            @QueryParam("minPrice") @Min(value = 0, message = "must not be negative") Long minPrice,
            @QueryParam("maxPrice") @Min(value = 0, message = "must not be negative") Long maxPrice,
            @QueryParam("inStock") Boolean inStock,
            @QueryParam("minRating") @Pattern(regexp = "[1-5]", message = "is a whole number of stars from 1 to 5")
                    String minRating,
            @QueryParam("sort")
                    @DefaultValue("relevance")
                    @Pattern(
                            regexp = "relevance|price_asc|price_desc|newest|rating",
                            message = "must be one of relevance, price_asc, price_desc, newest, rating")
                    String sort,
            @Valid @BeanParam PageRequest page,
            @QueryParam("cursor") @Size(max = 1000, message = "is at most 1000 characters") String cursor,
            @QueryParam("displayCurrency") @Pattern(regexp = "[A-Z]{3}", message = "is an ISO 4217 code such as EUR")
                    String displayCurrency,
            @QueryParam("facets") @DefaultValue("true") @Pattern(regexp = "true|false", message = "is true or false")
                    String facets,
            @Context UriInfo uri,
            @Context HttpServerRequest request) {
        if (cursor == null && (long) (page.page() + 1) * page.size() > MAX_WINDOW) {
            throw new ProblemException(
                    "page-too-deep",
                    "Page too deep",
                    400,
                    "Page numbers end at result " + MAX_WINDOW + "; follow nextCursor to go deeper.");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Entry<String, List<String>> p : uri.getQueryParameters().entrySet()) {
            if (p.getKey().startsWith("attr.")
                    && p.getKey().length() > 5
                    && !p.getValue().isEmpty()) {
                attributes.put(p.getKey().substring(5), p.getValue().get(0));
            }
        }
        if (attributes.size() > SearchBounds.MAX_ATTRIBUTE_FILTERS) {
            throw new ProblemException.Invalid(
                    "attr.*", "at most " + SearchBounds.MAX_ATTRIBUTE_FILTERS + " attribute filters");
        }
        for (Entry<String, String> a : attributes.entrySet()) {
            if (a.getKey().length() > 100 || a.getValue().length() > 200) {
                throw new ProblemException.Invalid(
                        "attr."
                                + a.getKey()
                                        .substring(0, Math.min(20, a.getKey().length())),
                        "attribute names are at most 100 characters, values at most 200");
            }
        }
        ProductSearch.Query query = new ProductSearch.Query(
                q,
                category,
                shop,
                minPrice,
                maxPrice,
                inStock,
                minRating == null ? null : Integer.valueOf(minRating),
                attributes,
                sort,
                page.page(),
                page.size(),
                cursor,
                displayCurrency,
                Boolean.parseBoolean(facets));
        return limited(request, "search", limits.perIp(), "searches from one address")
                .flatMap(x -> search.search(query));
    }

    private Uni<Void> limited(HttpServerRequest request, String name, int perIp, String what) {
        return limits.enabled()
                ? limiter.acquire(name, clients.of(request), perIp, limits.window(), what)
                : Uni.createFrom().voidItem();
    }

    @GET
    @Path("suggest")
    public Uni<Map<String, List<String>>> suggest(
            @QueryParam("q") @NotBlank(message = "is required") @Size(max = 100, message = "is at most 100 characters")
                    String q,
            @Context HttpServerRequest request) {
        return limited(request, "suggest", limits.suggestPerIp(), "suggestion requests from one address")
                .flatMap(x -> search.suggest(q))
                .map(s -> Map.of("suggestions", s));
    }
}
