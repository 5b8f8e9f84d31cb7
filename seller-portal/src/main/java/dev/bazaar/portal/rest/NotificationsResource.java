package dev.bazaar.portal.rest;

import dev.bazaar.portal.client.NotificationClient;
import dev.bazaar.portal.client.NotificationClient.Inbox;
import dev.bazaar.portal.client.NotificationClient.Muted;
import dev.bazaar.portal.client.NotificationClient.Preference;
import dev.bazaar.portal.client.Reply;
import dev.bazaar.portal.service.Notifications;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The notification inbox of sellers and administrators (a seller's own notifications, the administrators' shared
 * inbox), marking read, the email preferences, and the unread count for the header's badge as server-sent events
 * (the notification service's stream, with the user's token). When the notification service cannot be reached the
 * pages say so and the badge stays hidden; the rest of the portal does not depend on it.
 */
@Path("/notifications")
@Produces(MediaType.TEXT_HTML)
public class NotificationsResource {

    private static final Logger LOG = Logger.getLogger(NotificationsResource.class);
    /** Items per inbox page. */
    static final int PAGE_SIZE = 20;

    static final String UNAVAILABLE = "Notifications are not available right now. Try again in a moment.";
    private static final String NO_ITEM = "No such notification.";
    /** A comment this often keeps proxies from closing an idle badge stream. */
    static final Duration HEARTBEAT = Duration.ofSeconds(25);
    /** After the service could not be reached, the browser tries the badge again this much later. */
    static final Duration RETRY_LATER = Duration.ofMinutes(1);

    private final NotificationClient notifications;
    private final Viewer viewer;
    private final Vertx vertx;

    public NotificationsResource(@RestClient NotificationClient notifications, Viewer viewer, Vertx vertx) {
        this.notifications = notifications;
        this.viewer = viewer;
        this.vertx = vertx;
    }

    @GET
    public Uni<Response> inbox(@QueryParam("page") @DefaultValue("0") String page) {
        viewer.requireSellerOrAdmin();
        return inboxPage(pageNumber(page), null, 200);
    }

    @POST
    @Path("{id}/read")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> read(@PathParam("id") String id) {
        viewer.requireSellerOrAdmin();
        Pages.uuid(id, NO_ITEM);
        return changed(notifications.read(id));
    }

    @POST
    @Path("read-all")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> readAll() {
        viewer.requireSellerOrAdmin();
        return changed(notifications.readAll());
    }

    /**
     * The unread count for the header's badge: event {@code unread} ({@code {"unread": n}}) at once and at every
     * change, a comment every {@link #HEARTBEAT}. When the notification service cannot be reached: event
     * {@code unavailable} (the badge hides) and the browser tries again after {@link #RETRY_LATER}.
     */
    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    public Multi<OutboundSseEvent> stream(@Context Sse sse) {
        viewer.requireSellerOrAdmin();
        Multi<OutboundSseEvent> upstream = notifications
                .unreadStream()
                .filter(e -> "unread".equals(e.name()) && e.data() != null)
                .map(e -> sse.newEventBuilder()
                        .name("unread")
                        .data(String.class, e.data())
                        .build());
        return Multi.createFrom().emitter(em -> {
            Object lock = new Object();
            long timer = vertx.setPeriodic(HEARTBEAT.toMillis(), t -> {
                synchronized (lock) {
                    em.emit(sse.newEventBuilder().comment("keep-alive").build());
                }
            });
            var subscription = upstream.subscribe()
                    .with(
                            event -> {
                                synchronized (lock) {
                                    em.emit(event);
                                }
                            },
                            failure -> {
                                LOG.debugf("unread stream unavailable: %s", failure.getMessage());
                                synchronized (lock) {
                                    em.emit(sse.newEventBuilder()
                                            .name("unavailable")
                                            .data(String.class, "{}")
                                            .reconnectDelay(RETRY_LATER.toMillis())
                                            .build());
                                    em.complete();
                                }
                            },
                            () -> {
                                synchronized (lock) {
                                    em.complete();
                                }
                            });
            em.onTermination(() -> {
                vertx.cancelTimer(timer);
                subscription.cancel();
            });
        });
    }

    @GET
    @Path("preferences")
    public Uni<Response> preferences() {
        viewer.requireSellerOrAdmin();
        return preferencesPage(null, null, 200);
    }

    /**
     * The email preferences form: {@code shown} names every type the form offered that may be muted, {@code send}
     * the ones still ticked; the others are muted.
     */
    @POST
    @Path("preferences")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> savePreferences(MultivaluedMap<String, String> fields) {
        viewer.requireSellerOrAdmin();
        List<String> shown = fields == null || fields.get("shown") == null ? List.of() : fields.get("shown");
        List<String> send = fields == null || fields.get("send") == null ? List.of() : fields.get("send");
        return available(notifications.mute(new Muted(Notifications.muted(shown, send))))
                .flatMap(r -> r.ok()
                        ? preferencesPage("Your email preferences are saved.", null, 200)
                        : preferencesPage(null, r.detail(), r.pageStatus()));
    }

    /** A page of the inbox; one the service could not give says why ({@code status} stays the caller's). */
    private Uni<Response> inboxPage(int page, String message, int status) {
        return available(notifications.inbox(page, PAGE_SIZE)).map(r -> {
            Inbox inbox = r.ok() ? r.body() : null;
            boolean more = inbox != null && (long) (page + 1) * PAGE_SIZE < inbox.total();
            return Pages.html(
                    status,
                    Templates.notifications(
                            viewer.view(), inbox, page, more, message != null ? message : r.ok() ? null : r.detail()));
        });
    }

    /**
     * The preferences form, with {@code message} (saved) or {@code error} (why a save was refused); without the form,
     * saying why, when the service could not give the preferences.
     */
    private Uni<Response> preferencesPage(String message, String error, int status) {
        return available(notifications.preferences()).map(r -> {
            List<Preference> shown = r.orElse(List.of());
            return Pages.html(
                    status,
                    Templates.notificationPreferences(
                            viewer.view(),
                            r.ok() ? shown : null,
                            message,
                            error != null ? error : r.ok() ? null : r.detail()));
        });
    }

    /** Back to the inbox, or it with why the service refused (an item not the user's is "Not found"). */
    private Uni<Response> changed(Uni<Void> change) {
        return available(change).flatMap(r -> {
            if (r.ok()) {
                return Uni.createFrom().item(Pages.redirect("/notifications"));
            }
            if (r.status() == 404) {
                throw new Pages.Missing(NO_ITEM);
            }
            return inboxPage(0, r.detail(), r.pageStatus());
        });
    }

    /** The call as a reply; a service that cannot be reached (down, too slow) is a 503 with a clear message. */
    private static <T> Uni<Reply<T>> available(Uni<T> call) {
        return Reply.orUnavailable(call, UNAVAILABLE);
    }

    private static int pageNumber(String page) {
        try {
            int n = Integer.parseInt(page.strip());
            return Math.max(0, Math.min(n, 10_000));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
