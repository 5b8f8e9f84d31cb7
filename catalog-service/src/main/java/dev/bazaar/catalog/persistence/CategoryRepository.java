package dev.bazaar.catalog.persistence;

import dev.bazaar.catalog.domain.Category;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The category tree through Hibernate Reactive (Panache); callers hold the session ({@code @WithSession}). */
@ApplicationScoped
public class CategoryRepository implements PanacheRepositoryBase<CategoryEntity, UUID> {

    /** The whole tree, roots and children in their display order. */
    public Uni<List<Category>> tree() {
        return getSession()
                .flatMap(s -> s.createSelectionQuery("""
                from CategoryEntity c
                order by length(c.path) - length(replace(c.path, '/', '')), c.position, c.name""", CategoryEntity.class).getResultList())
                .map(rows -> {
                    record Node(CategoryEntity row, List<Node> children) {
                        Category toCategory() {
                            return new Category(
                                    row.id,
                                    row.slug,
                                    row.name,
                                    row.path,
                                    row.commissionRateBps,
                                    children.stream().map(Node::toCategory).toList());
                        }
                    }
                    Map<UUID, Node> byId = new LinkedHashMap<>();
                    List<Node> roots = new ArrayList<>();
                    for (CategoryEntity c : rows) {
                        Node n = new Node(c, new ArrayList<>());
                        byId.put(c.id, n);
                        (c.parentId == null ? roots : byId.get(c.parentId).children()).add(n);
                    }
                    return roots.stream().map(Node::toCategory).toList();
                });
    }

    /** A leaf of the tree: where products are listed. */
    public record Leaf(UUID id, String slug, String name) {}

    /** The categories without children, by path. */
    public Uni<List<Leaf>> leaves() {
        return getSession()
                .flatMap(s -> s.createSelectionQuery("""
                from CategoryEntity c
                where not exists (select 1 from CategoryEntity k where k.parentId = c.id)
                order by c.path""", CategoryEntity.class).getResultList())
                .map(rows ->
                        rows.stream().map(c -> new Leaf(c.id, c.slug, c.name)).toList());
    }

    public Uni<Boolean> exists(UUID id) {
        return count("id", id).map(n -> n > 0);
    }
}
