package dev.bazaar.order.domain;

import static dev.bazaar.order.domain.OrderTest.A;
import static dev.bazaar.order.domain.OrderTest.MUG;
import static dev.bazaar.order.domain.OrderTest.T0;
import static dev.bazaar.order.domain.OrderTest.WINDOW;
import static dev.bazaar.order.domain.OrderTest.deliverA;
import static dev.bazaar.order.domain.OrderTest.deliverB;
import static dev.bazaar.order.domain.OrderTest.order;
import static dev.bazaar.order.domain.OrderTest.paid;
import static dev.bazaar.order.domain.OrderTest.shipA;
import static dev.bazaar.order.domain.OrderTest.shipB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bazaar.contracts.messaging.Lines.StockLine;
import dev.bazaar.contracts.messaging.OrderEvent;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A return says why; one nobody decides in time goes to the admins, who (or the seller) may still decide it. */
class ReturnDecisionTest {

    final UUID ret = UUID.randomUUID();

    Order delivered() {
        return order(paid, shipA, shipB, deliverA, deliverB);
    }

    @Test
    void aReturnCarriesItsReasonCodeAndTheBuyersWords() {
        Order o = delivered();
        var asked = (OrderEvent.ReturnRequested) o.requestReturn(
                        ret,
                        A,
                        List.of(new StockLine(MUG, 1)),
                        ReturnReason.DAMAGED,
                        "the handle came off",
                        T0.plus(Duration.ofDays(5)),
                        WINDOW)
                .getFirst();
        assertThat(asked.reasonCode()).isEqualTo("DAMAGED");
        assertThat(asked.comment()).isEqualTo("the handle came off");
        o.apply(asked);
        assertThat(o.returns().getFirst().reasonCode()).isEqualTo(ReturnReason.DAMAGED);

        // one recorded before codes: free text, no code, no comment
        Order old = delivered();
        old.apply(new OrderEvent.ReturnRequested(
                old.orderId(), ret, A, List.of(new StockLine(MUG, 1)), "chipped", null, null));
        assertThat(old.returns().getFirst().reasonCode()).isEqualTo(ReturnReason.OTHER);
        assertThat(old.returns().getFirst().reason()).isEqualTo("chipped");
    }

    @Test
    void anUndecidedReturnIsEscalatedOnceAndStillDecidable() {
        Order o = delivered();
        o.requestReturn(
                        ret,
                        A,
                        List.of(new StockLine(MUG, 1)),
                        ReturnReason.WRONG_ITEM,
                        null,
                        T0.plus(Duration.ofDays(5)),
                        WINDOW)
                .forEach(o::apply);
        List<OrderEvent> escalated = o.escalateReturn(ret, T0.plus(Duration.ofDays(9)));
        assertThat(escalated)
                .singleElement()
                .isEqualTo(new OrderEvent.ReturnEscalated(o.orderId(), ret, A, T0.plus(Duration.ofDays(9))));
        escalated.forEach(o::apply);
        assertThat(o.returns().getFirst().status()).isEqualTo("ESCALATED");
        assertThat(o.status()).isEqualTo(OrderStatus.RETURN_REQUESTED);
        assertThat(o.partOf(A).needsAction()).isTrue();
        assertThat(o.escalateReturn(ret, T0.plus(Duration.ofDays(10))))
                .as("once")
                .isEmpty();
        assertThat(o.complete(T0.plus(Duration.ofDays(60)), WINDOW))
                .as("an open return holds completion")
                .isEmpty();

        o.rejectReturn(ret, "worn").forEach(o::apply);
        assertThat(o.returns().getFirst().status()).isEqualTo("REJECTED");
        assertThat(o.escalateReturn(ret, T0.plus(Duration.ofDays(11))))
                .as("a decided return stays decided")
                .isEmpty();
        assertThatThrownBy(() -> o.approveReturn(ret, UUID.randomUUID())).isInstanceOf(IllegalOrderTransition.class);
        assertThat(o.escalateReturn(UUID.randomUUID(), T0)).as("no such return").isEmpty();
    }

    @Test
    void aSellerMayWantTheItemsBackBeforeRefunding() {
        Order o = delivered();
        o.requestReturn(
                        ret,
                        A,
                        List.of(new StockLine(MUG, 1)),
                        ReturnReason.NOT_AS_DESCRIBED,
                        "blue, not green",
                        T0.plus(Duration.ofDays(5)),
                        WINDOW)
                .forEach(o::apply);
        assertThatThrownBy(() -> o.receiveReturn(ret, UUID.randomUUID()))
                .as("nothing was asked back yet")
                .isInstanceOf(IllegalOrderTransition.class);

        List<OrderEvent> authorized = o.authorizeReturn(ret, "Post it to 1 Quay St");
        assertThat(authorized)
                .singleElement()
                .isEqualTo(new OrderEvent.ReturnAuthorized(o.orderId(), ret, A, "Post it to 1 Quay St"));
        authorized.forEach(o::apply);
        Order.Return r = o.returns().getFirst();
        assertThat(r.status()).isEqualTo("AWAITING_ITEMS");
        assertThat(r.instructions()).isEqualTo("Post it to 1 Quay St");
        assertThat(r.undecided()).as("answered: not the admins' business").isFalse();
        assertThat(o.escalateReturn(ret, T0.plus(Duration.ofDays(20))))
                .as("an answered return never escalates")
                .isEmpty();
        assertThat(o.authorizeReturn(ret, "again")).as("asked once").isEmpty();
        assertThat(o.complete(T0.plus(Duration.ofDays(60)), WINDOW))
                .as("items on their way hold completion")
                .isEmpty();
        assertThat(o.partOf(A).needsAction())
                .as("the seller must mark them received")
                .isTrue();

        UUID refund = UUID.randomUUID();
        var approved = (OrderEvent.ReturnApproved) o.receiveReturn(ret, refund).getFirst();
        assertThat(approved.refunds())
                .singleElement()
                .satisfies(g -> assertThat(g.refundId()).isEqualTo(refund));
        assertThat(approved.restock()).containsExactly(new StockLine(MUG, 1));
        o.apply(approved);
        assertThat(o.returns().getFirst().status()).isEqualTo("APPROVED");
        assertThatThrownBy(() -> o.receiveReturn(ret, UUID.randomUUID())).isInstanceOf(IllegalOrderTransition.class);
    }

    @Test
    void anAuthorizedReturnThatNeverArrivesCanBeRejected() {
        Order o = delivered();
        o.requestReturn(
                        ret,
                        A,
                        List.of(new StockLine(MUG, 1)),
                        ReturnReason.NO_LONGER_NEEDED,
                        null,
                        T0.plus(Duration.ofDays(5)),
                        WINDOW)
                .forEach(o::apply);
        o.authorizeReturn(ret, "Drop-off code 4411").forEach(o::apply);
        o.rejectReturn(ret, "never arrived").forEach(o::apply);
        assertThat(o.returns().getFirst().status()).isEqualTo("REJECTED");
        assertThat(o.complete(T0.plus(Duration.ofDays(60)), WINDOW)).isNotEmpty();
    }
}
