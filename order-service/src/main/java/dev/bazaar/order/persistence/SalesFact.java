package dev.bazaar.order.persistence;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

/**
 * A shop's sales in one order on the day it was placed ({@code sales_facts}), keyed {@code shopId:day:orderId}. The
 * admins' daily figures used to be summed from these at read time; they now come from the analytics aggregates
 * ({@link AnalyticsStore}), which count GMV by the same rule. {@code counts}: paid and not cancelled (GMV and commission
 * are 0 otherwise). {@code seq}: the sequence of the last event it reflects (the projection's version guard).
 */
@MongoEntity(collection = SalesFacts.COLLECTION)
public class SalesFact {

    @BsonId
    public String id;

    public Long seq;
    public String shopId;
    /** ISO date (UTC) the order was placed. */
    public String day;

    public String orderId;
    public Long gmv;
    public Long commission;
    public String currency;
    public Boolean counts;
}
