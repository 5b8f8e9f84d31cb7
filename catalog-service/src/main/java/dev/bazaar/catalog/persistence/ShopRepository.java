package dev.bazaar.catalog.persistence;

import dev.bazaar.catalog.domain.Shop;
import dev.bazaar.catalog.domain.ShopStatus;
import dev.bazaar.kit.web.Page;
import dev.bazaar.kit.web.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class ShopRepository {

    private static final String COLUMNS = """
            id, name, slug, description, country, owner_subject, status, status_reason, created_at, updated_at, version""";

    private final Pool pool;

    public ShopRepository(Pool pool) {
        this.pool = pool;
    }

    /** Shops in one status, oldest first (the review queue), with the total for paging. */
    public Uni<Page<Shop>> findByStatus(ShopStatus status, PageRequest page) {
        // count(*) over() gives the total with the page in one round trip
        return pool.preparedQuery("SELECT " + COLUMNS + ", count(*) OVER () AS total FROM shop WHERE status = $1"
                + " ORDER BY created_at, id LIMIT $2 OFFSET $3")
                .execute(Tuple.of(status.name(), page.size(), page.offset()))
                .map(rows -> {
                    var items = new ArrayList<Shop>();
                    long total = 0;
                    for (Row r : rows) {
                        items.add(toShop(r));
                        total = r.getLong("total");
                    }
                    return Page.of(items, page, total);
                })
                .flatMap(p -> p.items().isEmpty() && page.page() > 0 ? countByStatus(status)
                        .map(total -> Page.of(p.items(), page, total)) : Uni.createFrom().item(p));
    }

    public Uni<Shop> insert(SqlClient tx, Shop shop) {
        return tx.preparedQuery("""
                INSERT INTO shop (id, name, slug, description, country, owner_subject, status)
                VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING\s""" + COLUMNS)
                .execute(Tuple.from(new Object[] { shop.id(), shop.name(), shop.slug(), shop.description(),
                        shop.country(), shop.ownerSubject(), shop.status().name() }))
                .map(rows -> toShop(rows.iterator().next()));
    }

    public Uni<Optional<Shop>> findByOwner(String ownerSubject) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM shop WHERE owner_subject = $1")
                .execute(Tuple.of(ownerSubject)).map(ShopRepository::first);
    }

    /** Which of these slugs shops already have. */
    public Uni<Set<String>> slugsTaken(List<String> slugs) {
        return pool.preparedQuery("SELECT slug FROM shop WHERE slug = ANY($1)")
                .execute(Tuple.of(slugs.toArray(String[]::new)))
                .map(rows -> {
                    Set<String> taken = new HashSet<>();
                    rows.forEach(r -> taken.add(r.getString("slug")));
                    return taken;
                });
    }

    /** The public profile: only an approved shop exists for the public. */
    public Uni<Optional<Shop>> findApprovedBySlug(String slug) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM shop WHERE slug = $1 AND status = 'APPROVED'")
                .execute(Tuple.of(slug)).map(ShopRepository::first);
    }

    /** Reads and row-locks a shop for a change in {@code tx} (changes to one shop are serialised). */
    public Uni<Optional<Shop>> lock(SqlClient tx, UUID id) {
        return tx.preparedQuery("SELECT " + COLUMNS + " FROM shop WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(id)).map(ShopRepository::first);
    }

    public Uni<Optional<Shop>> lockByOwner(SqlClient tx, String ownerSubject) {
        return tx.preparedQuery("SELECT " + COLUMNS + " FROM shop WHERE owner_subject = $1 FOR UPDATE")
                .execute(Tuple.of(ownerSubject)).map(ShopRepository::first);
    }

    public Uni<Shop> update(SqlClient tx, Shop shop) {
        return tx.preparedQuery("""
                UPDATE shop SET name = $2, description = $3, country = $4, status = $5, status_reason = $6,
                       updated_at = now(), version = version + 1
                WHERE id = $1 RETURNING\s""" + COLUMNS)
                .execute(Tuple.from(new Object[] { shop.id(), shop.name(), shop.description(), shop.country(),
                        shop.status().name(), shop.statusReason() }))
                .map(rows -> toShop(rows.iterator().next()));
    }

    private Uni<Long> countByStatus(ShopStatus status) {
        return pool.preparedQuery("SELECT count(*) FROM shop WHERE status = $1")
                .execute(Tuple.of(status.name()))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    private static Optional<Shop> first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Optional.of(toShop(it.next())) : Optional.empty();
    }

    private static Shop toShop(Row r) {
        return new Shop(r.getUUID("id"), r.getString("name"), r.getString("slug"), r.getString("description"),
                r.getString("country"), r.getString("owner_subject"), ShopStatus.valueOf(r.getString("status")),
                r.getString("status_reason"), r.getOffsetDateTime("created_at").toInstant(),
                r.getOffsetDateTime("updated_at").toInstant(), r.getLong("version"));
    }
}
