package dev.bazaar.catalog.persistence;

import dev.bazaar.catalog.domain.ImageFormat;
import dev.bazaar.catalog.domain.Media;
import dev.bazaar.catalog.domain.Rendition;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The SQL of product media (table {@code media}, V10): what each shop uploaded and where its renditions are kept.
 * Every read and delete is scoped to the seller's own shop, so another shop's media is simply not found.
 */
@ApplicationScoped
public class MediaStore {

    private static final String COLUMNS =
            "m.id, m.shop_id, m.digest, m.format, m.width, m.height, m.renditions, m.created_at";

    private final Pool pool;

    public MediaStore(Pool pool) {
        this.pool = pool;
    }

    /** The id of the seller's shop, if they have one. */
    public Uni<Optional<UUID>> shopOf(String owner) {
        return pool.preparedQuery("SELECT id FROM shop WHERE owner_subject = $1")
                .execute(Tuple.of(owner))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(rows.iterator().next().getUUID("id")));
    }

    /**
     * Records an upload; when the shop already has media with the same digest (the same image uploaded again) that one
     * is answered and nothing is written.
     */
    public Uni<Media> insertOrExisting(Media media) {
        JsonArray renditions = new JsonArray();
        for (Media.Stored r : media.renditions()) {
            renditions.add(new JsonObject()
                    .put("rendition", r.rendition().id())
                    .put("key", r.key())
                    .put("contentType", r.contentType())
                    .put("width", r.width())
                    .put("height", r.height())
                    .put("bytes", r.bytes()));
        }
        return pool.preparedQuery("""
                INSERT INTO media AS m (id, shop_id, digest, format, width, height, renditions)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                ON CONFLICT (shop_id, digest) DO NOTHING
                RETURNING""" + " " + COLUMNS)
                .execute(Tuple.tuple()
                        .addUUID(media.id())
                        .addUUID(media.shopId())
                        .addString(media.digest())
                        .addString(media.format().name())
                        .addInteger(media.width())
                        .addInteger(media.height())
                        .addValue(renditions))
                .flatMap(rows -> rows.size() > 0
                        ? Uni.createFrom().item(first(rows))
                        : pool.preparedQuery(
                                        "SELECT " + COLUMNS + " FROM media m WHERE m.shop_id = $1 AND m.digest = $2")
                                .execute(Tuple.of(media.shopId(), media.digest()))
                                .map(MediaStore::first));
    }

    /** The seller's own media with this id; empty when it is another shop's, or none. */
    public Uni<Optional<Media>> findOwn(String owner, UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS
                        + " FROM media m JOIN shop s ON s.id = m.shop_id WHERE m.id = $1 AND s.owner_subject = $2")
                .execute(Tuple.of(id, owner))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(first(rows)));
    }

    /** Removes the record of the seller's own media; false when there was none (another shop's, or gone already). */
    public Uni<Boolean> deleteOwn(String owner, UUID id) {
        return pool.preparedQuery("DELETE FROM media m USING shop s WHERE m.id = $1 AND s.id = m.shop_id"
                        + " AND s.owner_subject = $2")
                .execute(Tuple.of(id, owner))
                .map(rows -> rows.rowCount() > 0);
    }

    private static Media first(RowSet<Row> rows) {
        return media(rows.iterator().next());
    }

    private static Media media(Row r) {
        JsonArray json = r.getJsonArray("renditions");
        List<Media.Stored> renditions = new ArrayList<>();
        for (int i = 0; i < json.size(); i++) {
            JsonObject o = json.getJsonObject(i);
            renditions.add(new Media.Stored(
                    Rendition.valueOf(o.getString("rendition").toUpperCase(Locale.ROOT)),
                    o.getString("key"),
                    o.getString("contentType"),
                    o.getInteger("width"),
                    o.getInteger("height"),
                    o.getLong("bytes")));
        }
        return new Media(
                r.getUUID("id"),
                r.getUUID("shop_id"),
                r.getString("digest"),
                ImageFormat.valueOf(r.getString("format")),
                r.getInteger("width"),
                r.getInteger("height"),
                renditions,
                r.getOffsetDateTime("created_at")
                        .withOffsetSameInstant(ZoneOffset.UTC)
                        .toInstant());
    }
}
