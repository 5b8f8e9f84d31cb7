package dev.bazaar.notification.domain;

import dev.bazaar.contracts.messaging.Lines.GroupRefund;
import dev.bazaar.contracts.messaging.Lines.OrderGroup;
import dev.bazaar.contracts.messaging.Lines.OrderLine;
import dev.bazaar.contracts.messaging.Lines.StockLine;
import dev.bazaar.contracts.messaging.OrderEvent;
import dev.bazaar.contracts.messaging.PaymentEvent;
import dev.bazaar.contracts.messaging.ProductEvent;
import dev.bazaar.contracts.messaging.ShopEvent;
import dev.bazaar.contracts.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Sample data for every notification type, made the way real data is: a sample two-seller order and the event of the
 * type, through {@link NotificationPlan}. What the admins' preview renders.
 */
public final class Samples {

    static final UUID ORDER = UUID.fromString("5a3c9e10-0000-4000-8000-000000000001");
    static final UUID MUGS = UUID.fromString("5a3c9e10-0000-4000-8000-0000000000a1");
    static final UUID PRINTS = UUID.fromString("5a3c9e10-0000-4000-8000-0000000000b1");
    static final UUID MUG = UUID.fromString("5a3c9e10-0000-4000-8000-0000000000a2");
    static final UUID PRINT = UUID.fromString("5a3c9e10-0000-4000-8000-0000000000b2");
    static final UUID RETURN = UUID.fromString("5a3c9e10-0000-4000-8000-0000000000c1");
    static final UUID PRODUCT = UUID.fromString("5a3c9e10-0000-4000-8000-0000000000a3");

    private Samples() {}

    /**
     * A sample order: two mugs from one shop, a print from another, shipping and tax per seller; its quote showed the
     * total in euro too.
     */
    public static OrderFacts order() {
        OrderGroup mugs = OrderGroup.of(
                MUGS,
                List.of(OrderLine.of(
                        MUG,
                        UUID.randomUUID(),
                        "Stoneware mug, blue",
                        "MUG-BLUE",
                        2,
                        Money.usd(1_800),
                        800,
                        Money.usd(288))),
                Money.usd(500),
                Money.usd(330));
        OrderGroup prints = OrderGroup.of(
                PRINTS,
                List.of(OrderLine.of(
                        PRINT,
                        UUID.randomUUID(),
                        "Harbour at dawn, A3",
                        "PRINT-A3",
                        1,
                        Money.usd(4_500),
                        800,
                        Money.usd(360))),
                Money.usd(0),
                Money.usd(405));
        return new OrderFacts(
                ORDER,
                "sample-buyer",
                List.of(mugs, prints),
                mugs.total().plus(prints.total()),
                Money.of(8_588, "EUR"));
    }

    /** The template data of a sample notification of {@code type}. */
    public static Map<String, Object> data(NotificationType type) {
        OrderFacts f = order();
        NotificationPlan plan = new NotificationPlan(
                Optional.of(f),
                shop -> Optional.of("sample-seller"),
                shop -> Optional.of(shop.equals(MUGS) ? "Blue Door Pottery" : "Harbour Prints"));
        GroupRefund refund =
                GroupRefund.of(UUID.randomUUID(), MUGS, Money.usd(1_800), Money.usd(0), Money.usd(165), Money.usd(144));
        NotificationPlan.Result r = switch (type) {
            case SELLER_NEW_ORDER, BUYER_ORDER_CONFIRMED ->
                plan.of(new OrderEvent.OrderPaid(ORDER, UUID.randomUUID(), f.total()));
            case SELLER_RETURN_REQUESTED ->
                plan.of(new OrderEvent.ReturnRequested(
                        ORDER,
                        RETURN,
                        MUGS,
                        List.of(new StockLine(MUG, 1)),
                        "DAMAGED",
                        "DAMAGED",
                        "The handle came off in the box."));
            case SELLER_RETURN_ESCALATED ->
                plan.of(new OrderEvent.ReturnEscalated(ORDER, RETURN, MUGS, Instant.parse("2026-12-10T09:00:00Z")));
            case SELLER_PAYOUT_PAID -> plan.of(new PaymentEvent.PayoutPaid(MUGS, UUID.randomUUID(), Money.usd(9_412)));
            case SELLER_PAYOUT_FAILED ->
                plan.of(new PaymentEvent.PayoutFailed(
                        MUGS, UUID.randomUUID(), Money.usd(9_412), "the bank account was closed"));
            case SELLER_PRODUCT_APPROVED ->
                plan.of(new ProductEvent.ProductModerated(
                        PRODUCT, MUGS, "Stoneware mug, blue", ProductEvent.ProductModerated.APPROVED, null));
            case SELLER_PRODUCT_REJECTED ->
                plan.of(new ProductEvent.ProductModerated(
                        PRODUCT,
                        MUGS,
                        "Stoneware mug, blue",
                        ProductEvent.ProductModerated.REJECTED,
                        "The photos show another maker's stamp on the base; please use photos of your own mugs."));
            case SELLER_PRODUCT_TAKEN_DOWN ->
                plan.of(new ProductEvent.ProductModerated(
                        PRODUCT,
                        MUGS,
                        "Stoneware mug, blue",
                        ProductEvent.ProductModerated.TAKEN_DOWN,
                        "A trademark complaint names this listing; reply to the marketplace to contest it."));
            case SELLER_PRODUCT_REINSTATED ->
                plan.of(new ProductEvent.ProductModerated(
                        PRODUCT, MUGS, "Stoneware mug, blue", ProductEvent.ProductModerated.REINSTATED, null));
            case SELLER_PRODUCT_REVISION_APPROVED ->
                plan.of(new ProductEvent.ProductModerated(
                        PRODUCT, MUGS, "Stoneware mug, blue", ProductEvent.ProductModerated.REVISION_APPROVED, null));
            case SELLER_PRODUCT_REVISION_REJECTED ->
                plan.of(new ProductEvent.ProductModerated(
                        PRODUCT,
                        MUGS,
                        "Stoneware mug, blue",
                        ProductEvent.ProductModerated.REVISION_REJECTED,
                        "The new category does not fit a mug; keep it under Kitchen."));
            case SELLER_SHOP_APPROVED ->
                plan.of(new ShopEvent.ShopApproved(
                        MUGS, "sample-seller", "blue-door-pottery", "Blue Door Pottery", "US"));
            case SELLER_SHOP_REJECTED ->
                plan.of(new ShopEvent.ShopRejected(MUGS, "sample-seller", "The shop's address could not be verified."));
            case SELLER_SHOP_SUSPENDED ->
                plan.of(new ShopEvent.ShopSuspended(
                        MUGS, "sample-seller", "Too many orders were not shipped within the promised time."));
            case SELLER_DISPUTE_OPENED ->
                plan.of(new PaymentEvent.DisputeOpened(
                        ORDER, UUID.randomUUID(), UUID.randomUUID(), f.total(), "product_not_received"));
            case BUYER_SHIPMENT_DISPATCHED ->
                plan.of(new OrderEvent.ShipmentDispatched(
                        ORDER,
                        MUGS,
                        "UPS",
                        "1Z999AA10123456784",
                        Instant.parse("2026-12-02T10:00:00Z"),
                        UUID.randomUUID(),
                        List.of(new StockLine(MUG, 2))));
            case BUYER_GROUP_DELIVERED ->
                plan.of(new OrderEvent.GroupDelivered(ORDER, MUGS, Instant.parse("2026-12-04T15:00:00Z")));
            case BUYER_ORDER_CANCELLED ->
                plan.of(new OrderEvent.GroupCancelled(
                        ORDER,
                        PRINTS,
                        "out of stock",
                        GroupRefund.of(
                                UUID.randomUUID(),
                                PRINTS,
                                Money.usd(4_500),
                                Money.usd(0),
                                Money.usd(405),
                                Money.usd(360)),
                        List.of(new StockLine(PRINT, 1))));
            case BUYER_REFUND_ISSUED ->
                plan.of(new OrderEvent.RefundIssued(ORDER, refund.refundId(), MUGS, refund.amount()));
            case BUYER_RETURN_DECISION ->
                plan.of(new OrderEvent.ReturnApproved(
                        ORDER, RETURN, MUGS, List.of(refund), List.of(new StockLine(MUG, 1))));
        };
        return r.planned().stream()
                .filter(p -> p.type() == type)
                .findFirst()
                .orElseThrow()
                .data();
    }
}
