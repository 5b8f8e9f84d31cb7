package dev.bazaar.notification.service;

import dev.bazaar.notification.config.NotificationConfig;
import dev.bazaar.notification.domain.Audience;
import dev.bazaar.notification.domain.NotificationType;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Renders a notification with its Qute templates ({@code templates/notifications/<type>.html} and {@code .txt}): the
 * data planned from the event, the marketplace's name, the recipient's first name and the base of the links (the
 * seller portal for sellers, the buyer app for buyers). The HTML template escapes what it shows. An email of a mutable
 * type shows its unsubscribe link: in the HTML layout's footer ({@code unsubscribe}), and after the plain text's
 * signature.
 */
@ApplicationScoped
public class Renderer {

    /** A rendered email. */
    public record Rendered(String subject, String html, String text) {}

    private final Engine engine;
    private final NotificationConfig config;

    public Renderer(Engine engine, NotificationConfig config) {
        this.engine = engine;
        this.config = config;
    }

    public Rendered render(NotificationType type, Map<String, Object> data, String recipientName) {
        return render(type, data, recipientName, null);
    }

    /** As {@link #render(NotificationType, Map, String)}, with the one-click unsubscribe link (null: none). */
    public Rendered render(NotificationType type, Map<String, Object> data, String recipientName, String unsubscribe) {
        String base = type.audience() == Audience.SELLER ? config.portalUrl() : config.buyerAppUrl();
        String name = recipientName == null ? "" : recipientName;
        String link = unsubscribe == null ? "" : unsubscribe;
        String text = render(template(type, "txt"), data, name, strip(base), link);
        if (!link.isEmpty()) {
            text = text + (text.endsWith("\n") ? "" : "\n") + "\nTo stop these emails: " + link + "\n";
        }
        return new Rendered(
                type.subject(config.marketplaceName(), data),
                render(template(type, "html"), data, name, strip(base), link),
                text);
    }

    private String render(Template template, Map<String, Object> data, String name, String base, String unsubscribe) {
        return template.instance()
                .data("d", data)
                .data("marketplace", config.marketplaceName())
                .data("name", name)
                .data("base", base)
                .data("unsubscribe", unsubscribe)
                .render();
    }

    private Template template(NotificationType type, String suffix) {
        String id = "notifications/" + type.template() + "." + suffix;
        Template t = engine.getTemplate(id);
        if (t == null) {
            throw new IllegalStateException("no template " + id);
        }
        return t;
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
