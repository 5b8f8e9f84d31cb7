package dev.bazaar.catalog.rest;

import static dev.bazaar.catalog.rest.AdminShopResource.UUID_PATTERN;

import dev.bazaar.catalog.domain.Product;
import dev.bazaar.catalog.domain.ProductStatus;
import dev.bazaar.catalog.service.ProductRevisions;
import dev.bazaar.catalog.service.ProductService;
import dev.bazaar.kit.tenancy.CurrentUser;
import dev.bazaar.kit.web.Page;
import dev.bazaar.kit.web.PageRequest;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;

/** A seller's products and stock, always within the seller's own shop (another shop's product → 404). */
@Path("/api/v1/seller")
@RolesAllowed("seller")
@Produces(MediaType.APPLICATION_JSON)
public class SellerProductResource {

    static final String STATUS_PATTERN = "DRAFT|PENDING_REVIEW|ACTIVE|REJECTED|ARCHIVED|TAKEN_DOWN";
    static final String STATUS_MESSAGE = "must be one of DRAFT, PENDING_REVIEW, ACTIVE, REJECTED, ARCHIVED, TAKEN_DOWN";

    private final ProductService products;
    private final ProductRevisions revisions;
    private final CurrentUser user;

    public SellerProductResource(ProductService products, ProductRevisions revisions, CurrentUser user) {
        this.products = products;
        this.revisions = revisions;
        this.user = user;
    }

    @POST
    @Path("products")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(@Valid @NotNull(message = "a body is required") ProductRequests.NewProduct body) {
        return products.create(user.subject(), body)
                .map(p -> Response.created(URI.create("/api/v1/seller/products/" + p.id()))
                        .entity(p)
                        .build());
    }

    @GET
    @Path("products")
    public Uni<Page<Product>> list(
            @QueryParam("status") @Pattern(regexp = STATUS_PATTERN, message = STATUS_MESSAGE) String status,
            @Valid @BeanParam PageRequest page) {
        return products.listOwn(user.subject(), Optional.ofNullable(status).map(ProductStatus::valueOf), page);
    }

    @GET
    @Path("products/{id}")
    public Uni<Product> get(@PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id) {
        return products.getOwn(user.subject(), UUID.fromString(id));
    }

    /**
     * 200 with the product when it changed at once (not live); 202 with the revision when the product is live: the
     * change waits for an admin and the approved content stays on sale meanwhile.
     */
    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("products/{id}")
    public Uni<Response> update(
            @PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id,
            @Valid @NotNull(message = "a body is required") ProductRequests.UpdateProduct patch) {
        return products.update(user.subject(), UUID.fromString(id), patch).map(edit -> switch (edit) {
            case ProductRevisions.Edit.Applied applied ->
                Response.ok(applied.product()).build();
            case ProductRevisions.Edit.Held held ->
                Response.accepted(RevisionView.of(held.review())).build();
        });
    }

    /** The product's changes waiting for review, or rejected with the reason (404: none). */
    @GET
    @Path("products/{id}/revision")
    public Uni<RevisionView> revision(
            @PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id) {
        return revisions.own(user.subject(), UUID.fromString(id)).map(RevisionView::of);
    }

    /** Takes the changes back: the live content stays (404: none). */
    @DELETE
    @Path("products/{id}/revision")
    public Uni<Response> withdraw(
            @PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id) {
        return revisions
                .withdraw(user.subject(), UUID.fromString(id))
                .map(x -> Response.noContent().build());
    }

    @DELETE
    @Path("products/{id}")
    public Uni<Response> delete(
            @PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id) {
        return products.delete(user.subject(), UUID.fromString(id))
                .map(x -> Response.noContent().build());
    }

    @POST
    @Path("products/{id}/submit")
    public Uni<Product> submit(@PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id) {
        return products.submit(user.subject(), UUID.fromString(id));
    }

    @POST
    @Path("products/{id}/archive")
    public Uni<Product> archive(
            @PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id) {
        return products.archive(user.subject(), UUID.fromString(id));
    }

    /** An archived product comes back as a draft: it must pass review again before it is sold. */
    @POST
    @Path("products/{id}/restore")
    public Uni<Product> restore(
            @PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id) {
        return products.restore(user.subject(), UUID.fromString(id));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("variants/{variantId}/stock")
    public Uni<Product> stock(
            @PathParam("variantId") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String variantId,
            @Valid @NotNull(message = "a body with onHand is required") ProductRequests.Stock body) {
        return products.setStock(user.subject(), UUID.fromString(variantId), body.onHand());
    }
}
