package dev.bazaar.kit.nativeimage;

import dev.bazaar.contracts.messaging.CheckoutEvent;
import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.InventoryCommand;
import dev.bazaar.contracts.messaging.InventoryReply;
import dev.bazaar.contracts.messaging.Lines;
import dev.bazaar.contracts.messaging.OrderCommand;
import dev.bazaar.contracts.messaging.OrderEvent;
import dev.bazaar.contracts.messaging.OrderReply;
import dev.bazaar.contracts.messaging.PaymentCommand;
import dev.bazaar.contracts.messaging.PaymentEvent;
import dev.bazaar.contracts.messaging.PaymentReply;
import dev.bazaar.contracts.messaging.ProductEvent;
import dev.bazaar.contracts.messaging.ReviewEvent;
import dev.bazaar.contracts.messaging.ShopEvent;
import dev.bazaar.contracts.money.Money;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Registers for reflection every type the message codec (Jackson, outside any REST endpoint Quarkus could see) reads or
 * writes, so a native image can (de)serialize Kafka messages. MessageReflectionTest fails when a message type is
 * added to a topic and not here.
 */
@RegisterForReflection(
        targets = {
            CheckoutEvent.CheckoutCompleted.class,
            CheckoutEvent.CheckoutFailed.class,
            Envelope.class,
            InventoryCommand.CommitReservation.class,
            InventoryCommand.ReleaseReservation.class,
            InventoryCommand.ReserveStock.class,
            InventoryReply.ReservationCommitted.class,
            InventoryReply.ReservationReleased.class,
            InventoryReply.StockRejected.class,
            InventoryReply.StockReserved.class,
            Lines.GroupRefund.class,
            Lines.OptionValue.class,
            Lines.OrderGroup.class,
            Lines.OrderLine.class,
            Lines.SellerSplit.class,
            Lines.Shortage.class,
            Lines.StockLine.class,
            Lines.VariantSummary.class,
            Money.class,
            OrderCommand.CancelOrder.class,
            OrderCommand.PlaceOrder.class,
            OrderEvent.GroupCancelled.class,
            OrderEvent.GroupDelivered.class,
            OrderEvent.OrderCancelled.class,
            OrderEvent.OrderCompleted.class,
            OrderEvent.OrderPaid.class,
            OrderEvent.OrderPlaced.class,
            OrderEvent.RefundIssued.class,
            OrderEvent.ReturnApproved.class,
            OrderEvent.ReturnRejected.class,
            OrderEvent.ReturnEscalated.class,
            OrderEvent.ReturnAuthorized.class,
            OrderEvent.ReturnRequested.class,
            OrderEvent.ShipmentDelivered.class,
            OrderEvent.ShipmentDispatched.class,
            OrderReply.OrderCancelRefused.class,
            OrderReply.OrderCancelled.class,
            OrderReply.OrderPlaced.class,
            OrderReply.OrderRejected.class,
            PaymentCommand.AuthorizePayment.class,
            PaymentCommand.CapturePayment.class,
            PaymentCommand.VoidPayment.class,
            PaymentEvent.DisputeClosed.class,
            PaymentEvent.DisputeOpened.class,
            PaymentEvent.PaymentCaptured.class,
            PaymentEvent.PayoutFailed.class,
            PaymentEvent.PayoutPaid.class,
            PaymentEvent.RefundFailed.class,
            PaymentEvent.RefundSucceeded.class,
            PaymentEvent.TransferCreated.class,
            PaymentEvent.TransferReversed.class,
            PaymentReply.DeclineReason.class,
            PaymentReply.NextAction.class,
            PaymentReply.PaymentActionRequired.class,
            PaymentReply.PaymentAuthorized.class,
            PaymentReply.PaymentCaptureFailed.class,
            PaymentReply.PaymentCaptured.class,
            PaymentReply.PaymentDeclined.class,
            PaymentReply.PaymentUnderReview.class,
            PaymentReply.PaymentVoided.class,
            ProductEvent.PriceChanged.class,
            ProductEvent.ProductDelisted.class,
            ProductEvent.ProductModerated.class,
            ProductEvent.ProductPublished.class,
            ProductEvent.ProductUpdated.class,
            ProductEvent.StockChanged.class,
            ReviewEvent.RatingChanged.class,
            ReviewEvent.ReviewPublished.class,
            ReviewEvent.ReviewRemoved.class,
            ReviewEvent.Subject.class,
            ShopEvent.ShopApproved.class,
            ShopEvent.ShopPolicyChanged.class,
            ShopEvent.ShopRejected.class,
            ShopEvent.ShopSuspended.class
        })
public final class MessageReflection {

    private MessageReflection() {}
}
