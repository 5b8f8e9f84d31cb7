package dev.bazaar.order.service;

import dev.bazaar.kit.web.Page;
import dev.bazaar.kit.web.PageRequest;
import dev.bazaar.order.domain.SellerOrderList;
import dev.bazaar.order.persistence.ProjectionGenerations;
import dev.bazaar.order.persistence.SellerOrderView;
import dev.bazaar.order.persistence.SellerOrderViews;
import dev.bazaar.order.persistence.SellerShopView;
import dev.bazaar.order.persistence.SellerShopViews;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The seller's order list and dashboard (ADR 0033). Both are answered from the shop's {@code seller_shops} document
 * and, for the dashboard, one {@code seller_days} document — reads by {@code _id} only. The list's page comes from the
 * shop's head of newest groups whenever the head holds it (the default first page always, any page of a shop with
 * fewer groups than the head keeps, a status or needs-action first page the newest groups hold); any other page, and any answer while the generation is not complete
 * (filled before these documents existed, until a rebuild), is the {@code seller_orders} query as before. The answers
 * are the same either way.
 */
@ApplicationScoped
public class SellerOrders {

    private final ProjectionGenerations generations;
    private final SellerShopViews shops;
    private final SellerOrderViews groups;

    public SellerOrders(ProjectionGenerations generations, SellerShopViews shops, SellerOrderViews groups) {
        this.generations = generations;
        this.shops = shops;
        this.groups = groups;
    }

    /** One page of the shop's groups, newest first, narrowed by {@code filter}, with the total that match. */
    public Uni<Page<SellerOrderView>> list(String shopId, SellerOrderViews.Filter filter, PageRequest page) {
        SellerOrderList.Criteria criteria =
                new SellerOrderList.Criteria(filter.status(), filter.from(), filter.until(), filter.needsAction());
        return generations
                .active()
                .flatMap(suffix -> shops.listing(suffix, shopId))
                .flatMap(shop -> shop.flatMap(s -> fromHead(s, criteria, page))
                        .map(p -> Uni.createFrom().item(p))
                        .orElseGet(() -> groups.forShop(shopId, filter, page)));
    }

    private static Optional<Page<SellerOrderView>> fromHead(
            SellerShopView shop, SellerOrderList.Criteria criteria, PageRequest page) {
        List<SellerOrderView> head = shop.head == null ? List.of() : shop.head;
        long rows = shop.rows == null ? 0 : shop.rows;
        Long counted = criteria.counter().map(c -> counter(shop, c)).orElse(null);
        return SellerOrderList.page(
                        head,
                        head.size() < SellerOrderList.HEAD && head.size() >= rows,
                        v -> criteria.matches(v.status, v.placedAt, Boolean.TRUE.equals(v.needsAction)),
                        page.offset(),
                        page.size(),
                        counted)
                .map(s -> Page.of(s.items(), page, s.total()));
    }

    private static long counter(SellerShopView shop, String name) {
        if (name.equals(SellerOrderList.ROWS)) {
            return shop.rows == null ? 0 : shop.rows;
        }
        if (name.equals(SellerOrderList.NEEDS_ACTION)) {
            return shop.needsAction == null ? 0 : shop.needsAction;
        }
        String status = name.substring(SellerOrderList.STATUS.length() + 1);
        Map<String, Long> statuses = shop.status == null ? Map.of() : shop.status;
        return statuses.getOrDefault(status, 0L);
    }

    /**
     * The dashboard at {@code now}: groups to ship, returns to decide, and sales (group totals, sold statuses) placed
     * since the start of today (UTC) and in the last 30 days.
     */
    public Uni<SellerOrderViews.Summary> summary(String shopId, Instant now) {
        Instant today = now.truncatedTo(ChronoUnit.DAYS);
        Instant thirtyDaysAgo = now.minus(Duration.ofDays(30));
        return generations
                .active()
                .flatMap(suffix -> shops.dashboard(suffix, shopId, SellerOrderList.day(thirtyDaysAgo))
                        .flatMap(d -> d.map(x -> {
                                    SellerOrderList.Figures f = SellerOrderList.dashboard(
                                            x.statuses(),
                                            x.openReturns(),
                                            x.days(),
                                            x.firstDay(),
                                            today,
                                            thirtyDaysAgo);
                                    return Uni.createFrom()
                                            .item(new SellerOrderViews.Summary(
                                                    f.toShip(),
                                                    f.returnsToDecide(),
                                                    f.salesToday(),
                                                    f.salesLast30Days(),
                                                    f.ordersLast30Days()));
                                })
                                .orElseGet(() -> groups.summary(shopId, today, thirtyDaysAgo))));
    }
}
