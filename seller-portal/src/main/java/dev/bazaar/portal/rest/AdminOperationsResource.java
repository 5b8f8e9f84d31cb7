package dev.bazaar.portal.rest;

import dev.bazaar.portal.client.AdminPaymentClient;
import dev.bazaar.portal.client.AdminShopClient;
import dev.bazaar.portal.client.CatalogClient.Page;
import dev.bazaar.portal.client.CatalogClient.Reason;
import dev.bazaar.portal.client.DeadLetterClient;
import dev.bazaar.portal.client.DeadLetters;
import dev.bazaar.portal.client.Reply;
import dev.bazaar.portal.rest.AdminTemplates.DeadLetterRow;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The admin console's operations pages: every service's dead-letter queues with replay, shops by status with suspend
 * and reinstate, and the refunds the payment provider refused with retry. Every change is a form (CSRF token),
 * answered by a redirect back to its page (post/redirect/get) or the page with the service's reason.
 */
@Path("/admin")
@Produces(MediaType.TEXT_HTML)
public class AdminOperationsResource {

    /** Letters shown per queue (the first that wait). */
    static final int LETTERS_SHOWN = 5;
    /** Shops a page. */
    static final int SHOPS_SHOWN = 50;

    static final List<String> SHOP_STATUSES = List.of("APPROVED", "SUSPENDED", "PENDING_APPROVAL", "REJECTED");
    static final String SERVICE_SILENT = "The service did not answer.";
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    private static final String NO_QUEUE = "No such dead-letter queue.";
    private static final String NO_SHOP = "No such shop.";

    private final DeadLetters deadLetters;
    private final AdminShopClient shops;
    private final AdminPaymentClient payments;
    private final Viewer viewer;

    public AdminOperationsResource(
            DeadLetters deadLetters,
            @RestClient AdminShopClient shops,
            @RestClient AdminPaymentClient payments,
            Viewer viewer) {
        this.deadLetters = deadLetters;
        this.shops = shops;
        this.payments = payments;
        this.viewer = viewer;
    }

    // ---- dead letters

    @GET
    @Path("dead-letters")
    public Uni<Response> deadLetters(@QueryParam("replayed") String replayed) {
        viewer.requireAdmin();
        return letters(replayed == null || replayed.isBlank() ? null : "Replayed: " + replayed + ".", null, 200);
    }

    /** Every waiting letter of {@code topic} handled again by {@code service}; a replay that stopped says where. */
    @POST
    @Path("dead-letters/{service}/{topic}/replay")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> replay(@PathParam("service") String service, @PathParam("topic") String topic) {
        viewer.requireAdmin();
        DeadLetterClient client = deadLetters.services().get(service);
        if (client == null || !TOPIC.matcher(topic).matches()) {
            throw new Pages.Missing(NO_QUEUE);
        }
        return Reply.orUnavailable(client.replay(topic), SERVICE_SILENT).flatMap(r -> {
            if (r.ok()) {
                return Uni.createFrom()
                        .item(Pages.redirect("/admin/dead-letters?replayed="
                                + URLEncoder.encode(
                                        r.body().replayed() + " letter(s) of " + service + " " + topic,
                                        StandardCharsets.UTF_8)));
            }
            if (r.status() == 404) {
                throw new Pages.Missing(NO_QUEUE);
            }
            return letters(null, service + ": " + r.detail(), r.pageStatus());
        });
    }

    private Uni<Response> letters(String notice, String message, int status) {
        List<String> names = new ArrayList<>(deadLetters.services().keySet());
        List<Uni<Reply<List<DeadLetterClient.Queue>>>> calls = names.stream()
                .map(n -> Reply.orUnavailable(deadLetters.services().get(n).list(LETTERS_SHOWN), SERVICE_SILENT))
                .toList();
        return Uni.join().all(calls).andFailFast().map(replies -> {
            Map<String, List<DeadLetterRow>> queues = new LinkedHashMap<>();
            Map<String, String> problems = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                Reply<List<DeadLetterClient.Queue>> r = replies.get(i);
                String name = names.get(i);
                if (r.ok()) {
                    queues.put(
                            name,
                            r.body().stream()
                                    .map(q -> new DeadLetterRow(
                                            name, q.topic(), q.depth(), q.letters() == null ? List.of() : q.letters()))
                                    .toList());
                } else {
                    problems.put(name, r.detail());
                }
            }
            return Pages.html(
                    status, AdminTemplates.adminDeadLetters(viewer.view(), queues, problems, notice, message));
        });
    }

    // ---- shops

    @GET
    @Path("shops")
    public Uni<Response> shops(@QueryParam("status") String status, @QueryParam("page") String page) {
        viewer.requireAdmin();
        return shopPage(shopStatus(status), pageNumber(page), null, 200);
    }

    @POST
    @Path("shops/{id}/suspend")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> suspend(@PathParam("id") String id, @RestForm String reason) {
        viewer.requireAdmin();
        Pages.uuid(id, NO_SHOP);
        if (reason == null || reason.isBlank()) {
            return shopPage("APPROVED", 0, "A reason is required to suspend a shop.", 400);
        }
        return shopDecided(shops.suspend(id, new Reason(reason.strip())), "APPROVED");
    }

    /** A suspended shop approved again. */
    @POST
    @Path("shops/{id}/reinstate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> reinstate(@PathParam("id") String id) {
        viewer.requireAdmin();
        return shopDecided(shops.reinstate(Pages.uuid(id, NO_SHOP)), "SUSPENDED");
    }

    private Uni<Response> shopDecided(Uni<?> decision, String from) {
        return Reply.of(decision).flatMap(r -> {
            if (r.ok()) {
                return Uni.createFrom().item(Pages.redirect("/admin/shops?status=" + from));
            }
            if (r.status() == 404) {
                throw new Pages.Missing(NO_SHOP);
            }
            return shopPage(from, 0, r.explain(), r.pageStatus());
        });
    }

    private Uni<Response> shopPage(String status, int page, String message, int httpStatus) {
        return Reply.of(shops.shops(status, page, SHOPS_SHOWN)).map(r -> {
            List<dev.bazaar.portal.client.CatalogClient.Shop> items =
                    r.orElse(new Page<>(List.of())).items();
            return Pages.html(
                    httpStatus,
                    AdminTemplates.adminShops(
                            viewer.view(),
                            status,
                            SHOP_STATUSES,
                            items,
                            page,
                            items.size() >= SHOPS_SHOWN,
                            r.ok() ? null : r.explain(),
                            message));
        });
    }

    private static String shopStatus(String status) {
        return status != null && SHOP_STATUSES.contains(status) ? status : "APPROVED";
    }

    private static int pageNumber(String page) {
        try {
            return page == null ? 0 : Math.max(0, Math.min(10_000, Integer.parseInt(page.strip())));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    // ---- refund queue

    @GET
    @Path("refunds")
    public Uni<Response> refunds(@QueryParam("status") String status, @QueryParam("retried") String retried) {
        viewer.requireAdmin();
        return refundPage(
                refundStatus(status),
                "SUCCEEDED".equals(retried)
                        ? "Refunded on retry."
                        : retried != null && !retried.isBlank()
                                ? "Tried again: the refund is " + retried.toLowerCase(java.util.Locale.ROOT) + "."
                                : null,
                null,
                200);
    }

    @POST
    @Path("refunds/{id}/retry")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> retry(@PathParam("id") String id) {
        viewer.requireAdmin();
        return Reply.orUnavailable(payments.retry(Pages.uuid(id, "No such refund.")), AdminOrdersResource.UNAVAILABLE)
                .flatMap(r -> {
                    if (r.ok()) {
                        return Uni.createFrom()
                                .item(Pages.redirect("/admin/refunds?retried="
                                        + refundStatus(r.body().status())));
                    }
                    if (r.status() == 404) {
                        throw new Pages.Missing("No such refund.");
                    }
                    return refundPage("FAILED", null, r.explain(), r.pageStatus());
                });
    }

    private Uni<Response> refundPage(String status, String notice, String message, int httpStatus) {
        return Reply.orUnavailable(payments.refunds(status), AdminOrdersResource.UNAVAILABLE)
                .map(r -> Pages.html(
                        httpStatus,
                        AdminTemplates.adminRefunds(
                                viewer.view(),
                                status,
                                r.orElse(List.of()),
                                r.ok() ? null : r.detail(),
                                notice,
                                message)));
    }

    private static String refundStatus(String status) {
        return "PENDING".equals(status) || "SUCCEEDED".equals(status) ? status : "FAILED";
    }
}
