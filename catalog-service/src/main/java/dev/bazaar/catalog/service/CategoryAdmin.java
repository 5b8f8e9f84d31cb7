package dev.bazaar.catalog.service;

import dev.bazaar.catalog.persistence.CategoryWrites;
import dev.bazaar.catalog.persistence.CategoryWrites.Outcome;
import dev.bazaar.catalog.persistence.CategoryWrites.StoredCategory;
import dev.bazaar.catalog.persistence.Rows;
import dev.bazaar.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Admins keep the category tree from the console: add a category, rename it, move it, change its fixed commission
 * rate (the rate that applies where no volume-tier schedule is in force; placed orders keep the rate they froze).
 */
@ApplicationScoped
public class CategoryAdmin {

    private final CategoryWrites writes;

    public CategoryAdmin(CategoryWrites writes) {
        this.writes = writes;
    }

    public Uni<StoredCategory> create(UUID parentId, String slug, String name, int rateBps) {
        return writes.create(parentId, slug, name, rateBps)
                .onFailure(f -> Rows.uniqueViolation(f).isPresent())
                .transform(
                        f -> new ProblemException.Conflict("slug-taken", "Another category has the slug " + slug + "."))
                .map(CategoryAdmin::orRefuse);
    }

    public Uni<StoredCategory> update(UUID id, String name, UUID parentId, Integer rateBps) {
        return writes.update(id, name, parentId, rateBps).map(CategoryAdmin::orRefuse);
    }

    private static StoredCategory orRefuse(Outcome o) {
        if (o.refusal() == null) {
            return o.row();
        }
        throw switch (o.refusal()) {
            case NO_SUCH_CATEGORY -> new ProblemException.NotFound("No such category.");
            case NO_SUCH_PARENT -> new ProblemException.Invalid("parentId", "is not a category");
            case PARENT_INSIDE ->
                new ProblemException.Invalid("parentId", "is the category itself or one of its descendants");
            case HAS_PRODUCTS ->
                new ProblemException.Conflict(
                        "category-has-products",
                        "Products are listed in this "
                                + "category or below it; their search entries carry its path, so it cannot move.");
        };
    }
}
