package dev.bazaar.order.domain;

import dev.bazaar.contracts.messaging.Lines.OrderLine;
import dev.bazaar.contracts.messaging.Lines.StockLine;
import dev.bazaar.contracts.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One seller's part of an order, as {@link Order#partOf} folds it: their lines and money, their shipments and the
 * buyer's returns of their items — nothing of another shop's group, nor the order's payment or overall status.
 * Every seller-facing answer is built from this.
 *
 * @param refunded what the buyer got back for this part so far (refunds issued for this shop)
 */
public record SellerPart(
        UUID orderId,
        UUID shopId,
        GroupStatus status,
        Instant placedAt,
        List<Line> lines,
        Money subtotal,
        Money shipping,
        Money tax,
        Money total,
        Money commission,
        Money refunded,
        List<Shipment> shipments,
        Instant deliveredAt,
        List<Order.Return> returns) {

    public SellerPart {
        lines = List.copyOf(lines);
        shipments = List.copyOf(shipments);
        returns = List.copyOf(returns);
    }

    /** A line as sold, how many of it have shipped, and how many came back in approved returns. */
    public record Line(OrderLine line, int shippedQuantity, int returnedQuantity) {}

    /**
     * A parcel: carrier, tracking number, the carrier's tracking page when known, when it left, what is in it, and when
     * its carrier reported it delivered (null until then, and for parcels whose delivery only the seller, the buyer or
     * the clock confirmed: they confirm the whole group).
     */
    public record Shipment(
            UUID shipmentId,
            String carrier,
            String trackingNumber,
            String trackingUrl,
            Instant dispatchedAt,
            List<StockLine> lines,
            Instant deliveredAt) {}

    /** What the sale is worth to the seller: goods + shipping − the platform's commission (tax is not theirs). */
    public Money net() {
        return subtotal.plus(shipping).minus(commission);
    }

    /** Something waits for the seller: items paid and not all shipped, or a return waiting for a decision. */
    public boolean needsAction() {
        return status == GroupStatus.PAID
                || status == GroupStatus.PARTIALLY_SHIPPED
                || returns.stream().anyMatch(Order.Return::open);
    }
}
