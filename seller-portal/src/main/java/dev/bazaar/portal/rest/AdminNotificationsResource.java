package dev.bazaar.portal.rest;

import dev.bazaar.portal.client.AdminNotificationClient;
import dev.bazaar.portal.client.Reply;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The notifications the notification service gave up on after its last attempt (an address that bounced, the mail
 * server down for too long), with a retry once the cause is fixed: a form (CSRF token) answered by a redirect back
 * (post/redirect/get), or the page with the service's reason.
 */
@Path("/admin/notifications")
@Produces(MediaType.TEXT_HTML)
public class AdminNotificationsResource {

    /** Failed notifications a page (the most recently failed). */
    static final int SHOWN = 100;

    private static final String NO_NOTIFICATION = "No such notification.";

    private final AdminNotificationClient notifications;
    private final Viewer viewer;

    public AdminNotificationsResource(@RestClient AdminNotificationClient notifications, Viewer viewer) {
        this.notifications = notifications;
        this.viewer = viewer;
    }

    @GET
    public Uni<Response> failed(@QueryParam("retried") String retried) {
        viewer.requireAdmin();
        return page(
                retried != null && retried.equals("1") ? "Queued again: it will be sent in a moment." : null,
                null,
                200);
    }

    @POST
    @Path("{id}/retry")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> retry(@PathParam("id") String id) {
        viewer.requireAdmin();
        return Reply.orUnavailable(
                        notifications.retry(Pages.uuid(id, NO_NOTIFICATION)), AdminOperationsResource.SERVICE_SILENT)
                .flatMap(r -> {
                    if (r.ok()) {
                        return Uni.createFrom().item(Pages.redirect("/admin/notifications?retried=1"));
                    }
                    if (r.status() == 404) {
                        throw new Pages.Missing(NO_NOTIFICATION);
                    }
                    return page(null, r.explain(), r.pageStatus());
                });
    }

    private Uni<Response> page(String notice, String message, int status) {
        return Reply.orUnavailable(notifications.failed(SHOWN), AdminOperationsResource.SERVICE_SILENT)
                .map(r -> Pages.html(
                        status,
                        AdminLogTemplates.adminNotifications(
                                viewer.view(), r.orElse(List.of()), r.ok() ? null : r.detail(), notice, message)));
    }
}
