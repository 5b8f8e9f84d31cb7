package dev.bazaar.order.persistence;

import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import java.util.List;
import org.bson.codecs.pojo.annotations.BsonId;

/**
 * One shop's group of an order ({@code seller_orders}), keyed {@code orderId:shopId}, with the buyer's returns of it.
 * {@code seq}: the sequence of the last event it reflects (the projection's version guard).
 */
@MongoEntity(collection = SellerOrderViews.COLLECTION)
public class SellerOrderView {

    @BsonId
    public String id;

    public Long seq;
    public String orderId;
    public String shopId;
    /** The group's status. */
    public String status;

    public Instant placedAt;
    public MoneyAmount total;
    public Integer itemCount;
    public String carrier;
    public String trackingNumber;
    public List<Return> returns;
    /** Paid and not shipped, or a return waiting for the seller's decision (the "needs action" filter). */
    public Boolean needsAction;
    /** Returns waiting for the seller's decision (the dashboard sums them). */
    public Integer openReturns;

    /** A return of this group's items. */
    public static class Return {
        public String returnId;
        public String status;
        public List<Item> items;
    }

    /** A returned variant and how many. */
    public static class Item {
        public String variantId;
        public Integer quantity;
    }
}
