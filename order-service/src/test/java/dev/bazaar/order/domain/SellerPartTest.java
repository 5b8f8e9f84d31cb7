package dev.bazaar.order.domain;

import static dev.bazaar.order.domain.OrderTest.A;
import static dev.bazaar.order.domain.OrderTest.B;
import static dev.bazaar.order.domain.OrderTest.MUG;
import static dev.bazaar.order.domain.OrderTest.T0;
import static dev.bazaar.order.domain.OrderTest.WINDOW;
import static dev.bazaar.order.domain.OrderTest.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bazaar.contracts.messaging.Lines.StockLine;
import dev.bazaar.contracts.messaging.OrderEvent;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.contracts.shipping.TrackingLinks;
import dev.bazaar.kit.problem.ProblemException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A seller's part of an order holds their own group only, with its money, shipments and returns. */
class SellerPartTest {

    @Test
    void aSellersPartHasOnlyTheirLinesAndTheirMoney() {
        Order o = order(x -> x.pay(UUID.randomUUID(), x.total()));
        SellerPart a = o.partOf(A);
        assertThat(a.shopId()).isEqualTo(A);
        assertThat(a.lines()).extracting(l -> l.line().sku()).containsExactly("MUG-1", "LAMP-1");
        assertThat(a.subtotal()).isEqualTo(Money.usd(3 * 1_250 + 8_900));
        assertThat(a.shipping()).isEqualTo(Money.usd(500));
        assertThat(a.commission()).isEqualTo(Money.usd(375 + 890));
        // lines + shipping − commission; the tax is the platform's to remit
        assertThat(a.net()).isEqualTo(Money.usd(3 * 1_250 + 8_900 + 500 - 375 - 890));
        assertThat(a.status()).isEqualTo(GroupStatus.PAID);
        assertThat(a.needsAction()).isTrue();
        assertThat(a.shipments()).isEmpty();

        SellerPart b = o.partOf(B);
        assertThat(b.lines()).extracting(l -> l.line().sku()).containsExactly("RUG-1");
        assertThat(b.toString()).doesNotContain("MUG-1", "LAMP-1");
        assertThat(a.toString()).doesNotContain("RUG-1");
    }

    @Test
    void anotherShopHasNoPartOfTheOrder() {
        Order o = order(x -> x.pay(UUID.randomUUID(), x.total()));
        assertThatThrownBy(() -> o.partOf(UUID.randomUUID())).isInstanceOf(ProblemException.NotFound.class);
    }

    @Test
    void shipmentsReturnsAndRefundsAreTheSellersOwn() {
        UUID ret = UUID.randomUUID();
        UUID refund = UUID.randomUUID();
        Order o = order(
                x -> x.pay(UUID.randomUUID(), x.total()),
                x -> x.ship(A, "UPS", "1Z 999", T0.plusSeconds(60)),
                x -> x.ship(B, "Pigeon Post", "P-1", T0.plusSeconds(60)),
                x -> x.deliver(A, T0.plus(Duration.ofDays(2))),
                x -> x.requestReturn(
                        ret, A, List.of(new StockLine(MUG, 1)), "chipped", T0.plus(Duration.ofDays(3)), WINDOW));
        SellerPart pending = o.partOf(A);
        assertThat(pending.needsAction()).isTrue();
        assertThat(pending.returns()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo("chipped");
            assertThat(r.status()).isEqualTo("REQUESTED");
        });
        assertThat(pending.shipments()).singleElement().satisfies(s -> {
            assertThat(s.carrier()).isEqualTo("UPS");
            assertThat(s.trackingUrl()).isEqualTo("https://www.ups.com/track?tracknum=1Z+999");
        });
        assertThat(o.partOf(B).shipments().getFirst().trackingUrl()).isNull();
        assertThat(o.partOf(B).returns()).isEmpty();

        o.approveReturn(ret, refund).forEach(o::apply);
        OrderEvent.RefundIssued issued = (OrderEvent.RefundIssued)
                o.refundIssued(refund, A, Money.usd(1_400)).getFirst();
        o.apply(issued);
        SellerPart done = o.partOf(A);
        assertThat(done.needsAction()).isFalse();
        assertThat(done.lines())
                .filteredOn(l -> l.line().variantId().equals(MUG))
                .singleElement()
                .extracting(SellerPart.Line::returnedQuantity)
                .isEqualTo(1);
        assertThat(done.refunded()).isEqualTo(Money.usd(1_400));
        assertThat(o.partOf(B).refunded()).isEqualTo(Money.usd(0));
    }

    @Test
    void trackingLinksAreKnownCarriersOnlyAndEncoded() {
        assertThat(TrackingLinks.urlFor(" fedex ", "12 34")).contains("https://www.fedex.com/fedextrack/?trknbr=12+34");
        assertThat(TrackingLinks.urlFor("DHL", "a&b=c"))
                .hasValueSatisfying(u -> assertThat(u).endsWith("a%26b%3Dc"));
        assertThat(TrackingLinks.urlFor("Pigeon Post", "1")).isEmpty();
        assertThat(TrackingLinks.urlFor("UPS", " ")).isEmpty();
        assertThat(TrackingLinks.urlFor(null, "1")).isEmpty();
    }
}
