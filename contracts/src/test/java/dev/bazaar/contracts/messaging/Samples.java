package dev.bazaar.contracts.messaging;

import dev.bazaar.contracts.messaging.Lines.GroupRefund;
import dev.bazaar.contracts.messaging.Lines.OrderGroup;
import dev.bazaar.contracts.messaging.Lines.OrderLine;
import dev.bazaar.contracts.messaging.Lines.SellerSplit;
import dev.bazaar.contracts.messaging.Lines.Shortage;
import dev.bazaar.contracts.messaging.Lines.StockLine;
import dev.bazaar.contracts.messaging.Lines.VariantSummary;
import dev.bazaar.contracts.money.Money;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One realistic instance of every message type; a type without a sample fails the round-trip test. */
final class Samples {

    static final UUID SAGA = UUID.fromString("00000000-0000-4000-8000-000000000001");
    static final UUID ORDER = UUID.fromString("00000000-0000-4000-8000-000000000002");
    static final UUID SHOP = UUID.fromString("00000000-0000-4000-8000-000000000003");
    static final UUID PRODUCT = UUID.fromString("00000000-0000-4000-8000-000000000004");
    static final UUID VARIANT = UUID.fromString("00000000-0000-4000-8000-000000000005");
    static final UUID PAYMENT = UUID.fromString("00000000-0000-4000-8000-000000000006");
    static final UUID RESERVATION = UUID.fromString("00000000-0000-4000-8000-000000000007");
    static final UUID ADDRESS = UUID.fromString("00000000-0000-4000-8000-000000000008");
    static final UUID REFUND = UUID.fromString("00000000-0000-4000-8000-000000000009");
    static final UUID TRANSFER = UUID.fromString("00000000-0000-4000-8000-00000000000a");
    static final UUID CATEGORY = UUID.fromString("00000000-0000-4000-8000-0000000000c0");
    static final Instant AT = Instant.parse("2026-11-23T10:15:30Z");
    /** The sample line's options, in the catalog's order (not alphabetical: the order must be kept, not re-sorted). */
    static final List<Lines.OptionValue> OPTIONS =
            List.of(new Lines.OptionValue("size", "M"), new Lines.OptionValue("colour", "blue"));

    private Samples() {}

    static Map<Class<? extends Message>, Message> all() {
        Money price = Money.usd(1999);
        List<StockLine> lines = List.of(new StockLine(VARIANT, 2));
        VariantSummary variant = new VariantSummary(
                VARIANT, "TSHIRT-M-BLUE", Map.of("size", "M", "colour", "blue"), price, Money.usd(2499), 12, 180);
        OrderGroup group = new OrderGroup(
                SHOP,
                List.of(new OrderLine(
                        VARIANT,
                        PRODUCT,
                        "Blue T-shirt",
                        "TSHIRT-M-BLUE",
                        OPTIONS,
                        2,
                        price,
                        Money.usd(3998),
                        800,
                        Money.usd(320),
                        CATEGORY)),
                Money.usd(3998),
                Money.usd(499),
                Money.usd(360),
                Money.usd(320),
                Money.usd(4857));
        List<GroupRefund> refunds =
                List.of(GroupRefund.of(REFUND, SHOP, Money.usd(1999), Money.usd(0), Money.usd(180), Money.usd(160)));
        Map<Class<? extends Message>, Message> m = new LinkedHashMap<>();
        put(m, new ShopEvent.ShopApproved(SHOP, "sub-bob", "bobs-tees", "Bob's Tees", "US"));
        put(m, new ShopEvent.ShopRejected(SHOP, "sub-bob", "incomplete profile"));
        put(m, new ShopEvent.ShopSuspended(SHOP, "sub-bob", "chargebacks"));
        put(m, new ShopEvent.ShopPolicyChanged(SHOP, "sub-bob", 14, List.of("sub-stan")));
        put(
                m,
                new ProductEvent.ProductPublished(
                        PRODUCT, SHOP, "blue-tshirt", "Blue T-shirt", UUID.randomUUID(), "Bob's", List.of(variant)));
        put(
                m,
                new ProductEvent.ProductUpdated(
                        PRODUCT,
                        SHOP,
                        "blue-tshirt",
                        "Blue T-shirt (organic)",
                        UUID.randomUUID(),
                        "Bob's",
                        List.of(variant)));
        put(m, new ProductEvent.PriceChanged(PRODUCT, VARIANT, Money.usd(1799), null));
        put(m, new ProductEvent.StockChanged(PRODUCT, VARIANT, 0));
        put(m, new ProductEvent.ProductDelisted(PRODUCT, SHOP, "ARCHIVED"));
        put(
                m,
                new ProductEvent.ProductModerated(
                        PRODUCT,
                        SHOP,
                        "Blue T-shirt",
                        ProductEvent.ProductModerated.REJECTED,
                        "the photos show another brand's logo"));
        put(m, new InventoryCommand.ReserveStock(SAGA, RESERVATION, lines, AT.plusSeconds(1800)));
        put(m, new InventoryCommand.CommitReservation(SAGA, RESERVATION));
        put(m, new InventoryCommand.ReleaseReservation(SAGA, RESERVATION, "payment declined"));
        put(m, new InventoryReply.StockReserved(SAGA, RESERVATION, AT.plusSeconds(1800)));
        put(m, new InventoryReply.StockRejected(SAGA, RESERVATION, List.of(new Shortage(VARIANT, 2, 1))));
        put(m, new InventoryReply.ReservationCommitted(SAGA, RESERVATION));
        put(m, new InventoryReply.ReservationReleased(SAGA, RESERVATION));
        put(
                m,
                new PaymentCommand.AuthorizePayment(
                        SAGA,
                        PAYMENT,
                        ORDER,
                        "sub-alice",
                        Money.usd(4857),
                        "pm_card_visa",
                        "US",
                        List.of(new SellerSplit(
                                SHOP, Money.usd(3998), Money.usd(499), Money.usd(360), Money.usd(320)))));
        put(m, new PaymentCommand.CapturePayment(SAGA, PAYMENT, ORDER, Money.usd(4857)));
        put(m, new PaymentCommand.VoidPayment(SAGA, PAYMENT, ORDER, "order rejected"));
        put(m, new PaymentReply.PaymentAuthorized(SAGA, PAYMENT, ORDER, Money.usd(4857), "pi_3Nabc"));
        put(
                m,
                new PaymentReply.PaymentDeclined(
                        SAGA, PAYMENT, ORDER, PaymentReply.DeclineReason.DECLINED, "Your card was declined."));
        put(m, new PaymentReply.PaymentCaptured(SAGA, PAYMENT, ORDER, Money.usd(4857)));
        put(m, new PaymentReply.PaymentVoided(SAGA, PAYMENT, ORDER));
        put(m, new PaymentReply.PaymentCaptureFailed(SAGA, PAYMENT, ORDER, "authorization expired"));
        put(
                m,
                new PaymentReply.PaymentActionRequired(
                        SAGA,
                        PAYMENT,
                        ORDER,
                        "pi_3Qsca_secret_Xyz",
                        new PaymentReply.NextAction(
                                "redirect_to_url", "https://hooks.stripe.com/3d_secure_2/hosted?x=1")));
        put(m, new PaymentReply.PaymentUnderReview(SAGA, PAYMENT, ORDER, Instant.parse("2026-12-05T12:15:00Z")));
        put(
                m,
                new OrderCommand.PlaceOrder(
                        SAGA,
                        ORDER,
                        SAGA,
                        "sub-alice",
                        ADDRESS,
                        PAYMENT,
                        List.of(group),
                        Money.usd(4857),
                        Money.of(4470, "EUR")));
        put(m, new OrderCommand.CancelOrder(SAGA, ORDER, "capture failed"));
        put(m, new OrderReply.OrderPlaced(SAGA, ORDER));
        put(m, new OrderReply.OrderRejected(SAGA, ORDER, "duplicate order"));
        put(m, new OrderReply.OrderCancelled(SAGA, ORDER));
        put(m, new OrderReply.OrderCancelRefused(SAGA, ORDER, "a group has shipped"));
        put(
                m,
                new OrderEvent.OrderPlaced(
                        ORDER,
                        SAGA,
                        "sub-alice",
                        ADDRESS,
                        PAYMENT,
                        List.of(group),
                        Money.usd(4857),
                        AT,
                        Map.of(SHOP, 14),
                        Money.of(4470, "EUR")));
        put(m, new OrderEvent.OrderPaid(ORDER, PAYMENT, Money.usd(4857)));
        put(
                m,
                new OrderEvent.ShipmentDispatched(
                        ORDER,
                        SHOP,
                        "UPS",
                        "1Z999AA10123456784",
                        AT,
                        UUID.fromString("00000000-0000-4000-8000-00000000000b"),
                        lines));
        put(
                m,
                new OrderEvent.ShipmentDelivered(
                        ORDER,
                        SHOP,
                        UUID.fromString("00000000-0000-4000-8000-00000000000b"),
                        "UPS",
                        "evt_1Z999AA10123456784_delivered",
                        AT));
        put(m, new OrderEvent.GroupDelivered(ORDER, SHOP, AT));
        put(m, new OrderEvent.GroupCancelled(ORDER, SHOP, "out of stock", refunds.get(0), lines));
        put(m, new OrderEvent.OrderCancelled(ORDER, "buyer changed their mind", refunds, lines));
        put(
                m,
                new OrderEvent.ReturnRequested(
                        ORDER,
                        UUID.randomUUID(),
                        SHOP,
                        lines,
                        "NOT_AS_DESCRIBED",
                        "NOT_AS_DESCRIBED",
                        "too small for the size chart"));
        put(m, new OrderEvent.ReturnEscalated(ORDER, UUID.randomUUID(), SHOP, AT));
        put(
                m,
                new OrderEvent.ReturnAuthorized(
                        ORDER, UUID.randomUUID(), SHOP, "Post it to 1 Quay St; the label is in the box."));
        put(m, new OrderEvent.ReturnApproved(ORDER, UUID.randomUUID(), SHOP, refunds, lines));
        put(m, new OrderEvent.ReturnRejected(ORDER, UUID.randomUUID(), SHOP, "worn"));
        put(m, new OrderEvent.RefundIssued(ORDER, REFUND, SHOP, Money.usd(2179)));
        put(m, new OrderEvent.OrderCompleted(ORDER, AT));
        put(m, new PaymentEvent.PaymentCaptured(ORDER, PAYMENT, Money.usd(4857)));
        put(m, new PaymentEvent.RefundSucceeded(ORDER, PAYMENT, REFUND, SHOP, Money.usd(2179)));
        put(m, new PaymentEvent.RefundFailed(ORDER, PAYMENT, REFUND, SHOP, Money.usd(2179), "charge_already_refunded"));
        put(m, new PaymentEvent.TransferCreated(ORDER, TRANSFER, SHOP, Money.usd(4177)));
        put(
                m,
                new PaymentEvent.TransferReversed(
                        ORDER, TRANSFER, UUID.randomUUID(), REFUND, SHOP, Money.usd(1839), Money.usd(0)));
        put(m, new PaymentEvent.DisputeOpened(ORDER, PAYMENT, UUID.randomUUID(), Money.usd(4857), "fraudulent"));
        put(m, new PaymentEvent.DisputeClosed(ORDER, PAYMENT, UUID.randomUUID(), "lost", Money.usd(4857)));
        put(m, new PaymentEvent.PayoutPaid(SHOP, UUID.randomUUID(), Money.usd(4177)));
        put(m, new PaymentEvent.PayoutFailed(SHOP, UUID.randomUUID(), Money.usd(4177), "account_closed"));
        put(m, new CheckoutEvent.CheckoutCompleted(SAGA, ORDER, "sub-alice", lines));
        put(m, new CheckoutEvent.CheckoutFailed(SAGA, "sub-alice", "STOCK_REJECTED"));
        UUID review = UUID.fromString("00000000-0000-4000-8000-00000000000c");
        put(m, new ReviewEvent.ReviewPublished(PRODUCT, ReviewEvent.Subject.PRODUCT, review, SHOP, ORDER, 5, AT));
        put(m, new ReviewEvent.ReviewRemoved(PRODUCT, ReviewEvent.Subject.PRODUCT, review, SHOP, "REJECTED"));
        put(m, new ReviewEvent.RatingChanged(SHOP, ReviewEvent.Subject.SHOP, 43, 10, List.of(0L, 1L, 1L, 2L, 6L)));
        return m;
    }

    private static void put(Map<Class<? extends Message>, Message> m, Message sample) {
        m.put(sample.getClass(), sample);
    }
}
