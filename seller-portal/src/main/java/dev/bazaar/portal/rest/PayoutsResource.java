package dev.bazaar.portal.rest;

import dev.bazaar.portal.client.PaymentClient;
import dev.bazaar.portal.client.PaymentClient.AccountRequest;
import dev.bazaar.portal.client.PaymentClient.Schedule;
import dev.bazaar.portal.client.Reply;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Balance, payout account (what the provider still requires, a fresh onboarding link; the sandbox verifies at once),
 * schedule and payout history.
 */
@Path("/payouts")
@Produces(MediaType.TEXT_HTML)
public class PayoutsResource {

    private final PaymentClient payments;
    private final Viewer viewer;

    public PayoutsResource(@RestClient PaymentClient payments, Viewer viewer) {
        this.payments = payments;
        this.viewer = viewer;
    }

    @GET
    public Uni<Response> show() {
        return page(null, 200);
    }

    private Uni<Response> page(String message, int status) {
        viewer.requireSeller();
        return Uni.combine()
                .all()
                .unis(Reply.of(payments.balance()), Reply.of(payments.payouts()), Reply.of(payments.account()))
                .asTuple()
                .map(t -> Pages.html(
                        status,
                        Templates.payouts(
                                viewer.view(),
                                t.getItem1().orElse(null),
                                t.getItem2().orElse(List.of()),
                                t.getItem3().orElse(null),
                                message != null
                                        ? message
                                        : t.getItem1().ok()
                                                ? null
                                                : t.getItem1().detail())));
    }

    /** Opens (or shows) the connected payout account; answers with its onboarding link. */
    @POST
    @Path("account")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> account(@RestForm String country) {
        viewer.requireSeller();
        return Reply.of(payments.openAccount(new AccountRequest(
                        country == null || country.isBlank()
                                ? "US"
                                : country.trim().toUpperCase(Locale.ROOT))))
                .flatMap(r -> r.ok()
                        ? Uni.combine()
                                .all()
                                .unis(Reply.of(payments.balance()), Reply.of(payments.payouts()))
                                .asTuple()
                                .map(t -> Pages.html(Templates.payouts(
                                        viewer.view(),
                                        t.getItem1().orElse(null),
                                        t.getItem2().orElse(List.of()),
                                        r.body(),
                                        null)))
                        : page(r.detail(), r.pageStatus()));
    }

    /** A fresh onboarding link (the provider's expire within minutes): straight on to the provider's form. */
    @POST
    @Path("onboarding")
    public Uni<Response> onboarding() {
        viewer.requireSeller();
        return Reply.of(payments.onboardingLink())
                .flatMap(r -> r.ok() && r.body() != null && r.body().onboardingUrl() != null
                        ? Uni.createFrom()
                                .item(Response.seeOther(URI.create(r.body().onboardingUrl()))
                                        .build())
                        : page(
                                r.ok() ? "No onboarding link was given: try again." : r.detail(),
                                r.ok() ? 502 : r.pageStatus()));
    }

    @POST
    @Path("schedule")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> schedule(@RestForm String interval) {
        viewer.requireSeller();
        return Reply.of(payments.schedule(new Schedule(interval == null ? "" : interval)))
                .flatMap(r -> r.ok()
                        ? page("Payouts are now " + interval.toLowerCase(Locale.ROOT) + ".", 200)
                        : page(r.detail(), r.pageStatus()));
    }
}
