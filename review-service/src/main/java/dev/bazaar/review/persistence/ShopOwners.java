package dev.bazaar.review.persistence;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Shop owners from {@code catalog.shop-events}: whose shop a review is about, so only its owner may answer it. A
 * version-guarded upsert (kit VersionGuard, MongoDB form): an older or repeated event changes nothing.
 */
@ApplicationScoped
public class ShopOwners implements ReactivePanacheMongoRepositoryBase<ShopDocument, String> {

    public static final String COLLECTION = "shops";

    public Uni<Void> record(UUID shopId, String ownerSubject, long version) {
        ShopDocument d = new ShopDocument();
        d.id = shopId.toString();
        d.ownerSubject = ownerSubject;
        d.version = version;
        return mongoCollection()
                .replaceOne(
                        Filters.and(Filters.eq("_id", d.id), Filters.lt("version", version)),
                        d,
                        new ReplaceOptions().upsert(true))
                .replaceWithVoid()
                .onFailure(Reviews::duplicateKey)
                .recoverWithNull(); // stored at this or a later version already
    }

    public Uni<Optional<String>> owner(UUID shopId) {
        return findById(shopId.toString()).map(d -> Optional.ofNullable(d).map(x -> x.ownerSubject));
    }

    /** The shops {@code ownerSubject} owns (a seller's reviews are those of these shops); index {@code shops.owner}. */
    public Uni<List<UUID>> shopsOf(String ownerSubject) {
        return mongoCollection()
                .find(Filters.eq("ownerSubject", ownerSubject))
                .map(d -> UUID.fromString(d.id))
                .collect()
                .asList();
    }
}
