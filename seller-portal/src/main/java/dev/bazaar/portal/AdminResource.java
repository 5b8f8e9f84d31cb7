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

/** Administrators: shops and products awaiting review; approve, or reject with a reason. */
@Path("/admin")
@Produces(MediaType.TEXT_HTML)
public class AdminResource {


    private final Services services;
    private final Viewer viewer;
    private final Template admin;

    public AdminResource(Services services, Viewer viewer, Template admin) {
        this.services = services;
        this.viewer = viewer;
        this.admin = admin;
    }

    @GET
    public Uni<Response> queues() {
        return page(null, 200);
    }

    private Uni<Response> page(String message, int status) {
        viewer.requireAdmin();
        String token = viewer.token();
        return Uni.combine().all().unis(
                services.get(Target.CATALOG, "/api/v1/admin/shops?status=PENDING_APPROVAL&size=100", token),
                services.get(Target.CATALOG, "/api/v1/admin/products?status=PENDING_REVIEW&size=100", token))
                .asTuple().map(t -> Response.status(status).type(MediaType.TEXT_HTML).entity(admin
                        .data("viewer", viewer.view()).data("shops", t.getItem1().list())
                        .data("products", t.getItem2().list()).data("message", message).render()).build());
    }

    @POST
    @Path("{kind}/{id}/{decision}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> decide(@PathParam("kind") String kind, @PathParam("id") String id,
            @PathParam("decision") String decision, @RestForm String reason) {
        viewer.requireAdmin();
        if (!(kind.equals("shops") || kind.equals("products")) || !(decision.equals("approve")
                || decision.equals("reject"))) {
            throw new Pages.Missing("There is nothing to decide here.");
        }
        Pages.uuid(id, "There is nothing to decide here.");
        Map<String, Object> body = new LinkedHashMap<>();
        if (decision.equals("reject")) {
            body.put("reason", reason);
        }
        return services.post(Target.CATALOG, "/api/v1/admin/" + kind + "/" + id + "/" + decision,
                decision.equals("reject") ? body : null, viewer.token())
                .flatMap(r -> r.ok() ? Uni.createFrom().item(Pages.redirect("/admin"))
                        : page(r.fieldErrors().isEmpty() ? r.detail() : "A reason is required to reject.",
                                r.status() >= 500 ? 502 : r.status()));
    }
}
