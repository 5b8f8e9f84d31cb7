package dev.bazaar.catalog.rest;

import dev.bazaar.catalog.domain.Shop;
import dev.bazaar.catalog.domain.ShopStatus;
import dev.bazaar.catalog.domain.ShopStatus.Review;
import dev.bazaar.catalog.persistence.ShopRepository;
import dev.bazaar.catalog.service.ShopService;
import dev.bazaar.kit.web.Page;
import dev.bazaar.kit.web.PageRequest;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
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
import java.util.UUID;

/** Admins review shops: the queue of shops in a status, and the decisions. */
@Path("/api/v1/admin/shops")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminShopResource {

    static final String UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private final ShopRepository shops;
    private final ShopService service;

    public AdminShopResource(ShopRepository shops, ShopService service) {
        this.shops = shops;
        this.service = service;
    }

    @GET
    @WithSession
    public Uni<Page<Shop>> list(
            @QueryParam("status")
                    @DefaultValue("PENDING_APPROVAL")
                    @Pattern(
                            regexp = "PENDING_APPROVAL|APPROVED|REJECTED|SUSPENDED",
                            message = "must be one of PENDING_APPROVAL, APPROVED, REJECTED, SUSPENDED")
                    String status,
            @Valid @BeanParam PageRequest page) {
        return shops.findByStatus(ShopStatus.valueOf(status), page);
    }

    @POST
    @Path("{id}/approve")
    public Uni<Shop> approve(@PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id) {
        return service.review(UUID.fromString(id), Review.APPROVE, null);
    }

    @POST
    @Path("{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Shop> reject(
            @PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id,
            @Valid @NotNull(message = "a body with a reason is required") ShopRequests.Reason body) {
        return service.review(UUID.fromString(id), Review.REJECT, body.reason().strip());
    }

    @POST
    @Path("{id}/suspend")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Shop> suspend(
            @PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id,
            @Valid @NotNull(message = "a body with a reason is required") ShopRequests.Reason body) {
        return service.review(UUID.fromString(id), Review.SUSPEND, body.reason().strip());
    }
}
