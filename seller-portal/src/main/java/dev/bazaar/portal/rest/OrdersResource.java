package dev.bazaar.portal.rest;

import dev.bazaar.portal.client.OrderClient;
import dev.bazaar.portal.client.OrderClient.Reason;
import dev.bazaar.portal.client.OrderClient.Shipment;
import dev.bazaar.portal.client.Reply;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;

import java.util.List;
import java.util.function.Function;

/** The seller's order groups: ship (carrier + tracking), mark delivered, cancel; returns to approve or reject. */
@Path("/orders")
@Produces(MediaType.TEXT_HTML)
public class OrdersResource {

    private static final String MISSING = "No such order or return in your shop.";

    private final OrderClient orders;
    private final Viewer viewer;

    public OrdersResource(@RestClient OrderClient orders, Viewer viewer) {
        this.orders = orders;
        this.viewer = viewer;
    }

    @GET
    public Uni<Response> list() {
        return page(null, 200);
    }

    private Uni<Response> page(String message, int status) {
        viewer.requireSeller();
        return Reply.of(orders.orders()).map(r -> Pages.html(status, Templates.orders(viewer.view(),
                r.ok() ? r.body().items() : List.of(), message != null ? message : r.ok() ? null : r.detail())));
    }

    @POST
    @Path("{id}/ship")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> ship(@PathParam("id") String id, @RestForm String carrier, @RestForm String trackingNumber) {
        return act(id, o -> o.ship(id, new Shipment(carrier, trackingNumber)));
    }

    @POST
    @Path("{id}/delivered")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> delivered(@PathParam("id") String id) {
        return act(id, o -> o.delivered(id));
    }

    @POST
    @Path("{id}/cancel")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> cancel(@PathParam("id") String id, @RestForm String reason) {
        return act(id, o -> o.cancel(id, new Reason(reason)));
    }

    @POST
    @Path("returns/{returnId}/approve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> approve(@PathParam("returnId") String returnId) {
        return act(returnId, o -> o.approveReturn(returnId));
    }

    @POST
    @Path("returns/{returnId}/reject")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> reject(@PathParam("returnId") String returnId, @RestForm String reason) {
        return act(returnId, o -> o.rejectReturn(returnId, new Reason(reason)));
    }

    /** A change to the order (or return) {@code id}: back to the list, or the list with the service's reason. */
    private Uni<Response> act(String id, Function<OrderClient, Uni<Void>> change) {
        Pages.uuid(id, MISSING);
        viewer.requireSeller();
        return Reply.of(change.apply(orders)).flatMap(r -> {
            if (r.ok()) {
                return Uni.createFrom().item(Pages.redirect("/orders"));
            }
            if (r.status() == 404) {
                throw new Pages.Missing(MISSING);
            }
            return page(r.explain(), r.pageStatus());
        });
    }
}
