package dev.bazaar.catalog.persistence;

import dev.bazaar.catalog.domain.Shop;
import dev.bazaar.catalog.domain.ShopStatus;
import dev.bazaar.kit.web.Page;
import dev.bazaar.kit.web.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Shops through Hibernate Reactive (Panache): callers hold the session and transaction ({@code @WithSession},
 * {@code @WithTransaction}); what leaves here is the domain's {@link Shop}, never the entity.
 */
@ApplicationScoped
public class ShopRepository implements PanacheRepositoryBase<ShopEntity, UUID> {

    /** Shops in one status, oldest first (the review queue), with the total for paging. */
    public Uni<Page<Shop>> findByStatus(ShopStatus status, PageRequest page) {
        // one session, so one statement at a time: the page, then the total
        return find("status = ?1", Sort.by("createdAt").and("id"), status)
                .range((int) page.offset(), (int) page.offset() + page.size() - 1)
                .list()
                .flatMap(items -> count("status = ?1", status)
                        .map(total ->
                                Page.of(items.stream().map(ShopEntity::toShop).toList(), page, total)));
    }

    public Uni<Shop> insert(Shop shop) {
        ShopEntity e = new ShopEntity();
        e.id = shop.id();
        e.name = shop.name();
        e.slug = shop.slug();
        e.description = shop.description();
        e.country = shop.country();
        e.ownerSubject = shop.ownerSubject();
        e.status = shop.status();
        e.statusReason = shop.statusReason();
        e.returnWindowDays = shop.returnWindowDays();
        e.createdAt = Rows.now();
        e.updatedAt = e.createdAt;
        return persistAndFlush(e).map(ShopEntity::toShop);
    }

    public Uni<Optional<Shop>> findByOwner(String ownerSubject) {
        return find("ownerSubject", ownerSubject).firstResult().map(ShopRepository::shop);
    }

    /** Which of these slugs shops already have. */
    public Uni<Set<String>> slugsTaken(List<String> slugs) {
        return getSession()
                .flatMap(s -> s.createSelectionQuery("select slug from ShopEntity where slug in :slugs", String.class)
                        .setParameter("slugs", slugs)
                        .getResultList())
                .map(HashSet::new);
    }

    /** The public profile: only an approved shop exists for the public. */
    public Uni<Optional<Shop>> findApprovedBySlug(String slug) {
        return find("slug = ?1 and status = ?2", slug, ShopStatus.APPROVED)
                .firstResult()
                .map(ShopRepository::shop);
    }

    /** Reads and row-locks a shop for a change in the current transaction (changes to one shop are serialised). */
    public Uni<Optional<Shop>> lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE).map(ShopRepository::shop);
    }

    public Uni<Optional<Shop>> lockByOwner(String ownerSubject) {
        return find("ownerSubject", ownerSubject)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult()
                .map(ShopRepository::shop);
    }

    /**
     * Writes a shop locked in this transaction ({@link #lock}, {@link #lockByOwner}): its editable fields (the return
     * window among them), a new
     * {@code updated_at} and — flushed here — the next version, which the answer carries.
     */
    public Uni<Shop> update(Shop shop) {
        return findById(shop.id()).flatMap(e -> {
            e.name = shop.name();
            e.description = shop.description();
            e.country = shop.country();
            e.status = shop.status();
            e.statusReason = shop.statusReason();
            e.returnWindowDays = shop.returnWindowDays();
            e.updatedAt = Rows.now();
            return flush().map(x -> e.toShop());
        });
    }

    /** How many shops have a slug starting with {@code prefix} (slugs are [a-z0-9-]: nothing to escape). */
    public Uni<Long> countWithSlugPrefix(String prefix) {
        return count("slug like ?1", prefix + "%");
    }

    private static Optional<Shop> shop(ShopEntity e) {
        return Optional.ofNullable(e).map(ShopEntity::toShop);
    }
}
