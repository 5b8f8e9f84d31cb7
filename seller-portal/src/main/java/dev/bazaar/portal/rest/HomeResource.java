package dev.bazaar.portal.rest;

import dev.bazaar.portal.client.CatalogClient;
import dev.bazaar.portal.client.CatalogClient.OpenShop;
import dev.bazaar.portal.client.OrderClient;
import dev.bazaar.portal.client.PaymentClient;
import dev.bazaar.portal.client.Reply;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The landing page: a seller without a shop is sent to onboarding, a seller with one sees the dashboard, an
 * administrator without a shop goes to the review queues; anyone else is not a seller yet and goes to "Apply to sell".
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class HomeResource {

    private final CatalogClient catalog;
    private final OrderClient orders;
    private final PaymentClient payments;
    private final Viewer viewer;

    public HomeResource(
            @RestClient CatalogClient catalog,
            @RestClient OrderClient orders,
            @RestClient PaymentClient payments,
            Viewer viewer) {
        this.catalog = catalog;
        this.orders = orders;
        this.payments = payments;
        this.viewer = viewer;
    }

    @GET
    public Uni<Response> home() {
        if (!viewer.seller()) {
            if (viewer.admin()) {
                return Uni.createFrom().item(Pages.redirect("/admin"));
            }
            // not a seller yet: the way to become one (#27)
            return Uni.createFrom().item(Pages.redirect("/apply"));
        }
        return Reply.of(catalog.shop()).flatMap(reply -> {
            if (reply.status() == 404) {
                return Uni.createFrom().item(Pages.redirect("/onboarding"));
            }
            CatalogClient.Shop shop = reply.body();
            if (shop == null || !"APPROVED".equals(shop.status())) {
                return Uni.createFrom().item(Pages.html(Templates.onboarding(viewer.view(), shop, Map.of(), Map.of())));
            }
            return dashboard(shop, null, 200, null);
        });
    }

    /** The dashboard of an approved shop; {@code message} (with {@code status}) says why a change was refused. */
    private Uni<Response> dashboard(CatalogClient.Shop shop, String message, int status, String typed) {
        // the figures are the order service's, over all the shop's orders (not a page of them)
        return Uni.combine()
                .all()
                .unis(Reply.of(orders.summary()), Reply.of(payments.balance()), Reply.of(payments.payouts()))
                .asTuple()
                .map(t -> Pages.html(
                        status,
                        Templates.dashboard(
                                viewer.view(),
                                shop,
                                t.getItem1().orElse(null),
                                t.getItem2().orElse(null),
                                t.getItem3().orElse(List.of()),
                                message,
                                typed)));
    }

    /**
     * Sets the shop's return policy (days after delivery, 0 to 90; orders placed from now on). The catalog decides:
     * its refusal comes back on the dashboard with the value as typed.
     */
    @POST
    @Path("shop/policy")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> returnPolicy(@RestForm String returnWindowDays) {
        viewer.requireSeller();
        Integer days = parseDays(returnWindowDays);
        return Reply.of(catalog.returnPolicy(new CatalogClient.ReturnPolicy(days)))
                .flatMap(r -> {
                    if (r.ok()) {
                        return Uni.createFrom().item(Pages.redirect("/"));
                    }
                    if (r.status() == 404) {
                        return Uni.createFrom().item(Pages.redirect("/onboarding"));
                    }
                    return Reply.of(catalog.shop())
                            .flatMap(shop -> shop.ok() && shop.body() != null
                                    ? dashboard(
                                            shop.body(),
                                            r.fieldErrors().isEmpty()
                                                    ? r.detail()
                                                    : "Return window: "
                                                            + String.join(
                                                                    "; ",
                                                                    r.fieldErrors()
                                                                            .values()),
                                            r.pageStatus(),
                                            returnWindowDays)
                                    : Uni.createFrom().item(Pages.redirect("/")));
                });
    }

    /** The field as a number of days, or null (not a whole number: the catalog answers 400 on the field). */
    private static Integer parseDays(String text) {
        try {
            return text == null ? null : Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @GET
    @Path("onboarding")
    public Uni<Response> onboardingForm() {
        viewer.requireSeller();
        return Uni.createFrom().item(Pages.html(Templates.onboarding(viewer.view(), null, Map.of(), Map.of())));
    }

    /** Opens the seller's shop; it waits for an administrator's approval. Field errors come back next to the fields. */
    @POST
    @Path("onboarding")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> openShop(
            @RestForm String name, @RestForm String slug, @RestForm String description, @RestForm String country) {
        viewer.requireSeller();
        OpenShop shop = new OpenShop(
                name,
                slug == null || slug.isBlank() ? null : slug.trim(), // none: the catalog makes one
                description,
                country == null ? null : country.trim().toUpperCase(Locale.ROOT));
        return Reply.of(catalog.openShop(shop))
                .map(r -> r.ok()
                        ? Pages.redirect("/")
                        : Pages.html(
                                r.status() == 409 ? 409 : 400,
                                Templates.onboarding(viewer.view(), null, form(shop), errors(r))));
    }

    @GET
    @Path("signed-out")
    public String signedOut() {
        return Templates.signedOut().render();
    }

    /** The form as typed (refilled when it comes back with errors). */
    private static Map<String, String> form(OpenShop shop) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", shop.name());
        form.put("slug", shop.slug());
        form.put("description", shop.description());
        form.put("country", shop.country());
        return form;
    }

    /** A refusal's field errors, else its detail as the form's error. */
    static Map<String, String> errors(Reply<?> r) {
        Map<String, String> errors = new LinkedHashMap<>(r.fieldErrors());
        if (errors.isEmpty()) {
            errors.put("_form", r.detail());
        }
        return errors;
    }
}
