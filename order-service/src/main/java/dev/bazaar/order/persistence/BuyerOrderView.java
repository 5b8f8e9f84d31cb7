package dev.bazaar.order.persistence;

import io.quarkus.mongodb.panache.common.MongoEntity;
import java.time.Instant;
import org.bson.codecs.pojo.annotations.BsonId;

/**
 * One order in its buyer's list ({@code buyer_orders}), keyed by the order id. {@code seq}: the sequence of the last
 * event it reflects (the projection's version guard).
 */
@MongoEntity(collection = BuyerOrderViews.COLLECTION)
public class BuyerOrderView {

    @BsonId
    public String id;

    public Long seq;
    public String buyerSubject;
    public String status;
    public Instant placedAt;
    public MoneyAmount total;
    public Integer itemCount;
}
