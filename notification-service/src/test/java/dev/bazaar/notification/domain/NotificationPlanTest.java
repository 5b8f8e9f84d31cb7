package dev.bazaar.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;

class NotificationPlanTest {

    private final UUID order = UUID.randomUUID();
    private final UUID mugs = UUID.randomUUID();
    private final UUID prints = UUID.randomUUID();
    private final UUID mug = UUID.randomUUID();
    private final UUID print = UUID.randomUUID();
    private final Map<UUID, String> owners = Map.of(mugs, "bob-subject", prints, "sam-subject");

    private OrderFacts twoSellerOrder() {
        OrderGroup a = OrderGroup.of(
                mugs,
                List.of(OrderLine.of(
                        mug, UUID.randomUUID(), "Blue mug", "MUG-1", 2, Money.usd(1_800), 800, Money.usd(288))),
                Money.usd(500),
                Money.usd(330));
        OrderGroup b = OrderGroup.of(
                prints,
                List.of(OrderLine.of(
                        print, UUID.randomUUID(), "Harbour print", "PR-1", 1, Money.usd(4_500), 800, Money.usd(360))),
                Money.usd(0),
                Money.usd(405));
        return new OrderFacts(order, "alice-subject", List.of(a, b), a.total().plus(b.total()));
    }

    private NotificationPlan plan(Optional<OrderFacts> facts) {
        return new NotificationPlan(
                facts,
                id -> Optional.ofNullable(owners.get(id)),
                id -> Optional.of(id.equals(mugs) ? "Bob's Mugs" : "Sam's Prints"));
    }

    @Test
    void aPaidTwoSellerOrderTellsEachSellerOnlyTheirLinesAndConfirmsToTheBuyerOnce() {
        OrderFacts f = twoSellerOrder();
        var result = plan(Optional.of(f)).of(new OrderEvent.OrderPaid(order, UUID.randomUUID(), f.total()));

        assertThat(result.missing().nothing()).isTrue();
        assertThat(result.planned())
                .extracting(p -> p.type() + " " + p.recipientSubject())
                .containsExactly(
                        "SELLER_NEW_ORDER bob-subject",
                        "SELLER_NEW_ORDER sam-subject",
                        "BUYER_ORDER_CONFIRMED alice-subject");
        var bob = result.planned().get(0).data();
        assertThat(bob.get("lines")).asString().contains("Blue mug").doesNotContain("Harbour print");
        assertThat(bob).containsEntry("groupTotal", "USD 44.30").containsEntry("orderId", order.toString());
        var sam = result.planned().get(1).data();
        assertThat(sam.get("lines")).asString().contains("Harbour print").doesNotContain("Blue mug");
        var alice = result.planned().get(2).data();
        assertThat(alice.get("groups")).asString().contains("Blue mug", "Harbour print", "Bob's Mugs");
        assertThat(alice).containsEntry("total", "USD 93.35").containsEntry("estimate", "");
    }

    @Test
    void theBuyersConfirmationRepeatsTheQuotesDisplayEstimate() {
        OrderFacts f = twoSellerOrder();
        OrderFacts shownInEuro =
                new OrderFacts(f.orderId(), f.buyerSubject(), f.groups(), f.total(), Money.of(8_588, "EUR"));
        var confirmation = plan(Optional.of(shownInEuro))
                .of(new OrderEvent.OrderPaid(order, UUID.randomUUID(), f.total()))
                .planned()
                .getLast();
        assertThat(confirmation.type()).isEqualTo(NotificationType.BUYER_ORDER_CONFIRMED);
        assertThat(confirmation.data()).containsEntry("estimate", "EUR 85.88").containsEntry("total", "USD 93.35");
    }

    @Test
    void aShopWhoseOwnerIsNotKnownYetIsReportedAndTheOthersArePlanned() {
        OrderFacts f = twoSellerOrder();
        var result = new NotificationPlan(
                        Optional.of(f),
                        id -> id.equals(mugs) ? Optional.of("bob") : Optional.empty(),
                        id -> Optional.empty())
                .of(new OrderEvent.OrderPaid(order, UUID.randomUUID(), f.total()));
        assertThat(result.planned()).extracting(p -> p.recipientSubject()).containsExactly("bob", "alice-subject");
        assertThat(result.missing().shops()).containsExactly(prints);
    }

    @Test
    void theSagasOwnCancellationOfAnUnpaidOrderIsNoNewsButARefundedOneIs() {
        var plan = plan(Optional.of(twoSellerOrder()));
        assertThat(plan.of(new OrderEvent.OrderCancelled(order, "payment declined", List.of(), List.of()))
                        .planned())
                .isEmpty();
        GroupRefund refund = GroupRefund.of(
                UUID.randomUUID(), mugs, Money.usd(3_600), Money.usd(500), Money.usd(330), Money.usd(288));
        var cancelled = plan.of(new OrderEvent.OrderCancelled(order, "buyer cancelled", List.of(refund), List.of()))
                .planned();
        assertThat(cancelled).singleElement().satisfies(p -> {
            assertThat(p.type()).isEqualTo(NotificationType.BUYER_ORDER_CANCELLED);
            assertThat(p.data()).containsEntry("refund", "USD 44.30").containsEntry("whole", true);
        });
    }

    @Test
    void aDispatchedParcelLinksToItsCarriersTrackingPageAndNamesItsLines() {
        var p = plan(Optional.of(twoSellerOrder()))
                .of(new OrderEvent.ShipmentDispatched(
                        order,
                        mugs,
                        " UPS ",
                        "1Z 999",
                        Instant.now(),
                        UUID.randomUUID(),
                        List.of(new StockLine(mug, 1))))
                .planned()
                .getFirst();
        assertThat(p.recipientSubject()).isEqualTo("alice-subject");
        assertThat(p.data()).containsEntry("trackingUrl", "https://www.ups.com/track?tracknum=1Z+999");
        assertThat(p.data().get("lines")).asString().contains("Blue mug");
        var unknownCarrier = plan(Optional.of(twoSellerOrder()))
                .of(new OrderEvent.ShipmentDispatched(order, mugs, "Pigeon", "42", Instant.now(), null, null))
                .planned()
                .getFirst();
        assertThat(unknownCarrier.data()).containsEntry("trackingUrl", "");
    }

    @Test
    void returnsGoToTheSellerAndDecisionsToTheBuyer() {
        var plan = plan(Optional.of(twoSellerOrder()));
        UUID ret = UUID.randomUUID();
        assertThat(plan.of(new OrderEvent.ReturnRequested(
                                order, ret, prints, List.of(new StockLine(print, 1)), "DAMAGED", "DAMAGED", "torn"))
                        .planned())
                .singleElement()
                .satisfies(p -> assertThat(p.recipientSubject()).isEqualTo("sam-subject"));
        assertThat(plan.of(new OrderEvent.ReturnEscalated(order, ret, prints, Instant.now()))
                        .planned())
                .singleElement()
                .satisfies(p -> assertThat(p.type()).isEqualTo(NotificationType.SELLER_RETURN_ESCALATED));
        assertThat(plan.of(new OrderEvent.ReturnRejected(order, ret, prints, "used"))
                        .planned())
                .singleElement()
                .satisfies(p -> assertThat(p.data())
                        .containsEntry("decision", "REJECTED")
                        .containsEntry("reason", "used"));
    }

    @Test
    void anEventOfAnOrderWhosePlacementWasNeverSeenPlansNothing() {
        var result = plan(Optional.empty()).of(new OrderEvent.GroupDelivered(order, mugs, Instant.now()));
        assertThat(result.planned()).isEmpty();
        assertThat(result.missing().facts()).isTrue();
    }

    @Test
    void everyDecisionOnALiveProductHasItsOwnEmailWithTheReasonWhenThereIsOne() {
        UUID product = UUID.randomUUID();
        Map<String, NotificationType> expected = Map.of(
                ProductEvent.ProductModerated.TAKEN_DOWN, NotificationType.SELLER_PRODUCT_TAKEN_DOWN,
                ProductEvent.ProductModerated.REINSTATED, NotificationType.SELLER_PRODUCT_REINSTATED,
                ProductEvent.ProductModerated.REVISION_APPROVED, NotificationType.SELLER_PRODUCT_REVISION_APPROVED,
                ProductEvent.ProductModerated.REVISION_REJECTED, NotificationType.SELLER_PRODUCT_REVISION_REJECTED);
        expected.forEach((decision, type) -> {
            String reason = decision.endsWith("APPROVED") || decision.equals("REINSTATED") ? null : "why: " + decision;
            var planned = plan(Optional.empty())
                    .of(new ProductEvent.ProductModerated(product, mugs, "Blue mug", decision, reason));
            assertThat(planned.planned()).as(decision).singleElement().satisfies(p -> {
                assertThat(p.type()).isEqualTo(type);
                assertThat(p.recipientSubject()).isEqualTo("bob-subject");
                if (reason == null) {
                    assertThat(p.data()).doesNotContainKey("reason");
                } else {
                    assertThat(p.data()).containsEntry("reason", reason);
                }
            });
        });
        assertThat(NotificationType.SELLER_PRODUCT_TAKEN_DOWN.subject("Bazaar", Map.of("title", "Blue mug")))
                .isEqualTo("[Bazaar] Your product Blue mug was taken down");
        assertThat(NotificationType.SELLER_PRODUCT_REVISION_REJECTED.subject("Bazaar", Map.of("title", "Blue mug")))
                .isEqualTo("[Bazaar] Your changes to Blue mug were not approved");
    }

    @Test
    void anAdminsDecisionOnAProductGoesToItsShopsOwnerWithTheReasonOfARejection() {
        UUID product = UUID.randomUUID();
        var rejected = plan(Optional.empty())
                .of(new ProductEvent.ProductModerated(
                        product, mugs, "Blue mug", ProductEvent.ProductModerated.REJECTED, "blurry photos"));
        assertThat(rejected.planned()).singleElement().satisfies(p -> {
            assertThat(p.type()).isEqualTo(NotificationType.SELLER_PRODUCT_REJECTED);
            assertThat(p.recipientSubject()).isEqualTo("bob-subject");
            assertThat(p.data())
                    .containsEntry("productId", product.toString())
                    .containsEntry("title", "Blue mug")
                    .containsEntry("reason", "blurry photos");
            assertThat(p.type().subject("Bazaar", p.data()))
                    .isEqualTo("[Bazaar] Your product Blue mug was not approved");
        });
        var approved = plan(Optional.empty())
                .of(new ProductEvent.ProductModerated(
                        product, prints, "Harbour print", ProductEvent.ProductModerated.APPROVED, null));
        assertThat(approved.planned()).singleElement().satisfies(p -> {
            assertThat(p.type()).isEqualTo(NotificationType.SELLER_PRODUCT_APPROVED);
            assertThat(p.recipientSubject()).isEqualTo("sam-subject");
            assertThat(p.data()).doesNotContainKey("reason");
        });
        // a shop whose owner is not known yet: reported, so the event waits for it
        UUID unknown = UUID.randomUUID();
        var waiting = plan(Optional.empty())
                .of(new ProductEvent.ProductModerated(
                        product, unknown, "x", ProductEvent.ProductModerated.APPROVED, null));
        assertThat(waiting.planned()).isEmpty();
        assertThat(waiting.missing().shops()).containsExactly(unknown);
        // what search and carts need is no news for sellers
        assertThat(plan(Optional.empty())
                        .of(new ProductEvent.StockChanged(product, UUID.randomUUID(), 0))
                        .planned())
                .isEmpty();
    }

    @Test
    void aShopsApprovalRejectionAndSuspensionGoToTheOwnerTheEventNamesAndItsPolicyIsNoNews() {
        UUID fresh = UUID.randomUUID(); // not in the replica yet: the event names its owner
        var plan = plan(Optional.empty());
        assertThat(plan.of(new ShopEvent.ShopApproved(fresh, "tom-subject", "toms", "Tom's Tools", "US"))
                        .planned())
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.type()).isEqualTo(NotificationType.SELLER_SHOP_APPROVED);
                    assertThat(p.recipientSubject()).isEqualTo("tom-subject");
                    assertThat(p.type().subject("Bazaar", p.data()))
                            .isEqualTo("[Bazaar] Your shop Tom's Tools is approved: you can sell");
                });
        var noName = new NotificationPlan(Optional.empty(), id -> Optional.empty(), id -> Optional.empty());
        assertThat(noName.of(new ShopEvent.ShopRejected(fresh, "tom-subject", "no address"))
                        .planned())
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.type()).isEqualTo(NotificationType.SELLER_SHOP_REJECTED);
                    assertThat(p.data()).containsEntry("reason", "no address").containsEntry("shopName", "");
                    assertThat(p.type().subject("Bazaar", p.data())).isEqualTo("[Bazaar] Your shop was not approved");
                });
        assertThat(plan.of(new ShopEvent.ShopSuspended(mugs, "bob-subject", "late shipping"))
                        .planned())
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.type()).isEqualTo(NotificationType.SELLER_SHOP_SUSPENDED);
                    assertThat(p.data())
                            .containsEntry("reason", "late shipping")
                            .containsEntry("shopName", "Bob's Mugs");
                });
        assertThat(plan.of(new ShopEvent.ShopPolicyChanged(mugs, "bob-subject", 14))
                        .planned())
                .isEmpty();
    }

    @Test
    void aDisputeTellsEachSellerOfTheOrderTheirOwnPartAndNeedsTheOrdersFacts() {
        OrderFacts f = twoSellerOrder();
        var event = new PaymentEvent.DisputeOpened(
                order, UUID.randomUUID(), UUID.randomUUID(), f.total(), "product_not_received");
        assertThat(NotificationPlan.shopsOf(event, Optional.of(f))).containsExactly(mugs, prints);
        var result = plan(Optional.of(f)).of(event);
        assertThat(result.missing().nothing()).isTrue();
        assertThat(result.planned())
                .extracting(p -> p.type() + " " + p.recipientSubject())
                .containsExactly("SELLER_DISPUTE_OPENED bob-subject", "SELLER_DISPUTE_OPENED sam-subject");
        var bob = result.planned().getFirst();
        assertThat(bob.data())
                .containsEntry("amount", "USD 93.35")
                .containsEntry("groupTotal", "USD 44.30")
                .containsEntry("reason", "product not received")
                .containsEntry("orderId", order.toString());
        assertThat(bob.data().get("lines")).asString().contains("Blue mug").doesNotContain("Harbour print");
        assertThat(bob.type().subject("Bazaar", bob.data()))
                .isEqualTo("[Bazaar] Payment of order " + NotificationPlan.orderRef(order) + " disputed by the buyer");

        assertThat(plan(Optional.empty()).of(event).missing().facts()).isTrue();
        var oneUnknown = new NotificationPlan(
                        Optional.of(f),
                        id -> id.equals(mugs) ? Optional.of("bob") : Optional.empty(),
                        id -> Optional.empty())
                .of(event);
        assertThat(oneUnknown.planned()).extracting(p -> p.recipientSubject()).containsExactly("bob");
        assertThat(oneUnknown.missing().shops()).containsExactly(prints);
    }

    @Test
    void everyTypeHasSampleData() {
        for (NotificationType t : NotificationType.values()) {
            String key = t.name().contains("PAYOUT")
                    ? "amount"
                    : t.name().contains("PRODUCT") ? "productId" : t.name().contains("SHOP") ? "shopId" : "orderId";
            assertThat(Samples.data(t)).as(t.name()).containsKey(key);
        }
    }
}
