package dev.bazaar.order.persistence;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import dev.bazaar.kit.web.Page;
import dev.bazaar.kit.web.PageRequest;
import dev.bazaar.order.domain.OrderSummary;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.bson.conversions.Bson;

/**
 * The buyers' order list read model (MongoDB {@code orders_read.buyer_orders}), one document per order. Reads go to
 * the active generation ({@link ProjectionGenerations}); index {@code buyer_placed} (buyerSubject, placedAt desc,
 * _id desc) serves both the page and its count ({@link ReadModelIndexes}).
 */
@ApplicationScoped
public class BuyerOrderViews implements ReactivePanacheMongoRepositoryBase<BuyerOrderView, String> {

    public static final String COLLECTION = "buyer_orders";

    private final ProjectionGenerations generations;

    public BuyerOrderViews(ProjectionGenerations generations) {
        this.generations = generations;
    }

    /** This collection in generation {@code suffix} ("" = the entity's own collection). */
    public ReactiveMongoCollection<BuyerOrderView> in(String suffix) {
        return suffix.isEmpty()
                ? mongoCollection()
                : mongoDatabase()
                        .getCollection(ProjectionGenerations.collectionName(COLLECTION, suffix), BuyerOrderView.class);
    }

    /** The buyer's orders, newest first, from the live generation; tenancy is the filter itself. */
    public Uni<Page<OrderSummary>> forBuyer(String buyerSubject, PageRequest page) {
        return generations.active().flatMap(suffix -> forBuyer(in(suffix), buyerSubject, page));
    }

    private static Uni<Page<OrderSummary>> forBuyer(
            ReactiveMongoCollection<BuyerOrderView> collection, String buyerSubject, PageRequest page) {
        Bson own = Filters.eq("buyerSubject", buyerSubject);
        FindOptions options = new FindOptions()
                .filter(own)
                .sort(Sorts.orderBy(Sorts.descending("placedAt"), Sorts.descending("_id")))
                .skip((int) Math.min(page.offset(), Integer.MAX_VALUE))
                .limit(page.size());
        Uni<List<OrderSummary>> items = collection
                .find(options)
                .map(BuyerOrderViews::toSummary)
                .collect()
                .asList();
        return Uni.combine()
                .all()
                .unis(items, collection.countDocuments(own))
                .with((list, total) -> Page.of(list, page, total));
    }

    private static OrderSummary toSummary(BuyerOrderView v) {
        return new OrderSummary(
                UUID.fromString(v.id),
                v.status,
                v.placedAt,
                v.total == null ? null : new OrderSummary.MoneyView(v.total.amount, v.total.currency),
                v.itemCount == null ? 0 : v.itemCount);
    }
}
