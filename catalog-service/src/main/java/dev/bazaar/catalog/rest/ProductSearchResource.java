package dev.bazaar.catalog.rest;

import dev.bazaar.catalog.service.ProductSearch;
import io.smallrye.mutiny.Uni;
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
import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.kit.web.PageRequest;

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

    public ProductSearchResource(ProductSearch search) {
        this.search = search;
    }

    @GET
    public Uni<ProductSearch.Result> search(
            @QueryParam("q") @Size(max = 200, message = "is at most 200 characters") String q,
            @QueryParam("category") @Size(max = 100) String category,
            @QueryParam("shop") @Size(max = 100) String shop,
            @QueryParam("minPrice") @Min(value = 0, message = "must not be negative") Long minPrice,
            @QueryParam("maxPrice") @Min(value = 0, message = "must not be negative") Long maxPrice,
            @QueryParam("inStock") Boolean inStock,
            @QueryParam("sort") @DefaultValue("relevance")
            @Pattern(regexp = "relevance|price_asc|price_desc|newest",
                    message = "must be one of relevance, price_asc, price_desc, newest") String sort,
            @Valid @BeanParam PageRequest page,
            @QueryParam("cursor") @Size(max = 1000) String cursor,
            @QueryParam("displayCurrency") @Pattern(regexp = "[A-Z]{3}", message = "is an ISO 4217 code such as EUR")
            String displayCurrency,
            @Context UriInfo uri) {
        if (cursor == null && (long) (page.page() + 1) * page.size() > MAX_WINDOW) {
            throw new ProblemException("page-too-deep", "Page too deep", 400,
                    "Page numbers end at result " + MAX_WINDOW + "; follow nextCursor to go deeper.");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Entry<String, List<String>> p : uri.getQueryParameters().entrySet()) {
            if (p.getKey().startsWith("attr.") && p.getKey().length() > 5 && !p.getValue().isEmpty()) {
                attributes.put(p.getKey().substring(5), p.getValue().get(0));
            }
        }
        return search.search(new ProductSearch.Query(q, category, shop, minPrice, maxPrice, inStock, attributes, sort,
                page.page(), page.size(), cursor, displayCurrency));
    }

    @GET
    @Path("suggest")
    public Uni<Map<String, List<String>>> suggest(
            @QueryParam("q") @NotBlank(message = "is required") @Size(max = 100) String q) {
        return search.suggest(q).map(s -> Map.of("suggestions", s));
    }
}
