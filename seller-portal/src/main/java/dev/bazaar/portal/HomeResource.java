package dev.bazaar.portal;

import dev.bazaar.portal.Services.Target;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The landing page: a seller without a shop is sent to onboarding, a seller with one sees the dashboard, an
 * administrator without a shop goes to the review queues; anyone else gets the polite 403 page.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class HomeResource {

    private final Services services;
    private final Viewer viewer;
    private final Template dashboard;
    private final Template onboarding;
    private final Template signedOut;

    public HomeResource(Services services, Viewer viewer, Template dashboard, Template onboarding,
            @io.quarkus.qute.Location("signed-out.html") Template signedOut) {
        this.services = services;
        this.viewer = viewer;
        this.dashboard = dashboard;
        this.onboarding = onboarding;
        this.signedOut = signedOut;
    }

    @GET
    public Uni<Response> home() {
        if (!viewer.seller()) {
            if (viewer.admin()) {
                return Uni.createFrom().item(Pages.redirect("/admin"));
            }
            throw new Pages.NotAllowed("The portal is for sellers and administrators; your account is neither.");
        }
        String token = viewer.token();
        return services.get(Target.CATALOG, "/api/v1/seller/shop", token).flatMap(shop -> {
            if (shop.status() == 404) {
                return Uni.createFrom().item(Pages.redirect("/onboarding"));
            }
            if (!"APPROVED".equals(shop.map().get("status"))) {
                return Uni.createFrom().item(html(onboarding.data("viewer", viewer.view()).data("shop", shop.map())
                        .data("errors", Map.of()).data("form", Map.of()).render()));
            }
            return Uni.combine().all().unis(
                    services.get(Target.ORDER, "/api/v1/seller/orders", token),
                    services.get(Target.PAYMENT, "/api/v1/seller/balance", token),
                    services.get(Target.PAYMENT, "/api/v1/seller/payouts", token)).asTuple()
                    .map(t -> html(dashboard.data("viewer", viewer.view()).data("shop", shop.map())
                            .data("figures", figures(t.getItem1().list()))
                            .data("balance", t.getItem2().ok() ? t.getItem2().map() : null)
                            .data("payouts", t.getItem3().list()).render()));
        });
    }

    /** Today's and the last 30 days' sales, orders waiting to ship, returns waiting for a decision. */
    static Map<String, Object> figures(List<Map<String, Object>> groups) {
        Instant now = Instant.now();
        String today = now.toString().substring(0, 10);
        long todaySales = 0;
        long monthSales = 0;
        int toShip = 0;
        int returns = 0;
        for (Map<String, Object> g : groups) {
            String status = String.valueOf(g.get("status"));
            Instant placed = Instant.parse(String.valueOf(g.get("placedAt")));
            long amount = ((Number) ((Map<?, ?>) g.get("total")).get("amount")).longValue();
            boolean sold = !status.equals("CANCELLED") && !status.equals("PLACED");
            if (sold && placed.isAfter(now.minus(30, ChronoUnit.DAYS))) {
                monthSales += amount;
            }
            if (sold && placed.toString().startsWith(today)) {
                todaySales += amount;
            }
            if (status.equals("PAID")) {
                toShip++;
            }
            if (g.get("returns") instanceof List<?> rs) {
                returns += (int) rs.stream().filter(r -> "REQUESTED".equals(((Map<?, ?>) r).get("status"))).count();
            }
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("today", Map.of("amount", todaySales, "currency", "USD"));
        f.put("month", Map.of("amount", monthSales, "currency", "USD"));
        f.put("toShip", toShip);
        f.put("returns", returns);
        return f;
    }

    @GET
    @Path("onboarding")
    public Uni<Response> onboardingForm() {
        viewer.requireSeller();
        return Uni.createFrom().item(html(onboarding.data("viewer", viewer.view()).data("shop", null)
                .data("errors", Map.of()).data("form", Map.of()).render()));
    }

    /** Opens the seller's shop; it waits for an administrator's approval. Field errors come back next to the fields. */
    @POST
    @Path("onboarding")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> openShop(@RestForm String name, @RestForm String slug, @RestForm String description,
            @RestForm String country) {
        viewer.requireSeller();
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("name", name);
        form.put("slug", slug == null || slug.isBlank() ? null : slug.trim()); // none: the catalog makes one
        form.put("description", description);
        form.put("country", country == null ? null : country.trim().toUpperCase());
        return services.post(Target.CATALOG, "/api/v1/seller/shop", form, viewer.token()).map(r -> r.ok()
                ? Pages.redirect("/")
                : Response.status(r.status() == 409 ? 409 : 400).type(MediaType.TEXT_HTML).entity(onboarding
                        .data("viewer", viewer.view()).data("shop", null).data("form", form)
                        .data("errors", errors(r)).render()).build());
    }

    @GET
    @Path("signed-out")
    public String signedOut() {
        return signedOut.render();
    }

    static Map<String, String> errors(Services.Reply r) {
        Map<String, String> errors = new LinkedHashMap<>(r.fieldErrors());
        if (errors.isEmpty()) {
            errors.put("_form", r.detail());
        }
        return errors;
    }

    static Response html(String body) {
        return Response.ok(body, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }
}
