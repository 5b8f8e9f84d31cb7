package dev.bazaar.notification.rest;

import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.notification.domain.NotificationStatus;
import dev.bazaar.notification.domain.NotificationType;
import dev.bazaar.notification.domain.Samples;
import dev.bazaar.notification.persistence.NotificationEntity;
import dev.bazaar.notification.service.AdminNotifications;
import dev.bazaar.notification.service.Renderer;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The admins' view of notifications: the dead sends (given up after the last attempt), a retry that queues one
 * again, and a preview of any template rendered with sample data. A notification shows the recipient's subject, never
 * an address.
 */
@Path("/api/v1/admin/notifications")
@RolesAllowed("admin")
public class AdminNotificationResource {

    /** A notification as admins see it. */
    public record NotificationView(
            UUID id,
            NotificationType type,
            String recipientSubject,
            UUID sourceEventId,
            NotificationStatus status,
            int attempts,
            String lastError,
            Instant createdAt,
            Instant updatedAt) {
        static NotificationView of(NotificationEntity e) {
            return new NotificationView(
                    e.id,
                    e.type,
                    e.recipientSubject,
                    e.sourceEventId,
                    e.status,
                    e.attempts,
                    e.lastError,
                    e.createdAt,
                    e.updatedAt);
        }
    }

    private final AdminNotifications notifications;
    private final Renderer renderer;

    public AdminNotificationResource(AdminNotifications notifications, Renderer renderer) {
        this.notifications = notifications;
        this.renderer = renderer;
    }

    /** Dead sends, most recently failed first ({@code limit} 1..500, default 100). */
    @GET
    @Path("failed")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<List<NotificationView>> dead(@QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        return notifications
                .dead(limit)
                .map(list -> list.stream().map(NotificationView::of).toList());
    }

    /** Queues a dead send again (attempts from zero, due now): 200 with it; 404 unknown; 409 when it is not dead. */
    @POST
    @Path("{id}/retry")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<NotificationView> retry(@PathParam("id") UUID id) {
        return notifications.retry(id).map(NotificationView::of);
    }

    /**
     * A template rendered with sample data: {@code type} is a template name ({@code seller-new-order}) or a type
     * ({@code SELLER_NEW_ORDER}); {@code format} {@code html} (default) or {@code text}. The subject is in the
     * {@code X-Notification-Subject} header.
     */
    @GET
    @Path("templates/{type}/preview")
    @Produces({MediaType.TEXT_HTML, MediaType.TEXT_PLAIN})
    public Response preview(
            @PathParam("type") @Size(max = 64, message = "is at most 64 characters") String type,
            @QueryParam("format") @DefaultValue("html") @Pattern(regexp = "html|text", message = "html or text")
                    String format) {
        NotificationType t = NotificationType.named(type)
                .orElseThrow(() -> new ProblemException.NotFound("no notification type " + type));
        Renderer.Rendered r = renderer.render(t, Samples.data(t), "Sam");
        return format.equals("html")
                ? Response.ok(r.html(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                        .header("X-Notification-Subject", r.subject())
                        .build()
                : Response.ok(r.text(), MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                        .header("X-Notification-Subject", r.subject())
                        .build();
    }
}
