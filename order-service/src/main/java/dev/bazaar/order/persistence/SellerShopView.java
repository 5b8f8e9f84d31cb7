package dev.bazaar.order.persistence;

import io.quarkus.mongodb.panache.common.MongoEntity;
import java.util.List;
import java.util.Map;
import org.bson.codecs.pojo.annotations.BsonId;

/**
 * One shop's seller list and dashboard, read by {@code _id} ({@code seller_shops}, keyed by the shop id; ADR 0033): the
 * counters the projection {@code $inc}s and the head of the list (its newest groups, as {@code seller_orders} holds
 * them), which it swaps by compare-and-set on {@code hv}. The document {@link SellerShopViews#COMPLETE} says the
 * generation holds every shop (built from its start, or by a rebuild).
 */
@MongoEntity(collection = SellerShopViews.COLLECTION)
public class SellerShopView {

    @BsonId
    public String id;

    /** The head's version (compare-and-set). */
    public Long hv;
    /** The shop's groups. */
    public Long rows;
    /** Groups per status. */
    public Map<String, Long> status;

    public Long needsAction;
    public Long openReturns;
    /** Per day placed (yyyy-MM-dd, UTC): sales (group totals, sold statuses) and sold groups. */
    public Map<String, DaySales> days;
    /** The shop's newest groups, newest first (at most {@code SellerOrderList.HEAD}). */
    public List<SellerOrderView> head;

    public static class DaySales {
        public Long sales;
        public Long orders;
    }
}
