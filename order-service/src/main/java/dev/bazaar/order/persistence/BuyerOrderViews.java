package dev.bazaar.order.persistence;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import dev.bazaar.kit.web.Page;
import dev.bazaar.kit.web.PageRequest;
import dev.bazaar.order.domain.OrderSummary;
import io.quarkus.mongodb.FindOptions;
import io.quarkus.mongodb.reactive.ReactiveMongoCollection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.Date;
import java.util.UUID;

/** The buyers' order list read model (MongoDB {@code orders_read.buyer_orders}), one document per order. */
@ApplicationScoped
public class BuyerOrderViews {

    public static final String COLLECTION = "buyer_orders";

    private final OrderProjections projections;
    private final dev.bazaar.order.service.Projector projector;

    public BuyerOrderViews(OrderProjections projections, dev.bazaar.order.service.Projector projector) {
        this.projections = projections;
        this.projector = projector;
    }

    /** The buyer's orders, newest first, from the live generation; tenancy is the filter itself. */
    public Uni<Page<OrderSummary>> forBuyer(String buyerSubject, PageRequest page) {
        return projector.active().flatMap(suffix -> forBuyer(projections.collection(COLLECTION, suffix),
                buyerSubject, page));
    }

    private Uni<Page<OrderSummary>> forBuyer(ReactiveMongoCollection<Document> collection, String buyerSubject,
            PageRequest page) {
        Bson own = Filters.eq("buyerSubject", buyerSubject);
        FindOptions options = new FindOptions()
                .filter(own)
                .sort(Sorts.orderBy(Sorts.descending("placedAt"), Sorts.descending("_id")))
                .skip((int) Math.min(page.offset(), Integer.MAX_VALUE))
                .limit(page.size());
        Uni<java.util.List<OrderSummary>> items = collection.find(options).map(BuyerOrderViews::toSummary)
                .collect().asList();
        return Uni.combine().all().unis(items, collection.countDocuments(own))
                .with((list, total) -> Page.of(list, page, total));
    }

    private static OrderSummary toSummary(Document d) {
        Document total = d.get("total", Document.class);
        Date placedAt = d.getDate("placedAt");
        return new OrderSummary(UUID.fromString(d.getString("_id")), d.getString("status"),
                placedAt == null ? null : placedAt.toInstant(),
                total == null ? null : new OrderSummary.MoneyView(total.get("amount", Number.class).longValue(),
                        total.getString("currency")),
                d.get("itemCount", Number.class) == null ? 0 : d.get("itemCount", Number.class).intValue());
    }
}
