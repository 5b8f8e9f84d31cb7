package dev.bazaar.portal;

import dev.bazaar.portal.Services.Target;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

import java.util.Map;

/**
 * Balance, payout account (what the provider still requires, a fresh onboarding link; the sandbox verifies at once),
 * schedule and payout history.
 */
@Path("/payouts")
@Produces(MediaType.TEXT_HTML)
public class PayoutsResource {

    private final Services services;
    private final Viewer viewer;
    private final Template payouts;

    public PayoutsResource(Services services, Viewer viewer, Template payouts) {
        this.services = services;
        this.viewer = viewer;
        this.payouts = payouts;
    }

    @GET
    public Uni<Response> show() {
        return page(null, 200);
    }

    private Uni<Response> page(String message, int status) {
        viewer.requireSeller();
        String token = viewer.token();
        return Uni.combine().all().unis(services.get(Target.PAYMENT, "/api/v1/seller/balance", token),
                services.get(Target.PAYMENT, "/api/v1/seller/payouts", token),
                services.get(Target.PAYMENT, "/api/v1/seller/payout-account", token)).asTuple()
                .map(t -> Response.status(status).type(MediaType.TEXT_HTML).entity(payouts.data("viewer", viewer.view())
                        .data("balance", t.getItem1().ok() ? t.getItem1().map() : null)
                        .data("history", t.getItem2().list())
                        .data("account", t.getItem3().ok() ? t.getItem3().map() : null)
                        .data("message", message != null ? message : t.getItem1().ok() ? null
                                : t.getItem1().detail()).render()).build());
    }

    /** Opens (or shows) the connected payout account; answers with its onboarding link. */
    @POST
    @Path("account")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> account(@RestForm String country) {
        viewer.requireSeller();
        String token = viewer.token();
        return services.post(Target.PAYMENT, "/api/v1/seller/payout-account",
                Map.of("country", country == null || country.isBlank() ? "US" : country.trim().toUpperCase()), token)
                .flatMap(r -> r.ok()
                        ? Uni.combine().all().unis(services.get(Target.PAYMENT, "/api/v1/seller/balance", token),
                                services.get(Target.PAYMENT, "/api/v1/seller/payouts", token)).asTuple()
                                .map(t -> HomeResource.html(payouts.data("viewer", viewer.view())
                                        .data("balance", t.getItem1().map()).data("history", t.getItem2().list())
                                        .data("account", r.map()).data("message", null).render()))
                        : page(r.detail(), r.status() >= 500 ? 502 : r.status()));
    }

    /** A fresh onboarding link (the provider's expire within minutes): straight on to the provider's form. */
    @POST
    @Path("onboarding")
    public Uni<Response> onboarding() {
        viewer.requireSeller();
        return services.post(Target.PAYMENT, "/api/v1/seller/payout-account/onboarding-link", Map.of(), viewer.token())
                .flatMap(r -> r.ok() && r.map().get("onboardingUrl") instanceof String url
                        ? Uni.createFrom().item(Response.seeOther(java.net.URI.create(url)).build())
                        : page(r.ok() ? "No onboarding link was given: try again." : r.detail(),
                                r.status() >= 500 ? 502 : r.ok() ? 502 : r.status()));
    }

    @POST
    @Path("schedule")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> schedule(@RestForm String interval) {
        viewer.requireSeller();
        return services.send(HttpMethod.PUT, Target.PAYMENT, "/api/v1/seller/payout-schedule",
                Map.of("interval", interval == null ? "" : interval), viewer.token())
                .flatMap(r -> r.ok() ? page("Payouts are now " + interval.toLowerCase() + ".", 200)
                        : page(r.detail(), r.status() >= 500 ? 502 : r.status()));
    }
}
