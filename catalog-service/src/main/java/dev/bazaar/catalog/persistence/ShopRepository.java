package dev.bazaar.catalog.persistence;

import dev.bazaar.catalog.domain.Shop;
import dev.bazaar.catalog.domain.ShopStatus;
import dev.bazaar.kit.web.Page;
import dev.bazaar.kit.web.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;

@ApplicationScoped
public class ShopRepository {

    private final Pool pool;

    public ShopRepository(Pool pool) {
        this.pool = pool;
    }

    /** Shops in one status, oldest first (the review queue), with the total for paging. */
    public Uni<Page<Shop>> findByStatus(ShopStatus status, PageRequest page) {
        // count(*) over() gives the total with the page in one round trip
        return pool.preparedQuery("""
                SELECT id, name, slug, description, country, owner_subject, status, status_reason,
                       created_at, updated_at, version, count(*) OVER () AS total
                FROM shop WHERE status = $1
                ORDER BY created_at, id
                LIMIT $2 OFFSET $3""")
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

    private Uni<Long> countByStatus(ShopStatus status) {
        return pool.preparedQuery("SELECT count(*) FROM shop WHERE status = $1")
                .execute(Tuple.of(status.name()))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    private static Shop toShop(Row r) {
        return new Shop(r.getUUID("id"), r.getString("name"), r.getString("slug"), r.getString("description"),
                r.getString("country"), r.getString("owner_subject"), ShopStatus.valueOf(r.getString("status")),
                r.getString("status_reason"), r.getOffsetDateTime("created_at").toInstant(),
                r.getOffsetDateTime("updated_at").toInstant(), r.getLong("version"));
    }
}
