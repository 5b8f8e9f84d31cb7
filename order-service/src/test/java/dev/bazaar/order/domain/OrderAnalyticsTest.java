package dev.bazaar.order.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.contracts.messaging.Lines.OrderGroup;
import dev.bazaar.contracts.messaging.Lines.OrderLine;
import dev.bazaar.contracts.messaging.Lines.StockLine;
import dev.bazaar.contracts.messaging.OrderEvent;
import dev.bazaar.contracts.money.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** One order's contribution: paid groups on the day placed, per shop, category and platform; refunds and returns by their day. */
class OrderAnalyticsTest {

    final UUID shopA = UUID.randomUUID();
    final UUID shopB = UUID.randomUUID();
    final UUID cat = UUID.randomUUID();
    final UUID mug = UUID.randomUUID();
    final UUID order = UUID.randomUUID();
    final Instant placedAt = Instant.parse("2024-02-29T23:30:00Z");
    final List<OrderAnalytics.Recorded> recorded = new ArrayList<>();
    final Order o = Order.empty();

    void record(List<OrderEvent> events, Instant at) {
        events.forEach(e -> {
            o.apply(e);
            recorded.add(new OrderAnalytics.Recorded(e, at));
        });
    }

    Map<String, Long> cell(String scope, String day) {
        return OrderAnalytics.of(o, recorded).cells().getOrDefault(scope + ":" + day, Map.of());
    }

    @Test
    void paidGroupsCountOnTheDayPlacedAndRefundsAndReturnsOnTheirOwn() {
        OrderGroup a = OrderGroup.of(
                shopA,
                List.of(
                        OrderLine.of(
                                mug, UUID.randomUUID(), "Mug", "MUG", 3, Money.usd(1_250), 1_000, Money.usd(375), cat),
                        OrderLine.of(
                                UUID.randomUUID(),
                                UUID.randomUUID(),
                                "Lamp",
                                "L",
                                1,
                                Money.usd(2_000),
                                1_000,
                                Money.usd(200))),
                Money.usd(500),
                Money.usd(0));
        OrderGroup b = OrderGroup.of(
                shopB,
                List.of(OrderLine.of(
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        "Rug",
                        "R",
                        1,
                        Money.usd(15_900),
                        800,
                        Money.usd(1_272),
                        cat)),
                Money.usd(0),
                Money.usd(0));
        record(
                o.place(new OrderEvent.OrderPlaced(
                        order,
                        UUID.randomUUID(),
                        "buyer",
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        List.of(a, b),
                        a.total().plus(b.total()),
                        placedAt)),
                placedAt);
        assertThat(OrderAnalytics.of(o, recorded).cells()).isEmpty(); // placed, not paid: nothing yet

        record(o.pay(UUID.randomUUID(), o.total()), placedAt);
        String day = "2024-02-29";
        assertThat(cell("s:" + shopA, day))
                .isEqualTo(Map.of("gmv", 5_750L, "commission", 575L, "items", 4L, "orders", 1L));
        assertThat(cell("c:" + cat, day))
                .isEqualTo(Map.of("gmv", 19_650L, "commission", 1_647L, "items", 4L, "orders", 1L));
        assertThat(cell("c:uncategorised", day)).containsEntry("gmv", 2_000L).containsEntry("orders", 1L);
        assertThat(cell("p:all", day))
                .isEqualTo(Map.of("gmv", 21_650L, "commission", 1_847L, "items", 5L, "orders", 1L));
        assertThat(OrderAnalytics.of(o, recorded).products())
                .hasSize(3)
                .allSatisfy((k, v) -> assertThat(k).contains(":2024-02:"));

        Instant later = Instant.parse("2024-03-10T08:00:00Z");
        record(o.sellerCancel(shopB, "none left"), later);
        assertThat(cell("s:" + shopB, day)).isEmpty();
        assertThat(cell("c:" + cat, day)).containsEntry("gmv", 3_750L);
        record(o.ship(shopA, "UPS", "1", later), later);
        record(o.deliver(shopA, later), later);
        UUID ret = UUID.randomUUID();
        UUID refund = UUID.randomUUID();
        record(
                o.requestReturn(ret, shopA, List.of(new StockLine(mug, 2)), "chipped", later, Duration.ofDays(30)),
                later);
        record(o.approveReturn(ret, refund), later);
        record(o.refundIssued(refund, shopA, Money.usd(2_500)), later);
        assertThat(cell("s:" + shopA, "2024-03-10"))
                .isEqualTo(Map.of("returnedItems", 2L, "refunds", 2_500L, "refundCount", 1L));
        assertThat(cell("c:" + cat, "2024-03-10")).isEqualTo(Map.of("returnedItems", 2L));
        assertThat(cell("p:all", "2024-03-10")).containsEntry("refunds", 2_500L).containsEntry("refundCount", 1L);
        assertThat(cell("p:all", day)).containsEntry("gmv", 5_750L); // the sale stays on its own day
    }

    @Test
    void noOrderContributesNothing() {
        assertThat(OrderAnalytics.of(Order.empty(), List.of()).cells()).isEmpty();
    }
}
