package dev.bazaar.portal.rest;

import dev.bazaar.portal.client.CatalogClient;
import dev.bazaar.portal.client.CatalogClient.Page;
import dev.bazaar.portal.client.CatalogClient.Reason;
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

/** Administrators: shops and products awaiting review; approve, or reject with a reason. */
@Path("/admin")
@Produces(MediaType.TEXT_HTML)
public class AdminResource {

    private static final String NOTHING = "There is nothing to decide here.";

    private final CatalogClient catalog;
    private final Viewer viewer;

    public AdminResource(@RestClient CatalogClient catalog, Viewer viewer) {
        this.catalog = catalog;
        this.viewer = viewer;
    }

    @GET
    public Uni<Response> queues() {
        return page(null, 200);
    }

    private Uni<Response> page(String message, int status) {
        viewer.requireAdmin();
        return Uni.combine().all().unis(Reply.of(catalog.shopsToReview("PENDING_APPROVAL", 100)),
                Reply.of(catalog.productsToReview("PENDING_REVIEW", 100))).asTuple()
                .map(t -> Pages.html(status, Templates.admin(viewer.view(),
                        t.getItem1().orElse(new Page<>(List.of())).items(),
                        t.getItem2().orElse(new Page<>(List.of())).items(), message)));
    }

    @POST
    @Path("{kind}/{id}/{decision}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> decide(@PathParam("kind") String kind, @PathParam("id") String id,
            @PathParam("decision") String decision, @RestForm String reason) {
        viewer.requireAdmin();
        if (!(kind.equals("shops") || kind.equals("products")) || !(decision.equals("approve")
                || decision.equals("reject"))) {
            throw new Pages.Missing(NOTHING);
        }
        Pages.uuid(id, NOTHING);
        Uni<Void> decided = decision.equals("reject") ? catalog.reject(kind, id, new Reason(reason))
                : catalog.approve(kind, id);
        return Reply.of(decided).flatMap(r -> r.ok() ? Uni.createFrom().item(Pages.redirect("/admin"))
                : page(r.fieldErrors().isEmpty() ? r.detail() : "A reason is required to reject.", r.pageStatus()));
    }
}
