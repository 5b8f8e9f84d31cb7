package dev.bazaar.portal.rest;

import dev.bazaar.portal.client.AdminOrderClient;
import dev.bazaar.portal.client.AdminOrderClient.History;
import dev.bazaar.portal.client.AdminPaymentClient;
import dev.bazaar.portal.client.AdminPaymentClient.Payment;
import dev.bazaar.portal.client.AdminPaymentClient.RefundRequest;
import dev.bazaar.portal.client.Money;
import dev.bazaar.portal.client.Problem;
import dev.bazaar.portal.client.Reply;
import dev.bazaar.portal.service.ProductDrafts;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Administrators' order lookup: search by order id, buyer, shop and placed dates (the order service's admin search,
 * {@value #PAGE} a page, "More" follows its cursor); one order with its groups, lines, payment, event history and the
 * order as it stood after any event (time travel); and a refund of part of one seller's share, from a form that
 * carries an idempotency key made when the page was shown, so sending the same form twice refunds once.
 */
@Path("/admin/orders")
@Produces(MediaType.TEXT_HTML)
public class AdminOrdersResource {

    static final int PAGE = 20;
    private static final String NO_ORDER = "No such order.";
    static final String UNAVAILABLE = "The payment service did not answer; try again in a moment.";

    private final AdminOrderClient orders;
    private final AdminPaymentClient payments;
    private final Viewer viewer;

    public AdminOrdersResource(
            @RestClient AdminOrderClient orders, @RestClient AdminPaymentClient payments, Viewer viewer) {
        this.orders = orders;
        this.payments = payments;
        this.viewer = viewer;
    }

    @GET
    public Uni<Response> search(
            @QueryParam("orderId") String orderId,
            @QueryParam("buyer") String buyer,
            @QueryParam("shopId") String shopId,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("cursor") String cursor) {
        viewer.requireAdmin();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("orderId", trim(orderId));
        query.put("buyer", trim(buyer));
        query.put("shopId", trim(shopId));
        query.put("from", trim(from));
        query.put("to", trim(to));
        return Reply.of(orders.search(
                        blank(query.get("orderId")),
                        blank(query.get("buyer")),
                        blank(query.get("shopId")),
                        blank(query.get("from")),
                        blank(query.get("to")),
                        PAGE,
                        blank(cursor)))
                .map(r -> Pages.html(
                        r.ok() ? 200 : r.pageStatus(),
                        AdminTemplates.adminOrders(
                                viewer.view(),
                                query,
                                r.ok() ? r.body() : null,
                                r.ok() && r.body().nextCursor() != null
                                        ? next(query, r.body().nextCursor())
                                        : null,
                                r.ok() ? null : r.explain())));
    }

    /** One order; {@code asOf} (an instant from the history) also shows the order as it stood then. */
    @GET
    @Path("{id}")
    public Uni<Response> order(
            @PathParam("id") String id, @QueryParam("asOf") String asOf, @QueryParam("refund") String refund) {
        viewer.requireAdmin();
        String notice = "SUCCEEDED".equals(refund)
                ? "Refunded."
                : "PENDING".equals(refund)
                        ? "Refund sent: waiting for the payment provider's answer (it is tried again until it comes)."
                        : null;
        return page(Pages.uuid(id, NO_ORDER), blank(trim(asOf)), notice, null, 200);
    }

    /**
     * A refund of part of one seller's share of the order's payment. {@code key}: the form's idempotency key, made when
     * the page was shown: the same form sent twice is one refund (the payment service answers the first result).
     */
    @POST
    @Path("{id}/refunds")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> refund(
            @PathParam("id") String id,
            @RestForm String shopId,
            @RestForm String amount,
            @RestForm String reason,
            @RestForm String key) {
        viewer.requireAdmin();
        Pages.uuid(id, NO_ORDER);
        Long cents = ProductDrafts.cents(amount);
        String problem = !ProductDrafts.isUuid(shopId)
                ? "Choose the seller's part to refund."
                : !ProductDrafts.isUuid(key)
                        ? "This form has expired: reload the page and try again."
                        : cents == null || cents <= 0
                                ? "The amount must be a positive number of dollars, like 12.50."
                                : reason == null || reason.isBlank()
                                        ? "A reason is required to refund."
                                        : reason.strip().length() > 500
                                                ? "The reason is at most 500 characters."
                                                : null;
        if (problem != null) {
            return page(id, null, null, problem, 400);
        }
        return Reply.of(orders.history(id, null)).flatMap(o -> {
            if (!o.ok() || o.body().state() == null) {
                throw new Pages.Missing(NO_ORDER);
            }
            String paymentId = o.body().state().paymentId();
            if (paymentId == null) {
                return page(id, null, null, "This order has no payment to refund.", 409);
            }
            return Reply.orUnavailable(
                            payments.refund(
                                    paymentId, key, new RefundRequest(shopId, Money.usd(cents), reason.strip())),
                            UNAVAILABLE)
                    .flatMap(r -> {
                        if (r.ok()) {
                            return Uni.createFrom()
                                    .item(Pages.redirect("/admin/orders/" + id + "?refund="
                                            + ("PENDING".equals(r.body().status()) ? "PENDING" : "SUCCEEDED")
                                            + "#payment"));
                        }
                        String why = r.status() == 402
                                ? "The payment provider refused the refund"
                                        + (r.problem().detail() == null
                                                ? "."
                                                : ": " + r.problem().detail()) + " It waits in the refund queue."
                                : r.explain();
                        return page(id, null, null, why, r.pageStatus());
                    });
        });
    }

    /** The order page: its history now, as of {@code asOf} when asked, and its payment (the page says when missing). */
    private Uni<Response> page(String id, String asOf, String notice, String message, int status) {
        Uni<Reply<History>> then = asOf == null
                ? Uni.createFrom().item(new Reply<>(200, null, Problem.NONE))
                : Reply.of(orders.history(id, asOf));
        return Uni.combine()
                .all()
                .unis(Reply.of(orders.history(id, null)), then)
                .asTuple()
                .flatMap(t -> {
                    Reply<History> now = t.getItem1();
                    if (now.status() == 404 || (now.ok() && now.body().state() == null)) {
                        throw new Pages.Missing(NO_ORDER);
                    }
                    if (!now.ok()) {
                        throw new IllegalStateException("order history refused: " + now.status() + " " + now.detail());
                    }
                    String travelProblem =
                            t.getItem2().ok() ? null : t.getItem2().explain();
                    String paymentId = now.body().state().paymentId();
                    Uni<Reply<Payment>> payment = paymentId == null
                            ? Uni.createFrom().item(new Reply<>(404, null, Problem.NONE))
                            : Reply.orUnavailable(payments.payment(paymentId), UNAVAILABLE);
                    return payment.map(p -> {
                        Map<String, String> keys = new LinkedHashMap<>();
                        now.body()
                                .state()
                                .groups()
                                .forEach(g ->
                                        keys.put(g.shopId(), UUID.randomUUID().toString()));
                        String paymentProblem =
                                p.ok() ? null : paymentId == null ? "This order has no payment." : p.explain();
                        String shown = message != null ? message : travelProblem;
                        return Pages.html(
                                message == null && travelProblem != null ? 400 : status,
                                AdminTemplates.adminOrder(
                                        viewer.view(),
                                        now.body(),
                                        t.getItem2().ok() ? t.getItem2().body() : null,
                                        asOf,
                                        p.ok() ? p.body() : null,
                                        paymentProblem,
                                        keys,
                                        notice,
                                        shown));
                    });
                });
    }

    private static String next(Map<String, String> query, String cursor) {
        StringBuilder q = new StringBuilder();
        query.forEach((k, v) -> {
            if (!v.isEmpty()) {
                q.append(k)
                        .append('=')
                        .append(URLEncoder.encode(v, StandardCharsets.UTF_8))
                        .append('&');
            }
        });
        return q.append("cursor=")
                .append(URLEncoder.encode(cursor, StandardCharsets.UTF_8))
                .toString();
    }

    private static String trim(String s) {
        return s == null ? "" : s.strip();
    }

    private static String blank(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
