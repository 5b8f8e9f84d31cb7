package dev.bazaar.order.rest;

import dev.bazaar.contracts.messaging.Lines.OrderLine;
import dev.bazaar.contracts.messaging.Lines.StockLine;
import dev.bazaar.contracts.messaging.OrderEvent;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.contracts.shipping.TrackingLinks;
import dev.bazaar.order.domain.Order;
import dev.bazaar.order.persistence.EventStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the order API shows: the folded order, its groups and returns, and the event history. */
public final class OrderViews {

    private OrderViews() {}

    /**
     * {@code carrier}, {@code trackingNumber}, {@code dispatchedAt}: the latest parcel's; {@code shipments}: all.
     * {@code returnWindowDays}: how long after delivery the group may be returned, as the shop's policy stood when the
     * order was placed (0: no returns); {@code returnableUntil}: the last moment to ask (null until delivered, or with
     * no returns). {@code lines}: as sold, each with its title, SKU and the variant's {@code options}.
     */
    public record GroupView(
            UUID shopId,
            String status,

            @Schema(
                    description = "The group's lines as sold, each with its title, sku and options ("
                            + SellerViews.OPTIONS_DOC + ")")
            List<OrderLine> lines,

            Money subtotal,
            Money shipping,
            Money tax,
            Money total,
            String carrier,
            String trackingNumber,
            Instant dispatchedAt,
            Instant deliveredAt,
            List<ShipmentView> shipments,
            long returnWindowDays,
            Instant returnableUntil) {}

    /**
     * A parcel as the buyer follows it: the carrier's tracking page when it is one we know; {@code deliveredAt} when its
     * carrier reported it delivered (null otherwise).
     */
    public record ShipmentView(
            UUID shipmentId,
            String carrier,
            String trackingNumber,
            String trackingUrl,
            Instant dispatchedAt,
            List<StockLine> lines,
            Instant deliveredAt) {}

    /**
     * {@code reasonCode} and {@code comment}: what the buyer said (requests before codes: OTHER, the words);
     * {@code returnInstructions}: where to send the items when the seller wants them back (AWAITING_ITEMS).
     */
    public record ReturnView(
            UUID returnId,
            UUID shopId,
            List<StockLine> items,
            String status,
            String reasonCode,
            String comment,
            String returnInstructions) {}

    public record OrderView(
            UUID id,
            String status,
            Money total,
            Money refunded,
            Instant placedAt,
            UUID paymentId,
            long version,
            List<GroupView> groups,
            List<ReturnView> returns) {}

    public record EventView(long seq, String type, Instant recordedAt, OrderEvent payload) {}

    public record HistoryView(UUID orderId, Instant asOf, List<EventView> events, OrderView state) {}

    /** {@code defaultWindow}: the return window of orders placed before shops had their own. */
    public static OrderView of(Order o, Duration defaultWindow) {
        return new OrderView(
                o.orderId(),
                o.status().name(),
                o.total(),
                o.refunded(),
                o.placedAt(),
                o.paymentId(),
                o.version(),
                o.groups().stream()
                        .map(g -> new GroupView(
                                g.group().shopId(),
                                g.status().name(),
                                g.group().lines(),
                                g.group().subtotal(),
                                g.group().shipping(),
                                g.group().tax(),
                                g.group().total(),
                                g.carrier(),
                                g.trackingNumber(),
                                g.dispatchedAt(),
                                g.deliveredAt(),
                                g.shipments().stream()
                                        .map(sh -> new ShipmentView(
                                                sh.shipmentId(),
                                                sh.carrier(),
                                                sh.trackingNumber(),
                                                TrackingLinks.urlFor(sh.carrier(), sh.trackingNumber())
                                                        .orElse(null),
                                                sh.dispatchedAt(),
                                                sh.lines(),
                                                sh.deliveredAt()))
                                        .toList(),
                                o.returnWindow(g.group().shopId(), defaultWindow)
                                        .toDays(),
                                o.returnableUntil(g.group().shopId(), defaultWindow)))
                        .toList(),
                o.returns().stream()
                        .map(r -> new ReturnView(
                                r.returnId(),
                                r.shopId(),
                                r.lines(),
                                r.status(),
                                r.reasonCode().name(),
                                r.comment(),
                                r.instructions()))
                        .toList());
    }

    public static HistoryView history(
            UUID orderId, Instant asOf, List<EventStore.Stored> stored, Duration defaultWindow) {
        Order o = Order.replay(stored.stream().map(EventStore.Stored::event).toList());
        return new HistoryView(
                orderId,
                asOf,
                stored.stream()
                        .map(s -> new EventView(s.seq(), s.event().type(), s.recordedAt(), s.event()))
                        .toList(),
                o.exists() ? of(o, defaultWindow) : null);
    }
}
