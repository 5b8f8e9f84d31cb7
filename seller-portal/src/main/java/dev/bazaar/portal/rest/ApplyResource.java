package dev.bazaar.portal.rest;

import dev.bazaar.portal.client.Reply;
import dev.bazaar.portal.client.SellerApplicationClient;
import dev.bazaar.portal.client.SellerApplicationClient.Application;
import dev.bazaar.portal.client.SellerApplicationClient.Apply;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;

/**
 * "Apply to sell": a signed-in user without the seller role applies here instead of being turned away, then sees
 * their application's status (or the reason it was rejected, with the form to apply again). A seller has nothing to
 * apply for and goes home. The catalog decides who may apply (buyers) and checks the fields.
 */
@Path("/apply")
@Produces(MediaType.TEXT_HTML)
public class ApplyResource {

    private final SellerApplicationClient applications;
    private final Viewer viewer;

    public ApplyResource(@RestClient SellerApplicationClient applications, Viewer viewer) {
        this.applications = applications;
        this.viewer = viewer;
    }

    @GET
    public Uni<Response> page() {
        if (viewer.seller()) {
            return Uni.createFrom().item(Pages.redirect("/"));
        }
        return latest().map(latest ->
                Pages.html(ApplicationTemplates.apply(viewer.view(), latest, Map.of("country", "US"), Map.of())));
    }

    /** Sends the application; the catalog's refusals come back next to the fields, with the form as typed. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> apply(
            @RestForm String shopName,
            @RestForm String country,
            @RestForm String contactEmail,
            @RestForm String contactPhone,
            @RestForm String message) {
        if (viewer.seller()) {
            return Uni.createFrom().item(Pages.redirect("/"));
        }
        Apply sent = new Apply(
                trim(shopName),
                country == null ? null : country.strip().toUpperCase(Locale.ROOT),
                trim(contactEmail),
                blankToNull(contactPhone),
                blankToNull(message));
        return Reply.of(applications.apply(sent)).flatMap(r -> {
            if (r.ok()) {
                return Uni.createFrom().item(Pages.redirect("/apply"));
            }
            return latest().map(latest -> Pages.html(
                    r.pageStatus(),
                    ApplicationTemplates.apply(viewer.view(), latest, form(sent), HomeResource.errors(r))));
        });
    }

    /** The user's newest application, or null (none, or the catalog refused to list them: e.g. not a buyer). */
    private Uni<Application> latest() {
        return Reply.of(applications.mine(0, 1))
                .map(r -> r.ok()
                                && r.body() != null
                                && r.body().items() != null
                                && !r.body().items().isEmpty()
                        ? r.body().items().getFirst()
                        : null);
    }

    private static Map<String, String> form(Apply a) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("shopName", a.shopName());
        form.put("country", a.country());
        form.put("contactEmail", a.contactEmail());
        form.put("contactPhone", a.contactPhone());
        form.put("message", a.message());
        return form;
    }

    private static String trim(String s) {
        return s == null ? null : s.strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
