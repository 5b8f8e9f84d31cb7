package dev.bazaar.catalog.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * Admins' changes to the category tree, in SQL on the reactive client (the tree's entity is read-only: reads go through
 * Hibernate, CategoryRepository). A move rewrites the materialised {@code path} of the whole subtree in one statement,
 * under a lock on the rows it reads, so two moves cannot interleave into a cycle.
 */
@ApplicationScoped
public class CategoryWrites {

    /** A category as stored. */
    public record StoredCategory(
            UUID id, UUID parentId, String slug, String name, String path, int commissionRateBps, int position) {}

    /** Why a change was not made. */
    public enum Refusal {
        NO_SUCH_CATEGORY,
        NO_SUCH_PARENT,
        PARENT_INSIDE,
        HAS_PRODUCTS
    }

    /** The outcome: the row after the change, or why there was none. */
    public record Outcome(StoredCategory row, Refusal refusal) {}

    private static final String COLUMNS = "id, parent_id, slug, name, path, commission_rate_bps, position";

    private final Pool pool;

    public CategoryWrites(Pool pool) {
        this.pool = pool;
    }

    /** Adds a category under {@code parentId} (null: a root), last among its siblings; a taken slug is a unique violation. */
    public Uni<Outcome> create(UUID parentId, String slug, String name, int rateBps) {
        return pool.withTransaction(tx -> parentPath(tx, parentId).flatMap(parentPath -> {
            if (parentPath.isEmpty()) {
                return Uni.createFrom().item(new Outcome(null, Refusal.NO_SUCH_PARENT));
            }
            String path = parentPath.get().isEmpty() ? slug : parentPath.get() + "/" + slug;
            return tx.preparedQuery("""
                    INSERT INTO category (id, parent_id, slug, name, path, commission_rate_bps, position)
                    VALUES ($1, $2, $3, $4, $5, $6, (SELECT coalesce(max(position) + 1, 0) FROM category
                                                     WHERE parent_id IS NOT DISTINCT FROM $2))
                    RETURNING\s""" + COLUMNS)
                    .execute(
                            Tuple.from(java.util.Arrays.asList(UUID.randomUUID(), parentId, slug, name, path, rateBps)))
                    .map(rows -> new Outcome(row(rows.iterator().next()), null));
        }));
    }

    /**
     * Changes what is given (null: unchanged). A new parent must exist and lie outside the category's subtree, and the
     * subtree must hold no products (the search index keeps each product's category path).
     */
    public Uni<Outcome> update(UUID id, String name, UUID newParentId, Integer rateBps) {
        return pool.withTransaction(tx -> tx.preparedQuery(
                        "SELECT " + COLUMNS + " FROM category WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(id))
                .flatMap(found -> {
                    if (found.rowCount() == 0) {
                        return Uni.createFrom().item(new Outcome(null, Refusal.NO_SUCH_CATEGORY));
                    }
                    StoredCategory current = row(found.iterator().next());
                    Uni<Optional<Refusal>> moved = newParentId == null || newParentId.equals(current.parentId())
                            ? Uni.createFrom().item(Optional.empty())
                            : move(tx, current, newParentId);
                    return moved.flatMap(refused -> refused.isPresent()
                            ? Uni.createFrom().item(new Outcome(null, refused.get()))
                            : tx.preparedQuery("""
                                    UPDATE category SET name = coalesce($2, name),
                                           commission_rate_bps = coalesce($3, commission_rate_bps)
                                    WHERE id = $1 RETURNING\s""" + COLUMNS)
                                    .execute(Tuple.of(id, name, rateBps))
                                    .map(rows -> new Outcome(row(rows.iterator().next()), null)));
                }));
    }

    private Uni<Optional<Refusal>> move(SqlConnection tx, StoredCategory current, UUID newParentId) {
        return tx.preparedQuery("SELECT path FROM category WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(newParentId))
                .flatMap(parent -> {
                    if (parent.rowCount() == 0) {
                        return Uni.createFrom().item(Optional.of(Refusal.NO_SUCH_PARENT));
                    }
                    String parentPath = parent.iterator().next().getString("path");
                    if (parentPath.equals(current.path()) || parentPath.startsWith(current.path() + "/")) {
                        return Uni.createFrom().item(Optional.of(Refusal.PARENT_INSIDE));
                    }
                    return tx.preparedQuery("""
                            SELECT 1 FROM product p JOIN category c ON c.id = p.category_id
                            WHERE c.path = $1 OR c.path LIKE $2 LIMIT 1""")
                            .execute(Tuple.of(current.path(), likePrefix(current.path())))
                            .flatMap(products -> products.rowCount() > 0
                                    ? Uni.createFrom().item(Optional.of(Refusal.HAS_PRODUCTS))
                                    : tx.preparedQuery("""
                                            UPDATE category SET path = $3 || substr(path, length($1) + 1),
                                                   parent_id = CASE WHEN id = $4 THEN $5 ELSE parent_id END
                                            WHERE path = $1 OR path LIKE $2""")
                                            .execute(Tuple.of(
                                                    current.path(),
                                                    likePrefix(current.path()),
                                                    parentPath + "/" + current.slug(),
                                                    current.id(),
                                                    newParentId))
                                            .replaceWith(Optional.<Refusal>empty()));
                });
    }

    /** The parent's path, "" for no parent (a root), empty when the parent does not exist. */
    private static Uni<Optional<String>> parentPath(SqlConnection tx, UUID parentId) {
        if (parentId == null) {
            return Uni.createFrom().item(Optional.of(""));
        }
        return tx.preparedQuery("SELECT path FROM category WHERE id = $1")
                .execute(Tuple.of(parentId))
                .map(rows -> rows.rowCount() == 0
                        ? Optional.empty()
                        : Optional.of(rows.iterator().next().getString("path")));
    }

    /** Slugs are lowercase letters, digits and dashes: nothing in a path needs escaping in LIKE. */
    private static String likePrefix(String path) {
        return path + "/%";
    }

    private static StoredCategory row(Row r) {
        return new StoredCategory(
                r.getUUID("id"),
                r.getUUID("parent_id"),
                r.getString("slug"),
                r.getString("name"),
                r.getString("path"),
                r.getInteger("commission_rate_bps"),
                r.getInteger("position"));
    }
}
