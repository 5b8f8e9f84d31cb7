package dev.bazaar.order.persistence;

import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

/**
 * Which generation of the read-model collections is which ({@code projection_meta}): {@code _id} "active" (the one
 * readers use) or "rebuild" (the one a rebuild is filling); {@code suffix} names it ("" = the unsuffixed originals).
 */
@MongoEntity(collection = ProjectionGenerations.COLLECTION)
public class ProjectionMeta {

    @BsonId
    public String id;

    public String suffix;

    public ProjectionMeta() {}

    public ProjectionMeta(String id, String suffix) {
        this.id = id;
        this.suffix = suffix;
    }
}
