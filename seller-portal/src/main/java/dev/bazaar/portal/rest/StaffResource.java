package dev.bazaar.portal.rest;

import dev.bazaar.portal.client.CatalogClient;
import dev.bazaar.portal.client.CatalogClient.StaffInvite;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The shop owner's staff (ADR 0027): who may fulfil the shop's orders, an invitation by user name, a removal. The
 * catalog decides (owner only, the user must exist, not the owner, not twice); its refusal comes back on the page with
 * the name as typed. A staff member, who owns no shop, is told so: their part of the portal is the shop's orders.
 */
@Path("/staff")
@Produces(MediaType.TEXT_HTML)
public class StaffResource {

    private final CatalogClient catalog;
    private final Viewer viewer;

    public StaffResource(@RestClient CatalogClient catalog, Viewer viewer) {
        this.catalog = catalog;
        this.viewer = viewer;
    }

    @GET
    public Uni<Response> show(@QueryParam("invited") String invited, @QueryParam("removed") String removed) {
        viewer.requireSeller();
        String message = invited != null
                ? invited + " was added: they can now fulfil the shop's orders."
                : removed != null ? removed + " was removed from the shop's staff." : null;
        return page(message, null, 200);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> invite(@RestForm String username) {
        viewer.requireSeller();
        String name = username == null ? "" : username.strip();
        return Reply.of(catalog.inviteStaff(new StaffInvite(name)))
                .flatMap(r -> r.ok()
                        ? Uni.createFrom()
                                .item(Pages.redirect("/staff?invited="
                                        + URLEncoder.encode(
                                                r.body() != null && r.body().username() != null
                                                        ? r.body().username()
                                                        : name,
                                                StandardCharsets.UTF_8)))
                        : page(
                                r.fieldErrors().isEmpty()
                                        ? r.detail()
                                        : "User name: "
                                                + String.join(
                                                        "; ", r.fieldErrors().values()),
                                username,
                                r.pageStatus()));
    }

    @POST
    @Path("{subject}/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> remove(@PathParam("subject") String subject, @RestForm String username) {
        viewer.requireSeller();
        return Reply.of(catalog.removeStaff(Pages.uuid(subject, "Staff member")))
                .flatMap(r -> r.ok()
                        ? Uni.createFrom()
                                .item(Pages.redirect("/staff?removed="
                                        + URLEncoder.encode(
                                                username == null || username.isBlank() ? "The user" : username.strip(),
                                                StandardCharsets.UTF_8)))
                        : page(r.detail(), null, r.pageStatus()));
    }

    private Uni<Response> page(String message, String typed, int status) {
        return Reply.of(catalog.staff()).map(r -> {
            boolean noShop = r.status() == 404;
            String shown = message != null ? message : r.ok() || noShop ? null : r.detail();
            int code = status != 200 ? status : r.ok() || noShop ? 200 : r.pageStatus();
            return Pages.html(code, Templates.staff(viewer.view(), r.orElse(List.of()), noShop, shown, typed));
        });
    }
}
