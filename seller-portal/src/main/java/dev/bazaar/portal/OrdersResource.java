package dev.bazaar.portal;

import dev.bazaar.portal.Services.Target;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

import java.util.LinkedHashMap;
import java.util.Map;

/** The seller's order groups: ship (carrier + tracking), mark delivered, cancel; returns to approve or reject. */
@Path("/orders")
@Produces(MediaType.TEXT_HTML)
public class OrdersResource {


    private static final String MISSING = "No such order or return in your shop.";

    private final Services services;
    private final Viewer viewer;
    private final Template orders;

    public OrdersResource(Services services, Viewer viewer, Template orders) {
        this.services = services;
        this.viewer = viewer;
        this.orders = orders;
    }

    @GET
    public Uni<Response> list() {
        return page(null, 200);
    }

    private Uni<Response> page(String message, int status) {
        viewer.requireSeller();
        return services.get(Target.ORDER, "/api/v1/seller/orders", viewer.token()).map(r -> Response.status(status)
                .type(MediaType.TEXT_HTML).entity(orders.data("viewer", viewer.view()).data("groups", r.list())
                        .data("message", message != null ? message : r.ok() ? null : r.detail()).render()).build());
    }

    @POST
    @Path("{id}/ship")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> ship(@PathParam("id") String id, @RestForm String carrier, @RestForm String trackingNumber) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("carrier", carrier);
        body.put("trackingNumber", trackingNumber);
        return act("/api/v1/seller/orders/" + Pages.uuid(id, MISSING) + "/shipments", body);
    }

    @POST
    @Path("{id}/delivered")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> delivered(@PathParam("id") String id) {
        return act("/api/v1/seller/orders/" + Pages.uuid(id, MISSING) + "/delivered", Map.of());
    }

    @POST
    @Path("{id}/cancel")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> cancel(@PathParam("id") String id, @RestForm String reason) {
        return act("/api/v1/seller/orders/" + Pages.uuid(id, MISSING) + "/cancel", reason(reason));
    }

    @POST
    @Path("returns/{returnId}/approve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> approve(@PathParam("returnId") String returnId) {
        return act("/api/v1/seller/returns/" + Pages.uuid(returnId, MISSING) + "/approve", Map.of());
    }

    @POST
    @Path("returns/{returnId}/reject")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> reject(@PathParam("returnId") String returnId, @RestForm String reason) {
        return act("/api/v1/seller/returns/" + Pages.uuid(returnId, MISSING) + "/reject", reason(reason));
    }

    private Uni<Response> act(String path, Map<String, Object> body) {
        viewer.requireSeller();
        return services.post(Target.ORDER, path, body, viewer.token()).flatMap(r -> {
            if (r.ok()) {
                return Uni.createFrom().item(Pages.redirect("/orders"));
            }
            if (r.status() == 404) {
                throw new Pages.Missing(MISSING);
            }
            String why = r.explain();
            return page(why, r.status() >= 500 ? 502 : r.status());
        });
    }

    private static Map<String, Object> reason(String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", reason);
        return body;
    }

}
