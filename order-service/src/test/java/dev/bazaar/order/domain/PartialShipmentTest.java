package dev.bazaar.order.domain;

import static dev.bazaar.order.domain.OrderTest.A;
import static dev.bazaar.order.domain.OrderTest.LAMP;
import static dev.bazaar.order.domain.OrderTest.MUG;
import static dev.bazaar.order.domain.OrderTest.T0;
import static dev.bazaar.order.domain.OrderTest.order;
import static dev.bazaar.order.domain.OrderTest.paid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bazaar.contracts.messaging.Lines.StockLine;
import dev.bazaar.contracts.messaging.OrderEvent;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A group ships in several parcels; it is delivered by the seller, the buyer or, unconfirmed, after 14 days. */
class PartialShipmentTest {

    static final Duration AUTO = Duration.ofDays(14);

    @Test
    void aGroupShipsInParcelsAndRollsUp() {
        // A ordered 3 mugs and a lamp: two mugs first, then the rest (no lines: everything left)
        Order o = order(paid, x -> x.ship(A, "UPS", "1Z1", List.of(new StockLine(MUG, 2)), T0.plusSeconds(60)));
        Order.Group a = o.groups().getFirst();
        assertThat(a.status()).isEqualTo(GroupStatus.PARTIALLY_SHIPPED);
        assertThat(o.status()).isEqualTo(OrderStatus.PARTIALLY_SHIPPED);
        assertThat(a.unshipped()).containsEntry(MUG, 1).containsEntry(LAMP, 1);
        assertThat(o.partOf(A).needsAction()).isTrue();
        assertThat(o.partOf(A).lines())
                .extracting(SellerPart.Line::shippedQuantity)
                .containsExactly(2, 0);
        assertThatThrownBy(() -> o.deliver(A, T0.plusSeconds(120)))
                .isInstanceOf(IllegalOrderTransition.class)
                .hasMessageContaining("not shipped yet");
        assertThatThrownBy(() -> o.sellerCancel(A, "x"))
                .isInstanceOf(IllegalOrderTransition.class)
                .hasMessageContaining("has shipped");
        assertThatThrownBy(() -> o.buyerCancel("x"))
                .isInstanceOf(IllegalOrderTransition.class)
                .hasMessageContaining("has shipped");

        o.ship(A, "DHL", "JD2", null, T0.plusSeconds(3600)).forEach(o::apply);
        Order.Group done = o.groups().getFirst();
        assertThat(done.status()).isEqualTo(GroupStatus.SHIPPED);
        assertThat(done.unshipped()).isEmpty();
        assertThat(done.shipments())
                .hasSize(2)
                .extracting(Order.Shipment::shipmentId)
                .doesNotHaveDuplicates();
        assertThat(done.shipments().getLast().lines()).containsExactly(new StockLine(MUG, 1), new StockLine(LAMP, 1));
        assertThat(done.carrier()).isEqualTo("DHL");
        assertThat(o.partOf(A).shipments())
                .extracting(SellerPart.Shipment::trackingUrl)
                .containsExactly(
                        "https://www.ups.com/track?tracknum=1Z1",
                        "https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id=JD2");
        assertThat(o.partOf(A).needsAction()).isFalse();
        assertThatThrownBy(() -> o.ship(A, "UPS", "1Z3", T0.plusSeconds(7200)))
                .isInstanceOf(IllegalOrderTransition.class)
                .hasMessageContaining("already shipped");
        assertThat(o.deliver(A, T0.plus(Duration.ofDays(2))))
                .singleElement()
                .isInstanceOf(OrderEvent.GroupDelivered.class);
    }

    /** The field and message a refused parcel names (what the problem+json answer carries). */
    static String refusal(Runnable decision) {
        try {
            decision.run();
        } catch (Order.InvalidShipment e) {
            var v = e.toProblem().violations().getFirst();
            return v.field() + ": " + v.message();
        }
        throw new AssertionError("the parcel was accepted");
    }

    @Test
    void aParcelCannotHoldWhatTheGroupDoesNotHaveOrHasAlreadySent() {
        Order o = order(paid, x -> x.ship(A, "UPS", "1Z1", List.of(new StockLine(MUG, 3)), T0.plusSeconds(60)));
        assertThat(refusal(() -> o.ship(A, "UPS", "1Z2", List.of(new StockLine(MUG, 1)), T0.plusSeconds(90))))
                .startsWith("lines: ")
                .contains("already shipped");
        assertThat(refusal(() -> o.ship(A, "UPS", "1Z2", List.of(new StockLine(LAMP, 2)), T0.plusSeconds(90))))
                .contains("at most 1");
        assertThat(refusal(() ->
                        o.ship(A, "UPS", "1Z2", List.of(new StockLine(UUID.randomUUID(), 1)), T0.plusSeconds(90))))
                .contains("not in this seller's part");
        // the same variant named twice counts twice
        assertThat(refusal(() -> o.ship(
                        A, "UPS", "1Z2", List.of(new StockLine(LAMP, 1), new StockLine(LAMP, 1)), T0.plusSeconds(90))))
                .contains("at most 1");
    }

    @Test
    void aParcelRecordedBeforePartialShippingWasTheWholeGroup() {
        Order o = order(paid);
        o.apply(new OrderEvent.ShipmentDispatched(o.orderId(), A, "UPS", "1Z-OLD", T0.plusSeconds(60), null, null));
        Order.Group a = o.groups().getFirst();
        assertThat(a.status()).isEqualTo(GroupStatus.SHIPPED);
        assertThat(a.shipments()).singleElement().satisfies(s -> {
            assertThat(s.shipmentId()).isNotNull();
            assertThat(s.lines()).containsExactly(new StockLine(MUG, 3), new StockLine(LAMP, 1));
        });
    }

    @Test
    void unconfirmedDeliveryHappensAfterTheWaitAndOnlyForWholeShipments() {
        Order partly = order(paid, x -> x.ship(A, "UPS", "1Z1", List.of(new StockLine(MUG, 1)), T0));
        assertThat(partly.autoDeliver(A, T0.plus(Duration.ofDays(30)), AUTO)).isEmpty();

        Order whole = order(paid, x -> x.ship(A, "UPS", "1Z1", T0));
        assertThat(whole.autoDeliver(A, T0.plus(Duration.ofDays(13)), AUTO)).isEmpty();
        assertThat(whole.autoDeliver(A, T0.plus(AUTO), AUTO))
                .singleElement()
                .isEqualTo(new OrderEvent.GroupDelivered(whole.orderId(), A, T0.plus(AUTO)));
        assertThat(whole.autoDeliver(UUID.randomUUID(), T0.plus(AUTO), AUTO)).isEmpty();
        whole.deliver(A, T0.plus(Duration.ofDays(3))).forEach(whole::apply);
        assertThat(whole.autoDeliver(A, T0.plus(AUTO), AUTO)).isEmpty();
    }
}
