package dev.bazaar.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.notification.domain.InboxRules.Item;
import dev.bazaar.notification.domain.NotificationPlan.Planned;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InboxRulesTest {

    private final UUID order = UUID.fromString("c0ffee00-1234-4abc-8def-000000000001");

    private Map<String, Object> orderData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orderId", order.toString());
        data.put("orderRef", NotificationPlan.orderRef(order));
        return data;
    }

    @Test
    void sellersSeeTheirNotificationsWithTheSubjectAsTitleAndTheOrderAsLinkBuyersNothing() {
        List<Item> items = InboxRules.itemsOf(List.of(
                new Planned(NotificationType.SELLER_NEW_ORDER, "bob-subject", orderData()),
                new Planned(NotificationType.SELLER_NEW_ORDER, "sam-subject", orderData()),
                new Planned(NotificationType.BUYER_ORDER_CONFIRMED, "alice-subject", orderData())));

        assertThat(items)
                .containsExactly(
                        new Item(
                                "bob-subject",
                                NotificationType.SELLER_NEW_ORDER,
                                "New order C0FFEE00 to ship",
                                "/orders/" + order),
                        new Item(
                                "sam-subject",
                                NotificationType.SELLER_NEW_ORDER,
                                "New order C0FFEE00 to ship",
                                "/orders/" + order));
    }

    @Test
    void anEscalatedReturnAlsoGoesToTheAdminsSharedInboxOnce() {
        Map<String, Object> data = orderData();
        data.put("returnId", UUID.randomUUID().toString());
        List<Item> items = InboxRules.itemsOf(List.of(
                new Planned(NotificationType.SELLER_RETURN_ESCALATED, "bob-subject", data),
                new Planned(NotificationType.SELLER_RETURN_ESCALATED, "sam-subject", data)));

        assertThat(items).extracting(Item::recipient).containsExactly("bob-subject", InboxRules.ADMINS, "sam-subject");
        assertThat(items.get(1))
                .isEqualTo(new Item(
                        InboxRules.ADMINS,
                        NotificationType.SELLER_RETURN_ESCALATED,
                        "Return on order C0FFEE00 escalated to the marketplace",
                        "/admin#returns"));
        assertThat(InboxRules.forAdmins(NotificationType.SELLER_NEW_ORDER)).isFalse();
        assertThat(InboxRules.forAdmins(NotificationType.SELLER_DISPUTE_OPENED))
                .as("a dispute needs the marketplace")
                .isTrue();
    }

    @Test
    void aProductsNewsLinksToTheProduct() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("productId", "7d0c1f0e-0000-4000-8000-000000000001");
        data.put("title", "Blue vase");
        assertThat(InboxRules.sellerLink(data)).isEqualTo("/products/7d0c1f0e-0000-4000-8000-000000000001");
    }

    @Test
    void payoutsLinkToThePayoutsPage() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("payoutId", UUID.randomUUID().toString());
        data.put("amount", "USD 12.00");
        assertThat(InboxRules.itemsOf(List.of(new Planned(NotificationType.SELLER_PAYOUT_FAILED, "bob-subject", data))))
                .containsExactly(new Item(
                        "bob-subject",
                        NotificationType.SELLER_PAYOUT_FAILED,
                        "Payout of USD 12.00 failed",
                        "/payouts"));
    }

    @Test
    void everyAdminTypeHasAPortalLink() {
        InboxRules.FOR_ADMINS.forEach((type, link) -> assertThat(link).startsWith("/"));
    }
}
