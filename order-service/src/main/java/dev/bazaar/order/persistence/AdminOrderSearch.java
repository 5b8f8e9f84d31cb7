package dev.bazaar.order.persistence;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.quarkus.mongodb.FindOptions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.conversions.Bson;

/**
 * The admins' order search over the read models: by order id, buyer, shop and placed time, newest first, a bounded page
 * at a time after a keyset cursor (placed time, order id). The admins search rarely and the filters other than the
 * order id are not indexed for it (the devstack's MongoDB uses only {@code _id} and unique single-field indexes), so a
 * search may scan: the page size is capped and the cursor keeps each page's work to one bounded read.
 * <p>
 * With a shop, the shop's groups ({@code seller_orders}) are read first and their orders looked up by id; without one,
 * the orders ({@code buyer_orders}) are read directly. Either way each order comes back with its shops.
 */
@ApplicationScoped
public class AdminOrderSearch {

    /** What to look for; null = any. {@code from} inclusive, {@code until} exclusive (placed time). */
    public record Criteria(String orderId, String buyerSubject, String shopId, Instant from, Instant until) {}

    /** Where a page starts: after the order placed at {@code placedAt} with id {@code orderId} (newest first). */
    public record After(Instant placedAt, String orderId) {}

    /** One shop's part of a found order and its status. */
    public record ShopPart(String shopId, String status) {}

    /** A found order, as its buyer's list shows it, with the shops it was bought from. */
    public record Found(
            String orderId,
            String buyerSubject,
            String status,
            Instant placedAt,
            MoneyAmount total,
            int itemCount,
            List<ShopPart> shops) {}

    /** A page of results; {@code next}: where the next page starts, null when this is the last. */
    public record Result(List<Found> items, After next) {}

    private final BuyerOrderViews buyers;
    private final SellerOrderViews sellers;
    private final ProjectionGenerations generations;

    public AdminOrderSearch(BuyerOrderViews buyers, SellerOrderViews sellers, ProjectionGenerations generations) {
        this.buyers = buyers;
        this.sellers = sellers;
        this.generations = generations;
    }

    /** Up to {@code limit} orders matching {@code criteria}, newest first, after {@code after} (null: the newest). */
    public Uni<Result> search(Criteria criteria, After after, int limit) {
        return generations
                .active()
                .flatMap(suffix -> criteria.shopId() == null
                        ? byOrder(suffix, criteria, after, limit)
                        : byShop(suffix, criteria, after, limit));
    }

    private Uni<Result> byOrder(String suffix, Criteria c, After after, int limit) {
        List<Bson> where = common(c, after, "_id");
        if (c.buyerSubject() != null) {
            where.add(Filters.eq("buyerSubject", c.buyerSubject()));
        }
        FindOptions options = new FindOptions()
                .filter(where.isEmpty() ? Filters.empty() : Filters.and(where))
                .sort(Sorts.orderBy(Sorts.descending("placedAt"), Sorts.descending("_id")))
                .limit(limit + 1);
        return buyers.in(suffix)
                .find(options)
                .collect()
                .asList()
                .flatMap(found -> withShops(
                        suffix, found.size() > limit ? found.subList(0, limit) : found, found.size() > limit));
    }

    /**
     * The shop's groups first (the page is cut there), then their orders; a buyer named too is checked on the orders,
     * so such a page may hold fewer than {@code limit} with more to come.
     */
    private Uni<Result> byShop(String suffix, Criteria c, After after, int limit) {
        List<Bson> where = common(c, after, "orderId");
        where.add(Filters.eq("shopId", c.shopId()));
        FindOptions options = new FindOptions()
                .filter(Filters.and(where))
                .sort(Sorts.orderBy(Sorts.descending("placedAt"), Sorts.descending("orderId")))
                .limit(limit + 1);
        return sellers.in(suffix).find(options).collect().asList().flatMap(groups -> {
            boolean more = groups.size() > limit;
            List<SellerOrderView> page = more ? groups.subList(0, limit) : groups;
            List<String> ids = page.stream().map(g -> g.orderId).toList();
            if (ids.isEmpty()) {
                return Uni.createFrom().item(new Result(List.of(), null));
            }
            return buyers.in(suffix)
                    .find(Filters.in("_id", ids))
                    .collect()
                    .asList()
                    .flatMap(orders -> {
                        Map<String, BuyerOrderView> byId = new LinkedHashMap<>();
                        orders.forEach(o -> byId.put(o.id, o));
                        List<BuyerOrderView> kept = new ArrayList<>();
                        for (String id : ids) {
                            BuyerOrderView o = byId.get(id);
                            if (o != null
                                    && (c.buyerSubject() == null
                                            || c.buyerSubject().equals(o.buyerSubject))) {
                                kept.add(o);
                            }
                        }
                        After next = more ? new After(page.getLast().placedAt, page.getLast().orderId) : null;
                        return withShops(suffix, kept, false).map(r -> new Result(r.items(), next));
                    });
        });
    }

    /** The order id, placed-time and cursor conditions; {@code idField}: the order id's field in the collection. */
    private static List<Bson> common(Criteria c, After after, String idField) {
        List<Bson> where = new ArrayList<>();
        if (c.orderId() != null) {
            where.add(Filters.eq(idField, c.orderId()));
        }
        if (c.from() != null) {
            where.add(Filters.gte("placedAt", c.from()));
        }
        if (c.until() != null) {
            where.add(Filters.lt("placedAt", c.until()));
        }
        if (after != null) {
            where.add(Filters.or(
                    Filters.lt("placedAt", after.placedAt()),
                    Filters.and(Filters.eq("placedAt", after.placedAt()), Filters.lt(idField, after.orderId()))));
        }
        return where;
    }

    /** The orders with the shops of each (one read of their groups); {@code more}: a next page follows the last. */
    private Uni<Result> withShops(String suffix, List<BuyerOrderView> orders, boolean more) {
        After next = more && !orders.isEmpty() ? new After(orders.getLast().placedAt, orders.getLast().id) : null;
        if (orders.isEmpty()) {
            return Uni.createFrom().item(new Result(List.of(), next));
        }
        List<String> ids = orders.stream().map(o -> o.id).toList();
        return sellers.in(suffix)
                .find(Filters.in("orderId", ids))
                .collect()
                .asList()
                .map(groups -> {
                    Map<String, List<ShopPart>> shops = new LinkedHashMap<>();
                    for (SellerOrderView g : groups) {
                        shops.computeIfAbsent(g.orderId, k -> new ArrayList<>()).add(new ShopPart(g.shopId, g.status));
                    }
                    return new Result(
                            orders.stream()
                                    .map(o -> new Found(
                                            o.id,
                                            o.buyerSubject,
                                            o.status,
                                            o.placedAt,
                                            o.total,
                                            o.itemCount == null ? 0 : o.itemCount,
                                            shops.getOrDefault(o.id, List.of())))
                                    .toList(),
                            next);
                });
    }
}
