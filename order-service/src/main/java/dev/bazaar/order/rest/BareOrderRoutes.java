package dev.bazaar.order.rest;

import dev.bazaar.contracts.messaging.Lines.OrderGroup;
import dev.bazaar.contracts.messaging.Lines.OrderLine;
import dev.bazaar.contracts.messaging.OrderEvent;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.kit.web.PageRequest;
import dev.bazaar.order.config.OrderConfig;
import dev.bazaar.order.persistence.SellerOrderViews;
import dev.bazaar.order.service.Orders;
import dev.bazaar.order.service.SellerOrders;
import io.smallrye.mutiny.Multi;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The seller benchmark's seed and yardsticks (bench/run-seller), registered only when
 * {@code bazaar.orders.bench-endpoints=true} (the {@code load} and {@code bench} profiles). Never in production.
 * <ul>
 * <li>{@code POST /bench/seed/seller-orders?shop=&n=} places and pays {@code n} one-line orders for a shop through the
 * real write path (the event store, the outbox, then the projection over Kafka), placed over the last 60 days; with
 * {@code buyers=<subject>,<subject>…} they are placed now, in turn by those buyers (bench/run-notifications: a burst
 * of orders whose emails reach real users);</li>
 * <li>{@code GET /bench/bare/seller-orders?shop=} the list's store calls alone (first page and count: the shop's
 * document read by {@code _id}, ADR 0033), no token, no shop lookup, no mapping;
 * {@code GET /bench/bare/seller-summary?shop=} the dashboard's store calls alone.</li>
 * </ul>
 */
@ApplicationScoped
public class BareOrderRoutes {

    private static final Logger LOG = Logger.getLogger(BareOrderRoutes.class);

    void register(@Observes Router router, OrderConfig config, Orders orders, SellerOrders views, Clock clock) {
        if (!config.benchEndpoints()) {
            return;
        }
        LOG.warn("bench endpoints are ON (/bench/*): never enable bazaar.orders.bench-endpoints in production");
        router.post("/bench/seed/seller-orders").handler(ctx -> {
            UUID shop = uuid(ctx, "shop");
            int n = Integer.parseInt(ctx.request().getParam("n", "1000"));
            String buyersParam = ctx.request().getParam("buyers", "");
            List<String> buyers = buyersParam.isBlank() ? List.of() : List.of(buyersParam.split(",", 10_000));
            if (shop == null || n < 1 || n > 100_000) {
                ctx.response().setStatusCode(400).end("shop (a UUID) and n (1..100000) are required");
                return;
            }
            Instant now = clock.instant();
            Multi.createFrom()
                    .range(0, n)
                    .onItem()
                    .transformToUni(i -> {
                        UUID order = UUID.randomUUID();
                        long price = 500L + (i % 50) * 100L;
                        OrderGroup g = OrderGroup.of(
                                shop,
                                List.of(OrderLine.of(
                                        UUID.randomUUID(),
                                        UUID.randomUUID(),
                                        "Bench item " + i,
                                        "BENCH-" + i,
                                        1 + i % 3,
                                        Money.usd(price),
                                        1_000,
                                        Money.usd(price * (1 + i % 3) / 10))),
                                Money.usd(500),
                                Money.usd(0));
                        Instant placed = buyers.isEmpty()
                                ? now.minus(Duration.ofMinutes((long) i * 60 * 24 * 60 / n))
                                : clock.instant();
                        String buyer = buyers.isEmpty() ? "bench-buyer-" + (i % 100) : buyers.get(i % buyers.size());
                        var event = new OrderEvent.OrderPlaced(
                                order,
                                UUID.randomUUID(),
                                buyer,
                                UUID.randomUUID(),
                                UUID.randomUUID(),
                                List.of(g),
                                g.total(),
                                placed);
                        return orders.execute(order, null, o -> o.place(event), Orders.After.NOTHING)
                                .flatMap(o -> orders.execute(
                                        order, null, x -> x.pay(UUID.randomUUID(), x.total()), Orders.After.NOTHING));
                    })
                    .merge(8)
                    .collect()
                    .with(java.util.stream.Collectors.counting())
                    .subscribe()
                    .with(
                            count -> ctx.response()
                                    .putHeader("Content-Type", "application/json")
                                    .end(new JsonObject().put("orders", count).encode()),
                            e -> fail(ctx, e));
        });
        router.get("/bench/bare/seller-orders").handler(ctx -> {
            UUID shop = uuid(ctx, "shop");
            if (shop == null) {
                ctx.response().setStatusCode(400).end("shop (a UUID) is required");
                return;
            }
            views.list(shop.toString(), new SellerOrderViews.Filter(null, null, null, false), new PageRequest())
                    .subscribe()
                    .with(
                            page -> ctx.response()
                                    .putHeader("Content-Type", "application/json")
                                    .end(Json.encode(page)),
                            e -> fail(ctx, e));
        });
        router.get("/bench/bare/seller-summary").handler(ctx -> {
            UUID shop = uuid(ctx, "shop");
            if (shop == null) {
                ctx.response().setStatusCode(400).end("shop (a UUID) is required");
                return;
            }
            views.summary(shop.toString(), clock.instant())
                    .subscribe()
                    .with(
                            s -> ctx.response()
                                    .putHeader("Content-Type", "application/json")
                                    .end(Json.encode(s)),
                            e -> fail(ctx, e));
        });
    }

    private static UUID uuid(RoutingContext ctx, String name) {
        try {
            return UUID.fromString(ctx.request().getParam(name));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A bench call failed: the benchmark counts the 500; the log keeps the cause (the body is only its message). */
    private static void fail(RoutingContext ctx, Throwable e) {
        LOG.errorf(
                e,
                "bench call %s %s failed",
                ctx.request().method(),
                ctx.request().path());
        ctx.response().setStatusCode(500).end(String.valueOf(e.getMessage()));
    }
}
