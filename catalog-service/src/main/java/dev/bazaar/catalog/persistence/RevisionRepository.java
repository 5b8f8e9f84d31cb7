package dev.bazaar.catalog.persistence;

import dev.bazaar.catalog.domain.ProductContent;
import dev.bazaar.catalog.domain.Revision;
import dev.bazaar.kit.web.Page;
import dev.bazaar.kit.web.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Products' pending (and last rejected) revisions, read and written whole through Hibernate Reactive (Panache). Callers
 * hold the session and transaction, and the product's row lock when they change one: a revision changes only under its
 * product's lock, so a seller's edit and an admin's decision never interleave.
 */
@ApplicationScoped
public class RevisionRepository implements PanacheRepositoryBase<RevisionEntity, UUID> {

    public Uni<Optional<Revision>> find(UUID productId) {
        return findById(productId).map(e -> Optional.ofNullable(e).map(RevisionRepository::toRevision));
    }

    /** Inserts or replaces the product's revision. */
    public Uni<Revision> save(Revision r) {
        return findById(r.productId()).flatMap(found -> {
            RevisionEntity e = found != null ? found : new RevisionEntity();
            e.productId = r.productId();
            e.shopId = r.shopId();
            e.status = r.status();
            ProductContent c = r.proposed();
            e.title = c.title();
            e.description = c.description();
            e.categoryId = c.categoryId();
            e.brand = c.brand();
            e.tags = c.tags().toArray(String[]::new);
            e.attributes = new LinkedHashMap<>(c.attributes());
            e.media = ProductRepository.mediaRows(c.media());
            e.reason = r.reason();
            e.submittedAt = r.submittedAt();
            e.decidedAt = r.decidedAt();
            return (found != null ? flush() : persistAndFlush(e)).replaceWith(toRevision(e));
        });
    }

    public Uni<Boolean> remove(UUID productId) {
        return deleteById(productId);
    }

    /** Oldest first (the queue is worked in order), with the total; all statuses when none is given. */
    public Uni<Page<Revision>> list(Optional<Revision.Status> status, PageRequest page) {
        var query = status.map(s -> find("status = ?1 order by submittedAt, productId", s))
                .orElseGet(() -> find("order by submittedAt, productId"));
        return query.page(page.page(), page.size())
                .list()
                .flatMap(rows -> (status.isPresent() ? count("status", status.get()) : count())
                        .map(total -> Page.of(
                                rows.stream()
                                        .map(RevisionRepository::toRevision)
                                        .toList(),
                                page,
                                total)));
    }

    private static Revision toRevision(RevisionEntity e) {
        return new Revision(
                e.productId,
                e.shopId,
                e.status,
                new ProductContent(
                        e.title,
                        e.description,
                        e.categoryId,
                        e.brand,
                        e.tags == null ? List.of() : Arrays.asList(e.tags),
                        ProductRepository.strings(e.attributes),
                        ProductRepository.mediaOf(e.media)),
                e.reason,
                e.submittedAt,
                e.decidedAt);
    }
}
