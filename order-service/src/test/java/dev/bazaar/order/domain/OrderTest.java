package dev.bazaar.order.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bazaar.contracts.messaging.Lines.GroupRefund;
import dev.bazaar.contracts.messaging.Lines.OrderGroup;
import dev.bazaar.contracts.messaging.Lines.OrderLine;
import dev.bazaar.contracts.messaging.Lines.StockLine;
import dev.bazaar.contracts.messaging.OrderEvent;
import dev.bazaar.contracts.money.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every legal and illegal transition, table-driven; and the money of cancellations and returns. */
class OrderTest {

    static final UUID ORDER = UUID.randomUUID();
    static final UUID A = UUID.randomUUID();
    static final UUID B = UUID.randomUUID();
    static final UUID MUG = UUID.randomUUID();
    static final UUID LAMP = UUID.randomUUID();
    static final UUID RUG = UUID.randomUUID();
    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    static final Duration WINDOW = Duration.ofDays(30);

    /** A: 3 mugs at $12.50 (commission 10 %) and a $89 lamp, $5 shipping, $10 tax; B: a $159 rug, free shipping. */
    static OrderEvent.OrderPlaced placed() {
        OrderGroup a = OrderGroup.of(
                A,
                List.of(
                        OrderLine.of(
                                MUG, UUID.randomUUID(), "Mug", "MUG-1", 3, Money.usd(1_250), 1_000, Money.usd(375)),
                        OrderLine.of(
                                LAMP, UUID.randomUUID(), "Lamp", "LAMP-1", 1, Money.usd(8_900), 1_000, Money.usd(890))),
                Money.usd(500),
                Money.usd(1_000));
        OrderGroup b = OrderGroup.of(
                B,
                List.of(OrderLine.of(
                        RUG, UUID.randomUUID(), "Rug", "RUG-1", 1, Money.usd(15_900), 800, Money.usd(1_272))),
                Money.usd(0),
                Money.usd(1_272));
        return new OrderEvent.OrderPlaced(
                ORDER,
                UUID.randomUUID(),
                "buyer",
                UUID.randomUUID(),
                UUID.randomUUID(),
                List.of(a, b),
                a.total().plus(b.total()),
                T0);
    }

    /** Builds an order by applying decisions in turn (each must be legal). */
    @SafeVarargs
    static Order order(Function<Order, List<OrderEvent>>... steps) {
        List<OrderEvent> events = new ArrayList<>(List.of(placed()));
        Order o = Order.replay(events);
        for (var step : steps) {
            List<OrderEvent> next = step.apply(o);
            events.addAll(next);
            next.forEach(o::apply);
        }
        return Order.replay(events);
    }

    static Function<Order, List<OrderEvent>> paid = o -> o.pay(UUID.randomUUID(), o.total());
    static Function<Order, List<OrderEvent>> shipA = o -> o.ship(A, "UPS", "1Z999", T0.plusSeconds(3600));
    static Function<Order, List<OrderEvent>> shipB = o -> o.ship(B, "DHL", "JD0001", T0.plusSeconds(7200));
    static Function<Order, List<OrderEvent>> deliverA = o -> o.deliver(A, T0.plus(Duration.ofDays(2)));
    static Function<Order, List<OrderEvent>> deliverB = o -> o.deliver(B, T0.plus(Duration.ofDays(3)));

    static Stream<Arguments> statuses() {
        return Stream.of(
                Arguments.of("placed", order(), OrderStatus.PLACED),
                Arguments.of("paid", order(paid), OrderStatus.PAID),
                Arguments.of("one of two shipped", order(paid, shipA), OrderStatus.PARTIALLY_SHIPPED),
                Arguments.of("both shipped", order(paid, shipA, shipB), OrderStatus.SHIPPED),
                Arguments.of("one delivered", order(paid, shipA, shipB, deliverA), OrderStatus.SHIPPED),
                Arguments.of("delivered", order(paid, shipA, shipB, deliverA, deliverB), OrderStatus.DELIVERED),
                Arguments.of(
                        "cancelled by the buyer",
                        order(paid, o -> o.buyerCancel("changed mind")),
                        OrderStatus.CANCELLED),
                Arguments.of(
                        "B cancelled, A shipped",
                        order(paid, o -> o.sellerCancel(B, "out of stock"), shipA),
                        OrderStatus.SHIPPED),
                Arguments.of(
                        "return requested",
                        order(
                                paid,
                                shipA,
                                shipB,
                                deliverA,
                                deliverB,
                                o -> o.requestReturn(
                                        UUID.randomUUID(),
                                        A,
                                        List.of(new StockLine(MUG, 1)),
                                        "chipped",
                                        T0.plus(Duration.ofDays(5)),
                                        WINDOW)),
                        OrderStatus.RETURN_REQUESTED),
                Arguments.of(
                        "completed",
                        order(
                                paid,
                                shipA,
                                shipB,
                                deliverA,
                                deliverB,
                                o -> o.complete(T0.plus(Duration.ofDays(40)), WINDOW)),
                        OrderStatus.COMPLETED),
                Arguments.of(
                        "partially refunded",
                        order(
                                paid,
                                shipA,
                                shipB,
                                deliverA,
                                deliverB,
                                o -> o.refundIssued(UUID.randomUUID(), A, Money.usd(1_000))),
                        OrderStatus.PARTIALLY_REFUNDED),
                Arguments.of(
                        "refunded",
                        order(paid, o -> o.buyerCancel("x"), o -> o.refundIssued(UUID.randomUUID(), A, o.total())),
                        OrderStatus.REFUNDED));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("statuses")
    void statusRollsUp(String name, Order order, OrderStatus expected) {
        assertThat(order.status()).isEqualTo(expected);
    }

    static Stream<Arguments> illegal() {
        Function<Order, List<OrderEvent>> returnMug = o -> o.requestReturn(
                UUID.randomUUID(), A, List.of(new StockLine(MUG, 1)), "x", T0.plus(Duration.ofDays(5)), WINDOW);
        return Stream.of(
                Arguments.of("ship before payment", order(), shipA, "not paid"),
                Arguments.of("ship twice", order(paid, shipA), shipA, "already shipped"),
                Arguments.of("ship a cancelled group", order(paid, o -> o.sellerCancel(A, "x")), shipA, "cancelled"),
                Arguments.of("deliver before shipping", order(paid), deliverA, "Only a shipped group"),
                Arguments.of(
                        "buyer cancels unpaid",
                        order(),
                        (Function<Order, List<OrderEvent>>) o -> o.buyerCancel("x"),
                        "Only a paid order"),
                Arguments.of(
                        "buyer cancels after a shipment",
                        order(paid, shipA),
                        (Function<Order, List<OrderEvent>>) o -> o.buyerCancel("x"),
                        "has shipped"),
                Arguments.of(
                        "buyer cancels twice",
                        order(paid, o -> o.buyerCancel("x")),
                        (Function<Order, List<OrderEvent>>) o -> o.buyerCancel("x"),
                        "already cancelled"),
                Arguments.of(
                        "saga cancels after a shipment",
                        order(paid, shipA),
                        (Function<Order, List<OrderEvent>>) o -> o.sagaCancel("timeout"),
                        "Fulfilment has started"),
                Arguments.of(
                        "seller cancels a shipped group",
                        order(paid, shipA),
                        (Function<Order, List<OrderEvent>>) o -> o.sellerCancel(A, "x"),
                        "has shipped"),
                Arguments.of("return before delivery", order(paid, shipA), returnMug, "Only delivered items"),
                Arguments.of(
                        "return after the window",
                        order(paid, shipA, deliverA),
                        (Function<Order, List<OrderEvent>>) o -> o.requestReturn(
                                UUID.randomUUID(),
                                A,
                                List.of(new StockLine(MUG, 1)),
                                "x",
                                T0.plus(Duration.ofDays(33)),
                                WINDOW),
                        "return window closed"));
    }

    @ParameterizedTest(name = "{0} is refused")
    @MethodSource("illegal")
    void illegalTransitionsAreRefused(String name, Order order, Function<Order, List<OrderEvent>> step, String reason) {
        long before = order.version();
        assertThatThrownBy(() -> step.apply(order))
                .isInstanceOf(IllegalOrderTransition.class)
                .hasMessageContaining(reason);
        assertThat(order.version()).isEqualTo(before);
    }

    @Test
    void badReturnsAreInvalidInput() {
        Order o = order(paid, shipA, deliverA);
        Instant now = T0.plus(Duration.ofDays(5));
        assertThatThrownBy(
                        () -> o.requestReturn(UUID.randomUUID(), A, List.of(new StockLine(RUG, 1)), "x", now, WINDOW))
                .isInstanceOf(Order.InvalidReturn.class)
                .hasMessageContaining("invalid");
        assertThatThrownBy(
                        () -> o.requestReturn(UUID.randomUUID(), A, List.of(new StockLine(MUG, 4)), "x", now, WINDOW))
                .isInstanceOf(Order.InvalidReturn.class);
        assertThatThrownBy(() -> o.requestReturn(UUID.randomUUID(), A, List.of(), "x", now, WINDOW))
                .isInstanceOf(Order.InvalidReturn.class);
    }

    @Test
    void repeatedPlacementsPaymentsAndRefundsChangeNothing() {
        Order o = order(paid);
        assertThat(o.place(placed())).isEmpty();
        assertThat(o.pay(UUID.randomUUID(), o.total())).isEmpty();
        UUID refund = UUID.randomUUID();
        Order r = order(paid, x -> x.refundIssued(refund, A, Money.usd(100)));
        assertThat(r.refundIssued(refund, A, Money.usd(100))).isEmpty();
    }

    @Test
    void aCancellationRefundsEveryGroupInFullAndRestocksEverything() {
        OrderEvent.OrderCancelled c = (OrderEvent.OrderCancelled)
                order(paid).buyerCancel("changed mind").get(0);
        assertThat(c.refunds())
                .extracting(GroupRefund::amount)
                .containsExactly(Money.usd(3_750 + 8_900 + 500 + 1_000), Money.usd(15_900 + 1_272));
        assertThat(c.refunds()).extracting(GroupRefund::commission).containsExactly(Money.usd(1_265), Money.usd(1_272));
        assertThat(c.restock()).containsExactly(new StockLine(MUG, 3), new StockLine(LAMP, 1), new StockLine(RUG, 1));
        OrderEvent.OrderCancelled unpaid = (OrderEvent.OrderCancelled)
                order().sagaCancel("payment declined").get(0);
        assertThat(unpaid.refunds()).isEmpty();
        assertThat(unpaid.restock()).isEmpty();
        OrderEvent.OrderCancelled paidBySaga = (OrderEvent.OrderCancelled)
                order(paid).sagaCancel("capture timeout").get(0);
        assertThat(paidBySaga.refunds()).as("a charged order is refunded").hasSize(2);
        assertThat(paidBySaga.restock())
                .as("the saga's release gives the stock back, not the order")
                .isEmpty();
    }

    @Test
    void returnsRefundItemsWithTheirShareOfShippingAndTaxAndNeverMoreThanTheGroup() {
        Order o = order(paid, shipA, deliverA);
        Instant now = T0.plus(Duration.ofDays(5));
        List<GroupRefund> refunds = new ArrayList<>();
        // return the three mugs one by one, then the lamp
        for (StockLine l :
                List.of(new StockLine(MUG, 1), new StockLine(MUG, 1), new StockLine(MUG, 1), new StockLine(LAMP, 1))) {
            UUID ret = UUID.randomUUID();
            o.requestReturn(ret, A, List.of(l), "x", now, WINDOW).forEach(o::apply);
            OrderEvent.ReturnApproved approved = (OrderEvent.ReturnApproved)
                    o.approveReturn(ret, UUID.randomUUID()).get(0);
            approved.refunds().forEach(refunds::add);
            o.apply(approved);
        }
        assertThat(refunds.get(0).goods()).isEqualTo(Money.usd(1_250));
        long goods = refunds.stream().mapToLong(r -> r.goods().amount()).sum();
        long shipping = refunds.stream().mapToLong(r -> r.shipping().amount()).sum();
        long tax = refunds.stream().mapToLong(r -> r.tax().amount()).sum();
        long commission =
                refunds.stream().mapToLong(r -> r.commission().amount()).sum();
        assertThat(goods).isEqualTo(3_750 + 8_900);
        assertThat(shipping).isEqualTo(500);
        assertThat(tax).isEqualTo(1_000);
        assertThat(commission).isEqualTo(375 + 890);
        assertThatThrownBy(
                        () -> o.requestReturn(UUID.randomUUID(), A, List.of(new StockLine(MUG, 1)), "x", now, WINDOW))
                .isInstanceOf(Order.InvalidReturn.class);
    }

    // ---- return windows per shop (#23): the window in force when the order was placed

    /** The same order, placed while shop A allowed {@code aDays} and shop B {@code bDays} days to return. */
    static Order placedUnder(int aDays, int bDays) {
        OrderEvent.OrderPlaced p = placed();
        Order o = Order.replay(List.of(new OrderEvent.OrderPlaced(
                p.orderId(),
                p.checkoutId(),
                p.buyerSubject(),
                p.shippingAddressId(),
                p.paymentId(),
                p.groups(),
                p.total(),
                p.placedAt(),
                java.util.Map.of(A, aDays, B, bDays))));
        for (var step : List.of(paid, shipA, shipB, deliverA, deliverB)) {
            step.apply(o).forEach(o::apply);
        }
        return o;
    }

    /** The buyer returns a mug of A (delivered at T0 + 2 days) {@code days} days after its delivery. */
    static List<OrderEvent> returnMug(Order o, Duration afterDelivery) {
        return o.requestReturn(
                UUID.randomUUID(),
                A,
                List.of(new StockLine(MUG, 1)),
                ReturnReason.DAMAGED,
                "chipped",
                T0.plus(Duration.ofDays(2)).plus(afterDelivery),
                WINDOW);
    }

    @Test
    void aSevenDayShopRefusesAReturnOnDayEightAndAThirtyDayShopAcceptsIt() {
        Order sevenDays = placedUnder(7, 30);
        long before = sevenDays.version();
        assertThatThrownBy(() -> returnMug(sevenDays, Duration.ofDays(8)))
                .isInstanceOf(IllegalOrderTransition.class)
                .hasMessageContaining("return window closed")
                .hasMessageContaining("7 days after delivery");
        assertThat(sevenDays.version()).isEqualTo(before);
        assertThat(sevenDays.returns()).isEmpty();
        assertThat(returnMug(sevenDays, Duration.ofDays(7)))
                .as("the last day of the window")
                .singleElement()
                .isInstanceOf(OrderEvent.ReturnRequested.class);
        assertThat(sevenDays.returnableUntil(A, WINDOW)).isEqualTo(T0.plus(Duration.ofDays(2 + 7)));

        assertThat(returnMug(placedUnder(30, 30), Duration.ofDays(8)))
                .singleElement()
                .isInstanceOf(OrderEvent.ReturnRequested.class);
        // each group keeps its own shop's window: B (30 days) still takes returns when A's (7) has closed
        assertThat(placedUnder(7, 30)
                        .requestReturn(
                                UUID.randomUUID(),
                                B,
                                List.of(new StockLine(RUG, 1)),
                                "too big",
                                T0.plus(Duration.ofDays(3 + 8)),
                                WINDOW))
                .singleElement()
                .isInstanceOf(OrderEvent.ReturnRequested.class);
    }

    @Test
    void aShopThatTookNoReturnsWhenTheOrderWasPlacedRefusesEveryReturn() {
        Order o = placedUnder(0, 30);
        long before = o.version();
        assertThatThrownBy(() -> o.requestReturn(
                        UUID.randomUUID(),
                        A,
                        List.of(new StockLine(MUG, 1)),
                        ReturnReason.NO_LONGER_NEEDED,
                        null,
                        T0.plus(Duration.ofDays(2)),
                        WINDOW))
                .isInstanceOf(IllegalOrderTransition.class)
                .hasMessageContaining("did not accept returns");
        assertThat(o.version()).isEqualTo(before);
        assertThat(o.returns()).isEmpty();
        assertThat(o.returnableUntil(A, WINDOW)).isNull();
        assertThat(o.returnWindow(A, WINDOW)).isZero();
    }

    @Test
    void anOrderPlacedBeforeShopsHadTheirOwnWindowUsesTheConfiguredOne() {
        Order legacy = order(paid, shipA, deliverA);
        Duration configured = Duration.ofDays(10);
        assertThat(legacy.returnWindow(A, configured)).isEqualTo(configured);
        assertThat(legacy.returnableUntil(A, configured)).isEqualTo(T0.plus(Duration.ofDays(12)));
        assertThat(legacy.returnableUntil(B, configured))
                .as("not delivered yet")
                .isNull();
        assertThatThrownBy(() -> legacy.requestReturn(
                        UUID.randomUUID(),
                        A,
                        List.of(new StockLine(MUG, 1)),
                        "x",
                        T0.plus(Duration.ofDays(13)),
                        configured))
                .isInstanceOf(IllegalOrderTransition.class)
                .hasMessageContaining("return window closed");
        // the shop's own window, once the order has one, wins over the configured default
        Order placed = placedUnder(7, 45);
        assertThat(placed.returnWindow(A, configured)).isEqualTo(Duration.ofDays(7));
        assertThat(placed.returnableUntil(B, configured)).isEqualTo(T0.plus(Duration.ofDays(3 + 45)));
    }

    @Test
    void anOrderCompletesWhenEveryDeliveredGroupsOwnWindowHasPassed() {
        // A delivered on day 2 with 7 days (closes day 9), B on day 3 with 45 days (closes day 48)
        Order o = placedUnder(7, 45);
        assertThat(o.complete(T0.plus(Duration.ofDays(40)), WINDOW))
                .as("B's window is still open")
                .isEmpty();
        assertThat(o.complete(T0.plus(Duration.ofDays(48)).minusSeconds(1), WINDOW))
                .isEmpty();
        assertThat(o.complete(T0.plus(Duration.ofDays(48)), WINDOW))
                .singleElement()
                .isInstanceOf(OrderEvent.OrderCompleted.class);
        // shorter windows than the default complete sooner
        Order shortWindows = placedUnder(0, 5);
        assertThat(shortWindows.complete(T0.plus(Duration.ofDays(7)), WINDOW))
                .as("B closes on day 8")
                .isEmpty();
        assertThat(shortWindows.complete(T0.plus(Duration.ofDays(8)), WINDOW))
                .singleElement()
                .isInstanceOf(OrderEvent.OrderCompleted.class);
    }

    @Test
    void anOldOrderPlacedEventWithoutWindowsStillReads() throws Exception {
        var json = dev.bazaar.contracts.messaging.MessageCodec.json();
        OrderEvent.OrderPlaced p = placed();
        com.fasterxml.jackson.databind.node.ObjectNode tree = json.valueToTree(p);
        tree.remove("returnWindowDays");
        OrderEvent.OrderPlaced old = json.treeToValue(tree, OrderEvent.OrderPlaced.class);
        assertThat(old.returnWindowDays()).isNull();
        assertThat(Order.replay(List.of(old)).returnWindow(A, WINDOW)).isEqualTo(WINDOW);
    }
}
