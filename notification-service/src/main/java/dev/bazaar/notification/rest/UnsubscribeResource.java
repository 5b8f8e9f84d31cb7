package dev.bazaar.notification.rest;

import dev.bazaar.notification.config.NotificationConfig;
import dev.bazaar.notification.domain.Preferences;
import dev.bazaar.notification.service.NotificationPreferences;
import dev.bazaar.notification.service.UnsubscribeTokens;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * One-click unsubscribe (RFC 8058) from the link in every email of a mutable type. The signed token is the only
 * credential (a mail client has no login), so the endpoint is {@code @PermitAll}; a damaged, forged or essential token is
 * problem+json (400, 403, 400) and changes nothing (UnsubscribeTokens).
 * <ul>
 * <li>{@code GET ?token=} shows a page with a button, and changes nothing: mail scanners and link previews fetch links
 * without anyone clicking them.</li>
 * <li>{@code POST ?token=} (the mail client's {@code List-Unsubscribe=One-Click}, or the page's button; any body) mutes
 * that type for that recipient, and answers 200 again when it was muted already.</li>
 * </ul>
 */
@Path(UnsubscribeTokens.PATH)
@PermitAll
public class UnsubscribeResource {

    /** A link's token is a few hundred characters; a longer one is refused before it is read (400 problem+json). */
    static final String TOKEN_SIZE = "is at most " + UnsubscribeTokens.MAX_TOKEN + " characters";

    private final UnsubscribeTokens tokens;
    private final NotificationPreferences preferences;
    private final NotificationConfig config;
    private final Template confirm;
    private final Template done;

    public UnsubscribeResource(
            UnsubscribeTokens tokens,
            NotificationPreferences preferences,
            NotificationConfig config,
            @Location("unsubscribe/confirm.html") Template confirm,
            @Location("unsubscribe/done.html") Template done) {
        this.tokens = tokens;
        this.preferences = preferences;
        this.config = config;
        this.confirm = confirm;
        this.done = done;
    }

    /** The confirmation page: what the link would turn off, and the button that does it. */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(
            @QueryParam("token") @Size(max = UnsubscribeTokens.MAX_TOKEN, message = TOKEN_SIZE) String token) {
        UnsubscribeTokens.Unsubscribe u = tokens.verify(token);
        return html(confirm.data("marketplace", config.marketplaceName())
                .data("what", Preferences.describe(u.type()))
                .data("path", UnsubscribeTokens.PATH)
                .data("token", token.strip())
                .render());
    }

    /** Mutes the link's type for its recipient. */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> unsubscribe(
            @QueryParam("token") @Size(max = UnsubscribeTokens.MAX_TOKEN, message = TOKEN_SIZE) String token) {
        UnsubscribeTokens.Unsubscribe u = tokens.verify(token);
        return preferences
                .mute(u.subject(), u.type())
                .replaceWith(() -> html(done.data("marketplace", config.marketplaceName())
                        .data("what", Preferences.describe(u.type()))
                        .render()));
    }

    private static Response html(String body) {
        // the token is a credential in the URL: never cached, never sent on as a Referer
        return Response.ok(body, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }
}
