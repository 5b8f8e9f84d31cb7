package dev.bazaar.portal.rest;

import dev.bazaar.portal.client.Reply;
import dev.bazaar.portal.client.SellerApplicationClient;
import dev.bazaar.portal.client.SellerApplicationClient.Applications;
import dev.bazaar.portal.client.SellerApplicationClient.Reason;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The applications to sell waiting for a decision, oldest first, the first {@value #SHOWN}: approve (the catalog
 * grants the seller role; the applicant's next sign-in carries it) or reject with the reason the applicant is told.
 * Administrators only.
 */
@Path("/admin/applications")
@Produces(MediaType.TEXT_HTML)
public class AdminApplicationsResource {

    static final int SHOWN = 50;
    static final String UNAVAILABLE = "The catalog service is not answering; try again in a moment.";
    private static final String NO_APPLICATION = "No such application.";
    private static final String REASON_REQUIRED = "A reason is required to reject.";

    private final SellerApplicationClient applications;
    private final Viewer viewer;

    public AdminApplicationsResource(@RestClient SellerApplicationClient applications, Viewer viewer) {
        this.applications = applications;
        this.viewer = viewer;
    }

    @GET
    public Uni<Response> queue() {
        viewer.requireAdmin();
        return page(null, 200);
    }

    @POST
    @Path("{id}/approve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> approve(@PathParam("id") String id) {
        viewer.requireAdmin();
        return decided(applications.approve(UUID.fromString(Pages.uuid(id, NO_APPLICATION))));
    }

    /** Rejected with the reason the applicant is told (required: the page asks again without calling the catalog). */
    @POST
    @Path("{id}/reject")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> reject(@PathParam("id") String id, @RestForm String reason) {
        viewer.requireAdmin();
        UUID application = UUID.fromString(Pages.uuid(id, NO_APPLICATION));
        if (reason == null || reason.isBlank()) {
            return page(REASON_REQUIRED, 400);
        }
        return decided(applications.reject(application, new Reason(reason.strip())));
    }

    /** The queue with {@code message} (null: none); one the catalog cannot give says why. */
    private Uni<Response> page(String message, int status) {
        return Reply.orUnavailable(applications.queue("PENDING", 0, SHOWN), UNAVAILABLE)
                .map(r -> Pages.html(
                        status,
                        ApplicationTemplates.adminApplications(
                                viewer.view(),
                                r.ok() && r.body() != null ? r.body() : new Applications(List.of(), 0, SHOWN, 0),
                                r.ok() ? null : r.detail(),
                                message)));
    }

    /** Back to the queue, or it with the catalog's reason (Keycloak down: 503, still pending); unknown: "Not found". */
    private Uni<Response> decided(Uni<?> decision) {
        return Reply.orUnavailable(decision, UNAVAILABLE).flatMap(r -> {
            if (r.ok()) {
                return Uni.createFrom().item(Pages.redirect("/admin/applications"));
            }
            if (r.status() == 404) {
                throw new Pages.Missing(NO_APPLICATION);
            }
            return page(r.explain(), r.pageStatus());
        });
    }
}
