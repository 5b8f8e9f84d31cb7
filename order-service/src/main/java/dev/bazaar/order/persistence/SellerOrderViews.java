package dev.bazaar.order.persistence;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * The sellers' order-group read model ({@code seller_orders}), one document per (order, shop). Reads go to the active
 * generation; indexes {@code shop_placed} and {@code shop_status_placed} serve the list with and without a status
 * ({@link ReadModelIndexes}).
 */
@ApplicationScoped
public class SellerOrderViews implements ReactivePanacheMongoRepositoryBase<SellerOrderView, String> {

    public static final String COLLECTION = "seller_orders";

    private final ProjectionGenerations generations;

    public SellerOrderViews(ProjectionGenerations generations) {
        this.generations = generations;
    }

    /** This collection in generation {@code suffix} ("" = the entity's own collection). */
    public ReactiveMongoCollection<SellerOrderView> in(String suffix) {
        return suffix.isEmpty() ? mongoCollection()
                : mongoDatabase().getCollection(ProjectionGenerations.collectionName(COLLECTION, suffix),
                        SellerOrderView.class);
    }

    /** The shop's groups, newest first, optionally only those in group status {@code status}; at most {@code limit}. */
    public Uni<List<SellerOrderView>> forShop(String shopId, String status, int limit) {
        var filter = status == null ? Filters.eq("shopId", shopId)
                : Filters.and(Filters.eq("shopId", shopId), Filters.eq("status", status));
        return generations.active().flatMap(suffix -> in(suffix).find(new FindOptions().filter(filter)
                .sort(Sorts.orderBy(Sorts.descending("placedAt"), Sorts.descending("_id"))).limit(limit))
                .collect().asList());
    }
}
