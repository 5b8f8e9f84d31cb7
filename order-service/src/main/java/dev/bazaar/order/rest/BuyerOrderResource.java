package dev.bazaar.order.rest;

import dev.bazaar.kit.tenancy.CurrentUser;
import dev.bazaar.kit.web.Page;
import dev.bazaar.kit.web.PageRequest;
import dev.bazaar.order.domain.OrderSummary;
import dev.bazaar.order.persistence.BuyerOrderViews;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A buyer's own orders, newest first, from the read model. */
@Path("/api/v1/orders")
@RolesAllowed("buyer")
@Produces(MediaType.APPLICATION_JSON)
public class BuyerOrderResource {

    private final BuyerOrderViews views;
    private final CurrentUser user;

    public BuyerOrderResource(BuyerOrderViews views, CurrentUser user) {
        this.views = views;
        this.user = user;
    }

    @GET
    public Uni<Page<OrderSummary>> list(@Valid @BeanParam PageRequest page) {
        return views.forBuyer(user.subject(), page);
    }
}
