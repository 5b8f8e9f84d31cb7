package dev.bazaar.review.persistence;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

/** Who owns a shop ({@code reviews.shops}), as of catalog's shop event {@code version}. */
@MongoEntity(collection = ShopOwners.COLLECTION)
public class ShopDocument {

    @BsonId
    public String id;

    public String ownerSubject;
    public long version;
}
