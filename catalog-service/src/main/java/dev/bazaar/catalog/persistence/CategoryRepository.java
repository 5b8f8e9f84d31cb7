package dev.bazaar.catalog.persistence;

import dev.bazaar.catalog.domain.Category;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class CategoryRepository {

    private final Pool pool;

    public CategoryRepository(Pool pool) {
        this.pool = pool;
    }

    /** The whole tree, roots and children in their display order. */
    public Uni<List<Category>> tree() {
        return pool.query("""
                SELECT id, parent_id, slug, name, path, commission_rate_bps FROM category
                ORDER BY length(path) - length(replace(path, '/', '')), position, name""")
                .execute()
                .map(rows -> {
                    record Node(Row row, List<Node> children) {
                        Category toCategory() {
                            return new Category(row.getUUID("id"), row.getString("slug"), row.getString("name"),
                                    row.getString("path"), row.getInteger("commission_rate_bps"),
                                    children.stream().map(Node::toCategory).toList());
                        }
                    }
                    Map<UUID, Node> byId = new LinkedHashMap<>();
                    List<Node> roots = new ArrayList<>();
                    for (Row r : rows) {
                        Node n = new Node(r, new ArrayList<>());
                        byId.put(r.getUUID("id"), n);
                        UUID parent = r.getUUID("parent_id");
                        (parent == null ? roots : byId.get(parent).children()).add(n);
                    }
                    return roots.stream().map(Node::toCategory).toList();
                });
    }
}
