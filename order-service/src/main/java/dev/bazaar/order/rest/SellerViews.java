package dev.bazaar.order.rest;

import dev.bazaar.contracts.messaging.Lines.OptionValue;
import dev.bazaar.contracts.messaging.Lines.StockLine;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.order.client.CheckoutClient.ShippingAddress;
import dev.bazaar.order.domain.SellerPart;
import dev.bazaar.order.persistence.SellerOrderView;
import dev.bazaar.order.persistence.SellerOrderViews;
import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a seller is shown, built only from their own part of an order ({@link SellerPart}) or their own read-model
 * document: never another shop's lines, prices or tracking, nor the order's payment or overall status.
 */
public final class SellerViews {

    /** Today every group ships at the shop's one flat rate: the method is "standard". */
    static final String SHIPPING_METHOD = "standard";

    private SellerViews() {}

    /**
     * A line as sold: what to pick ({@code title}, {@code sku} and the variant's {@code options}), how many, at what
     * price, and how many of it have shipped and come back.
     */
    public record LineView(
            UUID variantId,
            UUID productId,
            String title,
            String sku,
            @Schema(description = OPTIONS_DOC) List<OptionValue> options,
            int quantity,
            Money unitPrice,
            Money lineTotal,
            Money commission,
            int shippedQuantity,
            int returnedQuantity) {}

    /** How a line's options are documented wherever a line is answered. */
    static final String OPTIONS_DOC = "The variant's option values when it was bought, as [{name, value}] in the "
            + "catalog's order, e.g. [{\"name\": \"size\", \"value\": \"M\"}, {\"name\": \"colour\", \"value\": "
            + "\"blue\"}]; empty for a variant without options and for orders placed before lines carried them";

    public record Shipping(String method, Money price) {}

    public record Address(
            String name, String line1, String line2, String city, String region, String postalCode, String country) {}

    /** {@code returnInstructions}: what the seller told the buyer when asking for the items back (AWAITING_ITEMS). */
    public record ReturnView(
            UUID returnId,
            String status,
            List<StockLine> items,
            String reason,
            String reasonCode,
            String comment,
            String returnInstructions) {}

    /**
     * The seller's part of one order. {@code shippingAddress} is read from checkout for the detail and the packing slip
     * only; {@code addressAvailable} is false when it was not read (an action's answer) or could not be (checkout
     * unreachable): the page then says so instead of showing nothing. {@code returnWindowDays}: the shop's return
     * window when the order was placed (the buyer bought under it; 0: no returns); {@code returnableUntil}: the last
     * moment the buyer may ask (null until delivered, or with no returns).
     */
    public record SellerOrder(
            UUID orderId,
            UUID shopId,
            String status,
            Instant placedAt,
            List<LineView> lines,
            Shipping shipping,
            Address shippingAddress,
            boolean addressAvailable,
            List<SellerPart.Shipment> shipments,
            Instant deliveredAt,
            List<ReturnView> returns,
            Money subtotal,
            Money tax,
            Money total,
            Money commission,
            Money refunded,
            Money net,
            boolean needsAction,
            long returnWindowDays,
            Instant returnableUntil) {}

    /** The return window a seller's part was sold under, and the last moment to ask for a return (null: none). */
    public record ReturnWindow(long days, Instant until) {}

    /** A row of the seller's list. */
    public record GroupSummary(
            String orderId,
            String status,
            Instant placedAt,
            Money total,
            int itemCount,
            String carrier,
            String trackingNumber,
            boolean needsAction,
            List<ReturnSummary> returns) {}

    public record ReturnSummary(String returnId, String status, List<ReturnItem> items) {}

    public record ReturnItem(String variantId, int quantity) {}

    public record Summary(
            long toShip, long returnsToDecide, Money salesToday, Money salesLast30Days, long ordersLast30Days) {}

    public static SellerOrder of(SellerPart p, Optional<ShippingAddress> address, ReturnWindow window) {
        return new SellerOrder(
                p.orderId(),
                p.shopId(),
                p.status().name(),
                p.placedAt(),
                p.lines().stream()
                        .map(l -> new LineView(
                                l.line().variantId(),
                                l.line().productId(),
                                l.line().title(),
                                l.line().sku(),
                                l.line().options(),
                                l.line().quantity(),
                                l.line().unitPrice(),
                                l.line().lineTotal(),
                                l.line().commission(),
                                l.shippedQuantity(),
                                l.returnedQuantity()))
                        .toList(),
                new Shipping(SHIPPING_METHOD, p.shipping()),
                address.map(a -> new Address(
                                a.name(), a.line1(), a.line2(), a.city(), a.region(), a.postalCode(), a.country()))
                        .orElse(null),
                address.isPresent(),
                p.shipments(),
                p.deliveredAt(),
                p.returns().stream()
                        .map(r -> new ReturnView(
                                r.returnId(),
                                r.status(),
                                r.lines(),
                                r.reason(),
                                r.reasonCode().name(),
                                r.comment(),
                                r.instructions()))
                        .toList(),
                p.subtotal(),
                p.tax(),
                p.total(),
                p.commission(),
                p.refunded(),
                p.net(),
                p.needsAction(),
                window.days(),
                window.until());
    }

    /** An action's answer: the part as it now stands, without reading the address. */
    public static SellerOrder of(SellerPart p, ReturnWindow window) {
        return of(p, Optional.empty(), window);
    }

    /**
     * A line's options for people, in their order: {@code {line.optionsText}} → "Size: M · Colour: blue" (empty when it
     * has none).
     */
    @TemplateExtension
    static String optionsText(LineView line) {
        return describe(line.options());
    }

    /** Options as "Size: M · Colour: blue": each name with its first letter capitalised, then its value. */
    static String describe(List<OptionValue> options) {
        if (options == null || options.isEmpty()) {
            return "";
        }
        return String.join(
                " · ",
                options.stream()
                        .map(o -> capitalised(o.name()) + ": " + o.value())
                        .toList());
    }

    private static String capitalised(String name) {
        return name.isEmpty() ? name : name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }

    static GroupSummary summary(SellerOrderView v) {
        return new GroupSummary(
                v.orderId,
                v.status,
                v.placedAt,
                Money.of(v.total.amount, v.total.currency),
                v.itemCount == null ? 0 : v.itemCount,
                v.carrier,
                v.trackingNumber,
                Boolean.TRUE.equals(v.needsAction),
                (v.returns == null ? List.<SellerOrderView.Return>of() : v.returns)
                        .stream()
                                .map(r -> new ReturnSummary(
                                        r.returnId,
                                        r.status,
                                        (r.items == null ? List.<SellerOrderView.Item>of() : r.items)
                                                .stream()
                                                        .map(i -> new ReturnItem(i.variantId, i.quantity))
                                                        .toList()))
                                .toList());
    }

    static Summary summary(SellerOrderViews.Summary s) {
        return new Summary(
                s.toShip(),
                s.returnsToDecide(),
                Money.usd(s.salesToday()),
                Money.usd(s.salesLast30Days()),
                s.ordersLast30Days());
    }
}
