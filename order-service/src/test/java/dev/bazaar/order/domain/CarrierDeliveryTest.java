package dev.bazaar.order.domain;

import static dev.bazaar.order.domain.OrderTest.A;
import static dev.bazaar.order.domain.OrderTest.MUG;
import static dev.bazaar.order.domain.OrderTest.T0;
import static dev.bazaar.order.domain.OrderTest.WINDOW;
import static dev.bazaar.order.domain.OrderTest.deliverA;
import static dev.bazaar.order.domain.OrderTest.order;
import static dev.bazaar.order.domain.OrderTest.paid;
import static dev.bazaar.order.domain.OrderTest.shipA;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.contracts.messaging.Lines.StockLine;
import dev.bazaar.contracts.messaging.OrderEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A carrier's DELIVERED delivers its parcel, and the group with its last parcel — once. */
class CarrierDeliveryTest {

    static final Instant DAY2 = T0.plus(Duration.ofDays(2));
    static final Instant DAY3 = T0.plus(Duration.ofDays(3));

    static UUID parcel(Order o, int i) {
        return o.groups().getFirst().shipments().get(i).shipmentId();
    }

    @Test
    void theOnlyParcelDeliveredDeliversTheGroup() {
        Order o = order(paid, shipA);
        List<OrderEvent> events = o.carrierDelivered(A, parcel(o, 0), "evt-1", DAY2);
        assertThat(events)
                .containsExactly(
                        new OrderEvent.ShipmentDelivered(o.orderId(), A, parcel(o, 0), "UPS", "evt-1", DAY2),
                        new OrderEvent.GroupDelivered(o.orderId(), A, DAY2));
        events.forEach(o::apply);
        assertThat(o.groups().getFirst().status()).isEqualTo(GroupStatus.DELIVERED);
        assertThat(o.groups().getFirst().deliveredAt()).isEqualTo(DAY2);
        assertThat(o.partOf(A).shipments())
                .singleElement()
                .extracting(SellerPart.Shipment::deliveredAt)
                .isEqualTo(DAY2);
        // the return window runs from the carrier's delivery, as from the buyer's confirmation
        assertThat(o.requestReturn(
                        UUID.randomUUID(),
                        A,
                        List.of(new StockLine(MUG, 1)),
                        ReturnReason.DAMAGED,
                        "",
                        DAY2.plus(WINDOW),
                        WINDOW))
                .hasSize(1);

        // the carrier says it again, with the same event or another: nothing more
        assertThat(o.carrierDelivered(A, parcel(o, 0), "evt-1", DAY2)).isEmpty();
        assertThat(o.carrierDelivered(A, parcel(o, 0), "evt-2", DAY3)).isEmpty();
    }

    @Test
    void aGroupInTwoParcelsIsDeliveredWithTheLaterOneWhicheverArrivesFirst() {
        Order o = order(
                paid,
                x -> x.ship(A, "UPS", "1Z1", List.of(new StockLine(MUG, 2)), T0.plusSeconds(60)),
                x -> x.ship(A, "DHL", "JD2", null, T0.plusSeconds(120)));
        // the second parcel's event comes first, but says it arrived later
        List<OrderEvent> second = o.carrierDelivered(A, parcel(o, 1), "dhl-1", DAY3);
        assertThat(second).singleElement().isInstanceOf(OrderEvent.ShipmentDelivered.class);
        second.forEach(o::apply);
        assertThat(o.groups().getFirst().status()).isEqualTo(GroupStatus.SHIPPED);
        assertThat(o.carrierDelivered(A, parcel(o, 1), "dhl-1", DAY3)).isEmpty();

        List<OrderEvent> first = o.carrierDelivered(A, parcel(o, 0), "ups-1", DAY2);
        assertThat(first)
                .containsExactly(
                        new OrderEvent.ShipmentDelivered(o.orderId(), A, parcel(o, 0), "UPS", "ups-1", DAY2),
                        new OrderEvent.GroupDelivered(o.orderId(), A, DAY3));
        first.forEach(o::apply);
        assertThat(o.groups().getFirst().status()).isEqualTo(GroupStatus.DELIVERED);
    }

    @Test
    void aGroupNotShippedInFullWaitsForItsLastParcel() {
        Order o = order(paid, x -> x.ship(A, "UPS", "1Z1", List.of(new StockLine(MUG, 3)), T0.plusSeconds(60)));
        List<OrderEvent> first = o.carrierDelivered(A, parcel(o, 0), "ups-1", DAY2);
        assertThat(first).singleElement().isInstanceOf(OrderEvent.ShipmentDelivered.class);
        first.forEach(o::apply);
        assertThat(o.groups().getFirst().status()).isEqualTo(GroupStatus.PARTIALLY_SHIPPED);

        o.ship(A, "UPS", "1Z2", null, DAY2).forEach(o::apply);
        assertThat(o.groups().getFirst().status()).isEqualTo(GroupStatus.SHIPPED);
        assertThat(o.carrierDelivered(A, parcel(o, 1), "ups-2", DAY3))
                .hasSize(2)
                .last()
                .isEqualTo(new OrderEvent.GroupDelivered(o.orderId(), A, DAY3));
    }

    @Test
    void aGroupAlreadyDeliveredOrAParcelItDoesNotHaveDecidesNothing() {
        Order delivered = order(paid, shipA, deliverA);
        assertThat(delivered.carrierDelivered(A, parcel(delivered, 0), "late", DAY3))
                .isEmpty();
        Order shipped = order(paid, shipA);
        assertThat(shipped.carrierDelivered(A, UUID.randomUUID(), "other", DAY3))
                .isEmpty();
        Order unshipped = order(paid);
        assertThat(unshipped.carrierDelivered(A, UUID.randomUUID(), "early", DAY3))
                .isEmpty();
    }
}
