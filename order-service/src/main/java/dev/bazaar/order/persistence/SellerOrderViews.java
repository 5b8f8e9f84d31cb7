package dev.bazaar.order.persistence;

import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import dev.bazaar.kit.web.Page;
import dev.bazaar.kit.web.PageRequest;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The sellers' order-group read model ({@code seller_orders}), one document per (order, shop). Reads go to the active
 * generation; every query is served by an index ({@link ReadModelIndexes}): the list by {@code shop_placed},
 * {@code shop_status_placed} or {@code shop_action_placed}, the dashboard's counts by {@code shop_status_placed} and
 * {@code shop_open_returns}, its sales by a {@code shop_placed} range.
 */
@ApplicationScoped
public class SellerOrderViews implements ReactivePanacheMongoRepositoryBase<SellerOrderView, String> {

    public static final String COLLECTION = "seller_orders";
    /** Group statuses that count as sales: paid or later, not cancelled. */
    static final List<String> SOLD = List.of("PAID", "PARTIALLY_SHIPPED", "SHIPPED", "DELIVERED");
    /** Group statuses with items still to send. */
    static final List<String> TO_SHIP = List.of("PAID", "PARTIALLY_SHIPPED");

    /**
     * What a seller's list may be narrowed to; null = any. {@code from} inclusive, {@code until} exclusive (placed
     * time); {@code needsAction}: only groups to ship or with a return to decide.
     */
    public record Filter(String status, Instant from, Instant until, boolean needsAction) {}

    /** The dashboard's figures, summed in MongoDB over every group of the shop (not a capped page of them). */
    public record Summary(
            long toShip, long returnsToDecide, long salesToday, long salesLast30Days, long ordersLast30Days) {}

    private final ProjectionGenerations generations;

    public SellerOrderViews(ProjectionGenerations generations) {
        this.generations = generations;
    }

    /** This collection in generation {@code suffix} ("" = the entity's own collection). */
    public ReactiveMongoCollection<SellerOrderView> in(String suffix) {
        return suffix.isEmpty()
                ? mongoCollection()
                : mongoDatabase()
                        .getCollection(ProjectionGenerations.collectionName(COLLECTION, suffix), SellerOrderView.class);
    }

    /** One page of the shop's groups, newest first, narrowed by {@code filter}, with the total that match. */
    public Uni<Page<SellerOrderView>> forShop(String shopId, Filter filter, PageRequest page) {
        List<Bson> where = new ArrayList<>();
        where.add(Filters.eq("shopId", shopId));
        if (filter.needsAction()) {
            where.add(Filters.eq("needsAction", true));
        }
        if (filter.status() != null) {
            where.add(Filters.eq("status", filter.status()));
        }
        if (filter.from() != null) {
            where.add(Filters.gte("placedAt", filter.from()));
        }
        if (filter.until() != null) {
            where.add(Filters.lt("placedAt", filter.until()));
        }
        Bson query = Filters.and(where);
        return generations.active().flatMap(suffix -> {
            ReactiveMongoCollection<SellerOrderView> c = in(suffix);
            Uni<List<SellerOrderView>> items = c.find(new FindOptions()
                            .filter(query)
                            .sort(Sorts.orderBy(Sorts.descending("placedAt"), Sorts.descending("_id")))
                            .skip((int) Math.min(page.offset(), Integer.MAX_VALUE))
                            .limit(page.size()))
                    .collect()
                    .asList();
            return items.flatMap(list -> c.countDocuments(query).map(total -> Page.of(list, page, total)));
        });
    }

    /** The dashboard: groups to ship, returns to decide, and sales (group totals, sold statuses) since two instants. */
    public Uni<Summary> summary(String shopId, Instant startOfToday, Instant thirtyDaysAgo) {
        Bson shop = Filters.eq("shopId", shopId);
        return generations.active().flatMap(suffix -> {
            ReactiveMongoCollection<SellerOrderView> c = in(suffix);
            Uni<Long> toShip = c.countDocuments(Filters.and(shop, Filters.in("status", TO_SHIP)));
            Uni<long[]> returns = sum(c, Filters.and(shop, Filters.gt("openReturns", 0)), "$openReturns");
            Uni<long[]> month = sum(
                    c,
                    Filters.and(shop, Filters.gte("placedAt", thirtyDaysAgo), Filters.in("status", SOLD)),
                    "$total.amount");
            Uni<long[]> today = sum(
                    c,
                    Filters.and(shop, Filters.gte("placedAt", startOfToday), Filters.in("status", SOLD)),
                    "$total.amount");
            return toShip.flatMap(ship -> returns.flatMap(open ->
                    month.flatMap(m -> today.map(d -> new Summary(ship, open[0], d[0], m[0], m[1])))));
        });
    }

    /** {Σ {@code field}, how many} over the documents matching {@code match}; zeros when none match. */
    private static Uni<long[]> sum(ReactiveMongoCollection<SellerOrderView> c, Bson match, String field) {
        return c.aggregate(
                        List.of(
                                Aggregates.match(match),
                                Aggregates.group(null, Accumulators.sum("sum", field), Accumulators.sum("count", 1))),
                        Document.class)
                .collect()
                .first()
                .map(d -> d == null
                        ? new long[] {0, 0}
                        : new long[] {((Number) d.get("sum")).longValue(), ((Number) d.get("count")).longValue()});
    }
}
