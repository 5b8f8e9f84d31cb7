package dev.bazaar.portal.rest;

import dev.bazaar.portal.client.AdminFraudClient;
import dev.bazaar.portal.client.AdminFraudClient.Block;
import dev.bazaar.portal.client.AdminFraudClient.Note;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The admin console's fraud pages (ADR 0026): the payments the rules held for review, allowed or blocked from the page
 * before their authorization runs out, the rules' latest decisions with their reasons, the admins' blocklist, and the
 * card disputes. Every change is a form (CSRF token) answered by a redirect back to its page (post/redirect/get), or
 * the page again with the payment service's reason (a review decided already is its 409). Input the service would
 * refuse anyway (no note to block, an unknown kind, a country that is not two letters) is refused here first.
 */
@Path("/admin")
@Produces(MediaType.TEXT_HTML)
public class AdminFraudResource {

    /** The rules' decisions shown below the queue. */
    static final int DECISIONS_SHOWN = 50;

    static final List<String> OUTCOMES = List.of("ALLOW", "REVIEW", "BLOCK");
    static final List<String> KINDS = List.of("BUYER", "PAYMENT_METHOD", "COUNTRY");
    static final List<String> DISPUTE_STATUSES = List.of(
            "needs_response",
            "under_review",
            "won",
            "lost",
            "warning_needs_response",
            "warning_under_review",
            "warning_closed",
            "charge_refunded");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final String NO_REVIEW = "No such payment waiting for review.";
    private static final String NO_ENTRY = "No such blocklist entry.";
    private static final int NOTE_MAX = 500;
    private static final Map<String, String> EMPTY_FORM = Map.of("kind", "", "value", "", "reason", "");

    private final AdminFraudClient fraud;
    private final Viewer viewer;

    public AdminFraudResource(@RestClient AdminFraudClient fraud, Viewer viewer) {
        this.fraud = fraud;
        this.viewer = viewer;
    }

    // ---- the review queue and the decisions

    @GET
    @Path("fraud")
    public Uni<Response> fraud(@QueryParam("outcome") String outcome, @QueryParam("decided") String decided) {
        viewer.requireAdmin();
        String notice = "ALLOW".equals(decided)
                ? "Allowed: the checkout goes on."
                : "BLOCK".equals(decided) ? "Blocked: the card's hold is released and the checkout fails." : null;
        return fraudPage(oneOf(OUTCOMES, outcome) ? outcome : null, notice, null, 200);
    }

    /** A held payment allowed (the note optional): the checkout places the order and captures the payment. */
    @POST
    @Path("fraud/reviews/{paymentId}/allow")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> allow(@PathParam("paymentId") String paymentId, @RestForm String note) {
        viewer.requireAdmin();
        Pages.uuid(paymentId, NO_REVIEW);
        String text = blankToNull(note);
        if (text != null && text.length() > NOTE_MAX) {
            return fraudPage(null, null, "The note is at most 500 characters.", 400);
        }
        return decided(fraud.allow(paymentId, new Note(text)), "ALLOW");
    }

    /** A held payment blocked, with the required note saying why: the hold is released and the checkout fails. */
    @POST
    @Path("fraud/reviews/{paymentId}/block")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> block(@PathParam("paymentId") String paymentId, @RestForm String note) {
        viewer.requireAdmin();
        Pages.uuid(paymentId, NO_REVIEW);
        String text = blankToNull(note);
        if (text == null) {
            return fraudPage(null, null, "A note is required to block a payment: say why.", 400);
        }
        if (text.length() > NOTE_MAX) {
            return fraudPage(null, null, "The note is at most 500 characters.", 400);
        }
        return decided(fraud.block(paymentId, new Note(text)), "BLOCK");
    }

    private Uni<Response> decided(Uni<?> decision, String outcome) {
        return Reply.orUnavailable(decision, AdminOrdersResource.UNAVAILABLE).flatMap(r -> {
            if (r.ok()) {
                return Uni.createFrom().item(Pages.redirect("/admin/fraud?decided=" + outcome));
            }
            if (r.status() == 404) {
                throw new Pages.Missing(NO_REVIEW);
            }
            return fraudPage(null, null, r.explain(), r.pageStatus());
        });
    }

    private Uni<Response> fraudPage(String outcome, String notice, String message, int status) {
        return Uni.combine()
                .all()
                .unis(
                        Reply.orUnavailable(fraud.reviews(), AdminOrdersResource.UNAVAILABLE),
                        Reply.orUnavailable(fraud.decisions(outcome, DECISIONS_SHOWN), AdminOrdersResource.UNAVAILABLE))
                .asTuple()
                .map(t -> Pages.html(
                        status,
                        FraudTemplates.adminFraud(
                                viewer.view(),
                                t.getItem1().orElse(List.of()),
                                t.getItem1().ok() ? null : t.getItem1().detail(),
                                outcome,
                                OUTCOMES,
                                t.getItem2().orElse(List.of()),
                                t.getItem2().ok() ? null : t.getItem2().detail(),
                                notice,
                                message)));
    }

    // ---- the blocklist

    @GET
    @Path("fraud/blocklist")
    public Uni<Response> blocklist(@QueryParam("added") String added, @QueryParam("removed") String removed) {
        viewer.requireAdmin();
        String notice = added != null
                ? "Added to the blocklist: it applies from the next payment on."
                : removed != null ? "Removed from the blocklist." : null;
        return blocklistPage(EMPTY_FORM, notice, null, 200);
    }

    @POST
    @Path("fraud/blocklist")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> addBlock(@RestForm String kind, @RestForm String value, @RestForm String reason) {
        viewer.requireAdmin();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("kind", kind == null ? "" : kind);
        form.put("value", value == null ? "" : value);
        form.put("reason", reason == null ? "" : reason);
        String v = blankToNull(value);
        String why = blankToNull(reason);
        String refused = null;
        if (!oneOf(KINDS, kind)) {
            refused = "Choose what to block: a buyer, a payment method or a country.";
        } else if (v == null || v.length() > 200) {
            refused = "The value is required, at most 200 characters.";
        } else if ("COUNTRY".equals(kind)
                && !COUNTRY.matcher(v.toUpperCase(Locale.ROOT)).matches()) {
            refused = "A country is its two-letter ISO code, like US.";
        } else if (why == null || why.length() > NOTE_MAX) {
            refused = "A reason is required, at most 500 characters.";
        }
        if (refused != null) {
            return blocklistPage(form, null, refused, 400);
        }
        String blocked = "COUNTRY".equals(kind) ? v.toUpperCase(Locale.ROOT) : v;
        return Reply.orUnavailable(fraud.addBlock(new Block(kind, blocked, why)), AdminOrdersResource.UNAVAILABLE)
                .flatMap(r -> r.ok()
                        ? Uni.createFrom().item(Pages.redirect("/admin/fraud/blocklist?added=1"))
                        : blocklistPage(form, null, r.explain(), r.pageStatus()));
    }

    @POST
    @Path("fraud/blocklist/{id}/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> removeBlock(@PathParam("id") String id) {
        viewer.requireAdmin();
        return Reply.orUnavailable(fraud.removeBlock(Pages.uuid(id, NO_ENTRY)), AdminOrdersResource.UNAVAILABLE)
                .flatMap(r -> {
                    if (r.ok()) {
                        return Uni.createFrom().item(Pages.redirect("/admin/fraud/blocklist?removed=1"));
                    }
                    if (r.status() == 404) {
                        throw new Pages.Missing(NO_ENTRY);
                    }
                    return blocklistPage(EMPTY_FORM, null, r.explain(), r.pageStatus());
                });
    }

    private Uni<Response> blocklistPage(Map<String, String> form, String notice, String message, int status) {
        return Reply.orUnavailable(fraud.blocklist(), AdminOrdersResource.UNAVAILABLE)
                .map(r -> Pages.html(
                        status,
                        FraudTemplates.adminFraudBlocklist(
                                viewer.view(),
                                r.orElse(List.of()),
                                r.ok() ? null : r.detail(),
                                KINDS,
                                form,
                                notice,
                                message)));
    }

    // ---- disputes

    @GET
    @Path("disputes")
    public Uni<Response> disputes(@QueryParam("status") String status) {
        viewer.requireAdmin();
        String shown = oneOf(DISPUTE_STATUSES, status) ? status : null;
        return Reply.orUnavailable(fraud.disputes(shown), AdminOrdersResource.UNAVAILABLE)
                .map(r -> Pages.html(FraudTemplates.adminDisputes(
                        viewer.view(), shown, DISPUTE_STATUSES, r.orElse(List.of()), r.ok() ? null : r.detail())));
    }

    /** Whether {@code value} is one of {@code choices} (an immutable list refuses to look for null). */
    private static boolean oneOf(List<String> choices, String value) {
        return value != null && choices.contains(value);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
