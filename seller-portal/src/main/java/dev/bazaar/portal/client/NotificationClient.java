package dev.bazaar.portal.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.client.SseEvent;

/**
 * The notification service's inbox (a seller's own items, the admins' shared inbox) and email preferences, with the
 * signed-in user's own access token. Each call times out after 5 s
 * ({@code dev.bazaar.portal.client.NotificationClient/<method>/Timeout/value}, in ms); the unread-count stream stays
 * open (the service ends it after a while, the browser then connects again).
 */
@RegisterRestClient(configKey = "notification")
@RegisterProvider(Refusals.class)
@RegisterClientHeaders(UserToken.class)
@Path("/api/v1/notifications")
@Consumes(MediaType.APPLICATION_JSON)
public interface NotificationClient {

    /** An inbox item; {@code link} is a path of this portal. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Item(String id, String type, String title, String link, Instant createdAt, boolean read) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Inbox(List<Item> items, long unread, int page, int size, long total) {}

    /** An email type and whether the user muted it; an essential one is always sent. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Preference(String type, boolean essential, boolean muted) {}

    /** The types the user does not want emails of. */
    record Muted(List<String> muted) {}

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    Uni<Inbox> inbox(@QueryParam("page") int page, @QueryParam("size") int size);

    @POST
    @Path("{id}/read")
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    Uni<Void> read(@PathParam("id") String id);

    @POST
    @Path("read-all")
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    Uni<Void> readAll();

    /** The unread count now and at every change: events {@code unread} with {@code {"unread": n}}. */
    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    Multi<SseEvent<String>> unreadStream();

    @GET
    @Path("preferences")
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    Uni<List<Preference>> preferences();

    @PUT
    @Path("preferences")
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    Uni<Void> mute(Muted muted);
}
