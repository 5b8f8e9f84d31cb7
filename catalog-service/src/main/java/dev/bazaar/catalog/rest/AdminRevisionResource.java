package dev.bazaar.catalog.rest;

import static dev.bazaar.catalog.rest.AdminShopResource.UUID_PATTERN;

import dev.bazaar.catalog.domain.Product;
import dev.bazaar.catalog.domain.Revision;
import dev.bazaar.catalog.service.ProductRevisions;
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
 * Admins review sellers' changes to live products: the queue (oldest first, each with what is live, what is proposed
 * and which fields differ), approve (the product shows the changes) or reject with a reason (nothing live changes).
 */
@Path("/api/v1/admin/revisions")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminRevisionResource {

    private final ProductRevisions revisions;

    public AdminRevisionResource(ProductRevisions revisions) {
        this.revisions = revisions;
    }

    @GET
    public Uni<Page<RevisionView>> queue(
            @QueryParam("status")
                    @DefaultValue("PENDING")
                    @Pattern(regexp = "PENDING|REJECTED", message = "must be PENDING or REJECTED")
                    String status,
            @Valid @BeanParam PageRequest page) {
        return revisions
                .queue(Optional.of(Revision.Status.valueOf(status)), page)
                .map(found -> new Page<>(
                        found.items().stream().map(RevisionView::of).toList(),
                        found.page(),
                        found.size(),
                        found.total()));
    }

    @POST
    @Path("{productId}/approve")
    public Uni<Product> approve(
            @PathParam("productId") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String productId) {
        return revisions.approve(UUID.fromString(productId));
    }

    @POST
    @Path("{productId}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RevisionView> reject(
            @PathParam("productId") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String productId,
            @Valid @NotNull(message = "a body with a reason is required") ShopRequests.Reason body) {
        return revisions
                .reject(UUID.fromString(productId), body.reason().strip())
                .map(RevisionView::of);
    }
}
