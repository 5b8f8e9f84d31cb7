package dev.bazaar.catalog.rest;

import static dev.bazaar.catalog.rest.AdminShopResource.UUID_PATTERN;
import static dev.bazaar.catalog.rest.SellerProductResource.STATUS_MESSAGE;
import static dev.bazaar.catalog.rest.SellerProductResource.STATUS_PATTERN;

import dev.bazaar.catalog.domain.Product;
import dev.bazaar.catalog.domain.ProductStatus;
import dev.bazaar.catalog.domain.ProductStatus.Action;
import dev.bazaar.catalog.service.ProductService;
import dev.bazaar.kit.web.Page;
import dev.bazaar.kit.web.PageRequest;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import java.util.UUID;

/**
 * Admins review products: approve (ACTIVE, published to search and carts) or reject with a reason; take a live product
 * down with a reason (out of search and carts, the seller is told) and restore it.
 */
@Path("/api/v1/admin/products")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminProductResource {

    private final ProductService products;

    public AdminProductResource(ProductService products) {
        this.products = products;
    }

    @GET
    public Uni<Page<Product>> list(
            @QueryParam("status")
                    @DefaultValue("PENDING_REVIEW")
                    @Pattern(regexp = STATUS_PATTERN, message = STATUS_MESSAGE)
                    String status,
            @Valid @BeanParam PageRequest page) {
        return products.listForReview(Optional.of(ProductStatus.valueOf(status)), page);
    }

    @POST
    @Path("{id}/approve")
    public Uni<Product> approve(
            @PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id) {
        return products.review(UUID.fromString(id), Action.APPROVE, null);
    }

    @POST
    @Path("{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Product> reject(
            @PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id,
            @Valid @NotNull(message = "a body with a reason is required") ShopRequests.Reason body) {
        return products.review(UUID.fromString(id), Action.REJECT, body.reason().strip());
    }

    @POST
    @Path("{id}/take-down")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Product> takeDown(
            @PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id,
            @Valid @NotNull(message = "a body with a reason is required") ShopRequests.Reason body) {
        return products.review(
                UUID.fromString(id), Action.TAKE_DOWN, body.reason().strip());
    }

    @POST
    @Path("{id}/restore")
    public Uni<Product> restore(
            @PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id) {
        return products.review(UUID.fromString(id), Action.REINSTATE, null);
    }
}
