package dev.bazaar.portal.rest;

import dev.bazaar.portal.client.AdminReturnClient;
import dev.bazaar.portal.client.AdminReturnClient.Escalations;
import dev.bazaar.portal.client.CatalogClient;
import dev.bazaar.portal.client.CatalogClient.Page;
import dev.bazaar.portal.client.CatalogClient.Reason;
import dev.bazaar.portal.client.OrderClient;
import dev.bazaar.portal.client.Reply;
import dev.bazaar.portal.service.ProductDrafts;
import dev.bazaar.portal.service.ProductDrafts.CategoryOption;
import dev.bazaar.portal.service.RevisionDiffs;
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
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Administrators: shops and products awaiting review, and returns no seller decided in time (order-service's queue,
 * oldest first, the first {@value #RETURNS_SHOWN}); approve, or reject with a reason.
 */
@Path("/admin")
@Produces(MediaType.TEXT_HTML)
public class AdminResource {

    private static final String NOTHING = "There is nothing to decide here.";
    private static final String NO_RETURN = "No such return waiting for a decision.";
    private static final String REASON_REQUIRED = "A reason is required to reject.";
    /** Escalated returns shown (the queue's first page). */
    static final int RETURNS_SHOWN = 50;
    /** Changes to live products shown (the queue's first page, oldest first). */
    static final int REVISIONS_SHOWN = 50;

    private final CatalogClient catalog;
    private final AdminReturnClient returns;
    private final Viewer viewer;

    public AdminResource(@RestClient CatalogClient catalog, @RestClient AdminReturnClient returns, Viewer viewer) {
        this.catalog = catalog;
        this.returns = returns;
        this.viewer = viewer;
    }

    @GET
    public Uni<Response> queues() {
        return page(null, 200);
    }

    /**
     * The queues: shops, products, changes to live products (with what changed, field by field) and returns; one the
     * service could not give is empty (the returns queue says why).
     */
    private Uni<Response> page(String message, int status) {
        viewer.requireAdmin();
        return Uni.combine()
                .all()
                .unis(
                        Reply.of(catalog.shopsToReview("PENDING_APPROVAL", 100)),
                        Reply.of(catalog.productsToReview("PENDING_REVIEW", 100)),
                        Reply.of(catalog.revisionsToReview("PENDING", REVISIONS_SHOWN)),
                        Reply.of(catalog.categories()),
                        Reply.of(returns.queue(0, RETURNS_SHOWN)))
                .asTuple()
                .map(t -> {
                    Reply<Escalations> escalated = t.getItem5();
                    List<CategoryOption> categories =
                            ProductDrafts.options(t.getItem4().orElse(List.of()));
                    return Pages.html(
                            status,
                            Templates.admin(
                                    viewer.view(),
                                    t.getItem1().orElse(new Page<>(List.of())).items(),
                                    t.getItem2().orElse(new Page<>(List.of())).items(),
                                    t.getItem3().orElse(new Page<>(List.of())).items().stream()
                                            .map(r -> RevisionDiffs.of(r, categories))
                                            .toList(),
                                    escalated.orElse(new Escalations(List.of(), 0, RETURNS_SHOWN, 0)),
                                    escalated.ok() ? null : escalated.detail(),
                                    message));
                });
    }

    @POST
    @Path("{kind}/{id}/{decision}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> decide(
            @PathParam("kind") String kind,
            @PathParam("id") String id,
            @PathParam("decision") String decision,
            @RestForm String reason) {
        viewer.requireAdmin();
        if (!(kind.equals("shops") || kind.equals("products") || kind.equals("revisions"))
                || !(decision.equals("approve") || decision.equals("reject"))) {
            throw new Pages.Missing(NOTHING);
        }
        Pages.uuid(id, NOTHING);
        Uni<Void> decided =
                decision.equals("reject") ? catalog.reject(kind, id, new Reason(reason)) : catalog.approve(kind, id);
        return Reply.of(decided)
                .flatMap(r -> r.ok()
                        ? Uni.createFrom().item(Pages.redirect("/admin"))
                        : page(r.fieldErrors().isEmpty() ? r.detail() : REASON_REQUIRED, r.pageStatus()));
    }

    /** An escalated return: refund its items (the order service pays the refund back as for a seller's approval). */
    @POST
    @Path("returns/{id}/approve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> approveReturn(@PathParam("id") String id) {
        viewer.requireAdmin();
        return decided(returns.approve(Pages.uuid(id, NO_RETURN)));
    }

    /** An escalated return refused, with the reason the buyer is told (required: the page asks for it again). */
    @POST
    @Path("returns/{id}/reject")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> rejectReturn(@PathParam("id") String id, @RestForm String reason) {
        viewer.requireAdmin();
        Pages.uuid(id, NO_RETURN);
        if (reason == null || reason.isBlank()) {
            return page(REASON_REQUIRED, 400);
        }
        return decided(returns.reject(id, new OrderClient.Reason(reason.strip())));
    }

    /** Back to the queues, or them with the order service's reason; a return it does not know is "Not found". */
    private Uni<Response> decided(Uni<Void> decision) {
        return Reply.of(decision).flatMap(r -> {
            if (r.ok()) {
                return Uni.createFrom().item(Pages.redirect("/admin"));
            }
            if (r.status() == 404) {
                throw new Pages.Missing(NO_RETURN);
            }
            return page(r.explain(), r.pageStatus());
        });
    }
}
