package dev.bazaar.notification.rest;

import dev.bazaar.kit.tenancy.CurrentUser;
import dev.bazaar.kit.web.PageRequest;
import dev.bazaar.notification.config.InboxConfig;
import dev.bazaar.notification.domain.NotificationType;
import dev.bazaar.notification.persistence.InboxStore.Stored;
import dev.bazaar.notification.service.Inbox;
import dev.bazaar.notification.service.InboxStreams;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The portal's notification inbox (the same events as the emails): a seller's own items, the admins' shared inbox for
 * admins; the unread count, also live as server-sent events for the header's badge; marking items read. Buyers have
 * no inbox here (their emails link to the buyer app). An item of another inbox is not found (404).
 */
@Path("/api/v1/notifications")
@RolesAllowed({"seller", "admin"})
public class InboxResource {

    static final String UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    /** An inbox item: {@code type} is the template name ({@code seller-new-order}), {@code link} a portal path. */
    public record ItemView(UUID id, String type, String title, String link, Instant createdAt, boolean read) {
        static ItemView of(Stored s) {
            return new ItemView(
                    s.id(),
                    NotificationType.named(s.type())
                            .map(NotificationType::template)
                            .orElse(s.type()),
                    s.title(),
                    s.link(),
                    s.createdAt(),
                    s.read());
        }
    }

    /** A page of the inbox, newest first, with how many items there are and how many are unread. */
    public record InboxPage(List<ItemView> items, long unread, int page, int size, long total) {}

    public record Unread(long unread) {}

    public record Marked(int marked) {}

    private final Inbox inbox;
    private final InboxStreams streams;
    private final CurrentUser user;
    private final InboxConfig config;

    public InboxResource(Inbox inbox, InboxStreams streams, CurrentUser user, InboxConfig config) {
        this.inbox = inbox;
        this.streams = streams;
        this.user = user;
        this.config = config;
    }

    /**
     * A page of the caller's inbox ({@code page} from 0, {@code size} 1..100, default 20), newest first; with
     * {@code unread=true} only the unread items ({@code total} then counts those).
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<InboxPage> list(@Valid @BeanParam PageRequest page, @QueryParam("unread") boolean unreadOnly) {
        return inbox.list(Inbox.recipientsOf(user), page, unreadOnly)
                .map(l -> new InboxPage(
                        l.items().stream().map(ItemView::of).toList(),
                        l.unread(),
                        page.page(),
                        page.size(),
                        l.total()));
    }

    @GET
    @Path("unread-count")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Unread> unreadCount() {
        return inbox.unread(Inbox.recipientsOf(user)).map(Unread::new);
    }

    /** Marks an item read: 204, also when it already was; 404 when it is not in the caller's inbox. */
    @POST
    @Path("{id}/read")
    public Uni<Void> read(@PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id) {
        return inbox.markRead(Inbox.recipientsOf(user), UUID.fromString(id));
    }

    /** Marks every unread item of the caller's inbox read: how many were. */
    @POST
    @Path("read-all")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Marked> readAll() {
        return inbox.markAllRead(Inbox.recipientsOf(user)).map(Marked::new);
    }

    /**
     * Server-sent events for the header's badge: event {@code unread} ({@code {"unread": n}}) at once and whenever
     * the count changes (pushed by the database's notifications, never polled), a comment every
     * {@code bazaar.inbox.heartbeat}; the stream ends after {@code bazaar.inbox.stream-max} ({@link InboxConfig}).
     */
    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<OutboundSseEvent> stream(@Context Sse sse) {
        Multi<OutboundSseEvent> counts = streams.unread(Inbox.recipientsOf(user))
                .map(n -> sse.newEventBuilder()
                        .name("unread")
                        .data(Unread.class, new Unread(n))
                        .build());
        Duration heartbeat = config.heartbeat();
        Multi<OutboundSseEvent> beats = Multi.createFrom()
                .ticks()
                .startingAfter(heartbeat)
                .every(heartbeat)
                .map(t -> sse.newEventBuilder().comment("keep-alive").build());
        return Multi.createBy().merging().streams(counts, beats).select().first(config.streamMax());
    }
}
