package dev.bazaar.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.contracts.messaging.Lines.OrderGroup;
import dev.bazaar.contracts.messaging.Lines.OrderLine;
import dev.bazaar.contracts.messaging.Lines.StockLine;
import dev.bazaar.contracts.messaging.OrderEvent;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.order.config.OrderConfig;
import dev.bazaar.order.service.OrderCompletion;
import dev.bazaar.order.service.Orders;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Order completion pages through its due list (#20, scenario 7): orders that cannot complete yet (a return still open)
 * are passed over and never stop the ones behind them, however many there are. Before, one query took 500 orders in
 * no order from a full scan: 500 that could never complete stalled every other order for good.
 */
@QuarkusTest
class OrderCompletionTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Pool pool;

    @Inject
    Orders orders;

    @Inject
    OrderCompletion completion;

    @Inject
    OrderConfig config;

    final UUID shop = UUID.randomUUID();
    final UUID variant = UUID.randomUUID();

    /** A paid, shipped and delivered one-group order; a return requested when {@code stuck}. */
    UUID delivered(Instant deliveredAt, boolean stuck) {
        UUID order = UUID.randomUUID();
        OrderGroup g = OrderGroup.of(
                shop,
                List.of(OrderLine.of(
                        variant, UUID.randomUUID(), "Mug", "MUG", 2, Money.usd(1_250), 1_000, Money.usd(250))),
                Money.usd(500),
                Money.usd(200));
        run(
                order,
                o -> o.place(new OrderEvent.OrderPlaced(
                        order,
                        UUID.randomUUID(),
                        "buyer-" + order,
                        UUID.randomUUID(),
                        UUID.randomUUID(),
                        List.of(g),
                        g.total(),
                        deliveredAt.minus(Duration.ofDays(3)))));
        run(order, o -> o.pay(UUID.randomUUID(), g.total()));
        run(order, o -> o.ship(shop, "UPS", "1Z", deliveredAt.minus(Duration.ofDays(2))));
        run(order, o -> o.deliver(shop, deliveredAt));
        if (stuck) {
            run(
                    order,
                    o -> o.requestReturn(
                            UUID.randomUUID(),
                            shop,
                            List.of(new StockLine(variant, 1)),
                            "broken",
                            deliveredAt.plus(Duration.ofDays(1)),
                            Duration.ofDays(30)));
        }
        return order;
    }

    void run(UUID order, java.util.function.Function<dev.bazaar.order.domain.Order, List<OrderEvent>> decide) {
        orders.execute(order, null, decide, Orders.After.NOTHING).await().atMost(WAIT);
    }

    boolean completed(UUID order) {
        return pool.preparedQuery("SELECT count(*) FROM order_event WHERE order_id = $1 AND type = 'OrderCompleted'")
                        .execute(Tuple.of(order))
                        .await()
                        .atMost(WAIT)
                        .iterator()
                        .next()
                        .getLong(0)
                == 1;
    }

    long dueRows(UUID order) {
        return pool.preparedQuery("SELECT count(*) FROM order_completion_due WHERE order_id = $1")
                .execute(Tuple.of(order))
                .await()
                .atMost(WAIT)
                .iterator()
                .next()
                .getLong(0);
    }

    @Test
    void ordersThatCannotCompleteNeverHideTheOnesBehindThem() {
        // far in the past, so that they come first in the due list: more than a page of them that cannot complete
        Instant longAgo = Instant.parse("2001-01-01T00:00:00Z");
        List<UUID> stuck = new ArrayList<>();
        for (int i = 0; i < config.completionPageSize() * 2 + 5; i++) {
            stuck.add(delivered(longAgo.plusSeconds(i), true));
        }
        UUID ready = delivered(longAgo.plus(Duration.ofDays(1)), false);
        assertThat(dueRows(ready))
                .as("a delivery puts the order on the due list")
                .isEqualTo(1);

        int completed =
                completion.runOnce(longAgo.plus(Duration.ofDays(40))).await().atMost(Duration.ofMinutes(5));
        assertThat(completed).isGreaterThanOrEqualTo(1);
        assertThat(completed(ready))
                .as("completed behind %d that cannot", stuck.size())
                .isTrue();
        assertThat(dueRows(ready)).as("and off the list").isZero();
        assertThat(stuck).noneMatch(this::completed);
        assertThat(stuck).allMatch(o -> dueRows(o) == 1);
    }
}
