package dev.bazaar.portal.rest;

import dev.bazaar.portal.client.OrderClient;
import dev.bazaar.portal.client.OrderClient.Detail;
import dev.bazaar.portal.client.OrderClient.Instructions;
import dev.bazaar.portal.client.OrderClient.Reason;
import dev.bazaar.portal.client.Reply;
import dev.bazaar.portal.service.OrderFilters;
import dev.bazaar.portal.service.OrderFilters.Filter;
import dev.bazaar.portal.service.OrderFilters.Paging;
import dev.bazaar.portal.service.Parcels;
import dev.bazaar.portal.service.ProductDrafts;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The seller's order groups: the list (filters, pages), one order (what to pack, where to send it, the parcels sent,
 * returns, the seller's money) with its actions — ship a parcel (carrier + tracking, all that is left or fewer), mark
 * delivered, cancel, decide a return (approve and refund, ask for the items back with instructions, refund once they
 * arrived, reject) — and its packing slip.
 */
@Path("/orders")
@Produces(MediaType.TEXT_HTML)
public class OrdersResource {

    private static final String MISSING = "No such order or return in your shop.";

    private final OrderClient orders;
    private final Viewer viewer;

    public OrdersResource(@RestClient OrderClient orders, Viewer viewer) {
        this.orders = orders;
        this.viewer = viewer;
    }

    /**
     * A page of the shop's order groups, filtered by status, placed dates and "needs action". Filters the portal can
     * tell are wrong, or the order service refuses (400), come back on the page with what is wrong.
     */
    @GET
    public Uni<Response> list(
            @QueryParam("status") String status,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("needsAction") String needsAction,
            @QueryParam("page") String page) {
        viewer.requireSeller();
        Filter filter = OrderFilters.read(status, from, to, needsAction, page);
        if (!filter.valid()) {
            return Uni.createFrom()
                    .item(Pages.html(
                            400,
                            Templates.orders(
                                    viewer.view(),
                                    filter,
                                    OrderFilters.STATUSES,
                                    List.of(),
                                    null,
                                    String.join(" ", filter.errors()))));
        }
        return listPage(filter, null, 200);
    }

    private Uni<Response> listPage(Filter filter, String message, int status) {
        return Reply.of(orders.orders(
                        filter.statusParam(),
                        filter.fromParam(),
                        filter.toParam(),
                        filter.needsActionParam(),
                        filter.page(),
                        OrderFilters.PAGE_SIZE))
                .map(r -> {
                    if (r.ok()) {
                        Paging paging = new Paging(
                                r.body().page(), r.body().size(), r.body().total());
                        return Pages.html(
                                status,
                                Templates.orders(
                                        viewer.view(),
                                        filter,
                                        OrderFilters.STATUSES,
                                        r.body().items() == null
                                                ? List.of()
                                                : r.body().items(),
                                        paging,
                                        message));
                    }
                    return Pages.html(
                            r.status() == 400 ? 400 : status,
                            Templates.orders(
                                    viewer.view(),
                                    filter,
                                    OrderFilters.STATUSES,
                                    List.of(),
                                    null,
                                    message != null ? message : r.explain()));
                });
    }

    @GET
    @Path("{id}")
    public Uni<Response> show(@PathParam("id") String id) {
        viewer.requireSeller();
        return orderPage(Pages.uuid(id, MISSING), null, 200, Map.of());
    }

    /** What goes in the box and where it goes, to print: no prices, no navigation. */
    @GET
    @Path("{id}/packing-slip")
    public Uni<Response> packingSlip(@PathParam("id") String id) {
        viewer.requireSeller();
        return own(Pages.uuid(id, MISSING))
                .map(r -> r.ok() ? Pages.html(Templates.packingSlip(r.body())) : unavailable(r));
    }

    /**
     * The same slip as a PDF to download or print ({@link PackingSlipPdf}); rendered on a worker thread, never on the
     * event loop. Another shop's order is the "Not found" page, as for the HTML slip.
     */
    @GET
    @Path("{id}/packing-slip.pdf")
    @Produces({"application/pdf", MediaType.TEXT_HTML})
    public Uni<Response> packingSlipPdf(@PathParam("id") String id) {
        viewer.requireSeller();
        return own(Pages.uuid(id, MISSING))
                .flatMap(r -> r.ok()
                        ? Uni.createFrom()
                                .item(() -> PackingSlipPdf.render(r.body()))
                                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                                .map(pdf -> Response.ok(pdf, "application/pdf")
                                        .header(
                                                "Content-Disposition",
                                                "inline; filename=\"packing-slip-"
                                                        + PackingSlipPdf.shortId(
                                                                r.body().orderId()) + ".pdf\"")
                                        .header("Cache-Control", "no-store")
                                        .build())
                        : Uni.createFrom().item(unavailable(r)));
    }

    /**
     * The order's page with {@code message} (null: none), its forms refilled from {@code typed}: the ship form's
     * fields, or a return's instructions ({@code returnId} and {@code instructions}).
     */
    private Uni<Response> orderPage(String id, String message, int status, Map<String, String> typed) {
        return own(id).map(r -> r.ok()
                ? Pages.html(
                        status,
                        Templates.order(
                                viewer.view(),
                                r.body(),
                                Parcels.readable(message, r.body()),
                                Parcels.form(r.body(), typed),
                                typed))
                : unavailable(r));
    }

    /** The shop's group of the order; another shop's order (or none) is the "Not found" page. */
    private Uni<Reply<Detail>> own(String id) {
        return Reply.of(orders.order(id)).map(r -> {
            if (r.status() == 404) {
                throw new Pages.Missing(MISSING);
            }
            return r;
        });
    }

    private static Response unavailable(Reply<?> r) {
        return Pages.html(r.pageStatus(), Templates.error("Order not available", r.detail(), null, r.pageStatus()));
    }

    /**
     * A parcel: carrier, tracking number and, per line left to send, how many go in it ({@code qty-<variantId>}; only
     * those above 0 are sent). A form with every quantity 0 comes back with why, without asking the order service.
     */
    @POST
    @Path("{id}/ship")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> ship(@PathParam("id") String id, MultivaluedMap<String, String> fields) {
        Pages.uuid(id, MISSING);
        viewer.requireSeller();
        Map<String, String> form = new LinkedHashMap<>();
        if (fields != null) {
            fields.forEach((name, values) -> form.put(name, values == null || values.isEmpty() ? "" : values.get(0)));
        }
        Parcels.Draft draft = Parcels.draft(form);
        if (!draft.valid()) {
            return orderPage(id, draft.error(), 400, form);
        }
        return act(id, id, o -> o.ship(id, draft.shipment()), form);
    }

    @POST
    @Path("{id}/delivered")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> delivered(@PathParam("id") String id) {
        return act(id, id, o -> o.delivered(id), Map.of());
    }

    @POST
    @Path("{id}/cancel")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> cancel(@PathParam("id") String id, @RestForm String reason) {
        return act(id, id, o -> o.cancel(id, new Reason(reason)), Map.of());
    }

    /** {@code orderId} (a hidden field of the order page's form) says where to go back to; without it, the list. */
    @POST
    @Path("returns/{returnId}/approve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> approve(@PathParam("returnId") String returnId, @RestForm String orderId) {
        return act(returnId, orderOrNull(orderId), o -> o.approveReturn(returnId), Map.of());
    }

    @POST
    @Path("returns/{returnId}/reject")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> reject(
            @PathParam("returnId") String returnId, @RestForm String orderId, @RestForm String reason) {
        return act(returnId, orderOrNull(orderId), o -> o.rejectReturn(returnId, new Reason(reason)), Map.of());
    }

    /**
     * Ask for the items back before refunding: the buyer sends them as {@code instructions} say (the order service
     * refuses blank or over 1000 characters with a 400 on {@code instructions}; the page then keeps what was typed).
     */
    @POST
    @Path("returns/{returnId}/authorize")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> authorize(
            @PathParam("returnId") String returnId, @RestForm String orderId, @RestForm String instructions) {
        return act(
                returnId,
                orderOrNull(orderId),
                o -> o.authorizeReturn(returnId, new Instructions(instructions)),
                Map.of("returnId", returnId, "instructions", instructions == null ? "" : instructions));
    }

    /** The items of a return awaiting them arrived: refund (the order service refuses any other return, 409). */
    @POST
    @Path("returns/{returnId}/received")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> received(@PathParam("returnId") String returnId, @RestForm String orderId) {
        return act(returnId, orderOrNull(orderId), o -> o.receivedReturn(returnId), Map.of());
    }

    private static String orderOrNull(String orderId) {
        return ProductDrafts.isUuid(orderId) ? orderId : null;
    }

    /**
     * A change to the order (or return) {@code id}: back to the order's page (the list when it is not known), or that
     * page with the service's reason (its field errors, e.g. a parcel with more than is left) and the form as typed.
     */
    private Uni<Response> act(
            String id, String orderId, Function<OrderClient, Uni<Void>> change, Map<String, String> typed) {
        Pages.uuid(id, MISSING);
        viewer.requireSeller();
        return Reply.of(change.apply(orders)).flatMap(r -> {
            if (r.ok()) {
                return Uni.createFrom().item(Pages.redirect(orderId != null ? "/orders/" + orderId : "/orders"));
            }
            if (r.status() == 404) {
                throw new Pages.Missing(MISSING);
            }
            return orderId != null
                    ? orderPage(orderId, r.explain(), r.pageStatus(), typed)
                    : listPage(Filter.NONE, r.explain(), r.pageStatus());
        });
    }
}
