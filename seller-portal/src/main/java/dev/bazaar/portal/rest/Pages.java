package dev.bazaar.portal.rest;

import dev.bazaar.portal.client.Money;
import dev.bazaar.portal.client.OrderClient.Detail;
import dev.bazaar.portal.client.OrderClient.Line;
import dev.bazaar.portal.service.Notifications;
import dev.bazaar.portal.service.OrderFilters;
import dev.bazaar.portal.service.ProductDrafts;
import dev.bazaar.portal.service.Returns;
import dev.bazaar.portal.service.Reviews;
import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Rendering helpers shared by the portal's pages: the error pages (a polite 403, a 404, and a generic error with a
 * reference instead of a stack trace), redirects after a form (post/redirect/get), and money formatting for templates.
 */
@ApplicationScoped
public class Pages {

    private static final Logger LOG = Logger.getLogger(Pages.class);

    /** The user may not see this part of the portal. */
    public static class NotAllowed extends RuntimeException {
        public NotAllowed(String message) {
            super(message, null, false, false);
        }
    }

    /** What the user asked for does not exist (or is not theirs: the services answer 404 for other tenants). */
    public static class Missing extends RuntimeException {
        public Missing(String message) {
            super(message, null, false, false);
        }
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowed e) {
        return page(
                403,
                "Not for you",
                e.getMessage() + " If you think you should have access, ask an "
                        + "administrator to give your account the right role.",
                null);
    }

    @ServerExceptionMapper
    public Response missing(Missing e) {
        return page(404, "Not found", e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        if (e instanceof jakarta.ws.rs.WebApplicationException w
                && w.getResponse().getStatus() < 500) {
            int status = w.getResponse().getStatus();
            return page(
                    status,
                    status == 404 ? "Not found" : status == 403 ? "Not for you" : "Bad request",
                    status == 404
                            ? "There is nothing here."
                            : status == 403
                                    ? "This form has expired or was not sent from the portal. Go back, reload and try again."
                                    : "The request could not be understood.",
                    null);
        }
        String reference = UUID.randomUUID().toString().substring(0, 8);
        LOG.errorf(e, "portal error %s", reference);
        return page(500, "Something went wrong", "The portal could not finish this. Try again in a moment.", reference);
    }

    private Response page(int status, String title, String message, String reference) {
        return Response.status(status)
                .type("text/html;charset=UTF-8")
                .entity(Templates.error(title, message, reference, status).render())
                .build();
    }

    /** A page (200). */
    public static Response html(TemplateInstance page) {
        return Response.ok(page.render(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .build();
    }

    /** A page with another status: a form sent back with its errors, a change the service refused. */
    public static Response html(int status, TemplateInstance page) {
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(page.render())
                .build();
    }

    public static Response redirect(String path) {
        return Response.seeOther(URI.create(path)).build();
    }

    /** Money for people: {@code {fmt:usd(p.price)}} → "$12.50". */
    @TemplateExtension(namespace = "fmt")
    static String usd(Money money) {
        return money == null ? "—" : "$" + BigDecimal.valueOf(money.amount(), 2).toPlainString();
    }

    /** Analytics money in minor units of USD: {@code {fmt:cents(t.gmv)}} → "$1,234.50". */
    @TemplateExtension(namespace = "fmt")
    static String cents(long minor) {
        return (minor < 0 ? "-$" : "$")
                + String.format(java.util.Locale.ROOT, "%,.2f", BigDecimal.valueOf(Math.abs(minor), 2));
    }

    /** Basis points as a percentage: {@code {fmt:bps(800)}} → "8.00 %". */
    @TemplateExtension(namespace = "fmt")
    static String bps(long bps) {
        return BigDecimal.valueOf(bps, 2).toPlainString() + " %";
    }

    /** Why the payment service would pay no payout now, in the seller's words. */
    @TemplateExtension(namespace = "fmt")
    static String payoutBlocked(String code) {
        return switch (String.valueOf(code)) {
            case "no-payout-account" -> "open a payout account first (see Payouts).";
            case "account-not-verified" -> "your payout account is not verified yet.";
            case "requirements-due" -> "the payment provider needs more information from you (see Payouts).";
            case "nothing-available" -> "nothing is available to pay out yet.";
            default -> String.valueOf(code);
        };
    }

    /** A timestamp's date part: {@code {fmt:day(g.placedAt)}}. */
    @TemplateExtension(namespace = "fmt")
    static String day(Object instant) {
        String s = String.valueOf(instant);
        return s.length() >= 10 ? s.substring(0, 10) : s;
    }

    /** A link a page may show ({@code <a href>}): the address when it is http(s), else null (shown as text). */
    @TemplateExtension(namespace = "fmt")
    static String webLink(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme();
            return scheme != null
                            && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                            && uri.getHost() != null
                    ? uri.toString()
                    : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** A group status for people: {@code {fmt:status(g.status)}} → "Partly shipped" for PARTIALLY_SHIPPED. */
    @TemplateExtension(namespace = "fmt")
    static String status(String status) {
        return OrderFilters.label(status);
    }

    /** A return's reason code for people: {@code {fmt:returnReason(r.reasonCode)}} → "Not as described". */
    @TemplateExtension(namespace = "fmt")
    static String returnReason(String code) {
        return Returns.reason(code);
    }

    /** A return's status for its seller: {@code {fmt:returnStatus(r.status)}} → "Waiting for your decision". */
    @TemplateExtension(namespace = "fmt")
    static String returnStatus(String status) {
        return Returns.status(status);
    }

    /** A rating as five stars, filled then empty: {@code {fmt:stars(r.rating)}} → "★★★★☆". */
    @TemplateExtension(namespace = "fmt")
    static String stars(int rating) {
        return Reviews.stars(rating);
    }

    /** A review's status in words: {@code {fmt:reviewStatus(r.status)}} → "Waiting for moderation". */
    @TemplateExtension(namespace = "fmt")
    static String reviewStatus(String status) {
        return Reviews.label(status);
    }

    /** Why a review waits for the moderators: {@code {fmt:heldBecause(r.flags)}} → "a web address". */
    @TemplateExtension(namespace = "fmt")
    static String heldBecause(java.util.List<String> flags) {
        return Reviews.heldBecause(flags);
    }

    /** The reviews page's query string: {@code {fmt:reviewsQuery(status, reviews.nextCursor)}}. */
    @TemplateExtension(namespace = "fmt")
    static String reviewsQuery(String status, String cursor) {
        return Reviews.query(status, cursor);
    }

    /** A notification type in words: {@code {fmt:notificationType(p.type)}} → "New order to ship". */
    @TemplateExtension(namespace = "fmt")
    static String notificationType(String type) {
        return Notifications.type(type);
    }

    /** An inbox item's link when it is a path of this portal, else null (shown as text). */
    @TemplateExtension(namespace = "fmt")
    static String portalPath(String link) {
        return Notifications.portalPath(link);
    }

    /** A line's SKU by its variant: {@code {o.sku(p.variantId)}} → "MUG-BLUE" (the variant id when not a line). */
    @TemplateExtension
    static String sku(Detail o, String variantId) {
        return o.lines() == null
                ? String.valueOf(variantId)
                : o.lines().stream()
                        .filter(l -> l.variantId() != null && l.variantId().equals(variantId))
                        .findFirst()
                        .map(l -> String.valueOf(l.sku()))
                        .orElse(String.valueOf(variantId));
    }

    /**
     * A line's options for people, in the catalog's order: {@code {l.optionsText}} → "Size: M · Colour: blue" (each
     * name with its first letter capitalised; empty when the line has none).
     */
    @TemplateExtension
    static String optionsText(Line line) {
        return line.options() == null
                ? ""
                : line.options().stream()
                        .filter(o -> o != null && o.name() != null && o.value() != null)
                        .map(o -> capitalised(o.name()) + ": " + o.value())
                        .collect(Collectors.joining(" · "));
    }

    private static String capitalised(String name) {
        return name.isEmpty() ? name : name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }

    /** A line of the order by its variant, for people: {@code {o.item(r.variantId)}} → "Stoneware mug (MUG-BLUE)". */
    @TemplateExtension
    static String item(Detail o, String variantId) {
        return o.lines() == null
                ? String.valueOf(variantId)
                : o.lines().stream()
                        .filter(l -> l.variantId() != null && l.variantId().equals(variantId))
                        .findFirst()
                        .map(l -> l.title() + " (" + l.sku() + ")")
                        .orElse(String.valueOf(variantId));
    }

    /** An id from a URL, or the "Not found" page ({@code what} says what was not found). */
    public static String uuid(String id, String what) {
        if (!ProductDrafts.isUuid(id)) {
            throw new Missing(what);
        }
        return id;
    }
}
