package dev.bazaar.catalog.rest;

import dev.bazaar.catalog.domain.Shop;
import dev.bazaar.catalog.domain.ShopStatus;
import dev.bazaar.catalog.persistence.ShopRepository;
import dev.bazaar.kit.web.Page;
import dev.bazaar.kit.web.PageRequest;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Admins review shops: the queue of shops in a status. */
@Path("/api/v1/admin/shops")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminShopResource {

    private final ShopRepository shops;

    public AdminShopResource(ShopRepository shops) {
        this.shops = shops;
    }

    @GET
    public Uni<Page<Shop>> list(
            @QueryParam("status") @DefaultValue("PENDING_APPROVAL")
            @Pattern(regexp = "PENDING_APPROVAL|APPROVED|REJECTED|SUSPENDED",
                    message = "must be one of PENDING_APPROVAL, APPROVED, REJECTED, SUSPENDED") String status,
            @Valid @BeanParam PageRequest page) {
        return shops.findByStatus(ShopStatus.valueOf(status), page);
    }
}
