package dev.bazaar.catalog.service;

import dev.bazaar.catalog.domain.Product;
import dev.bazaar.catalog.domain.ProductContent;
import dev.bazaar.catalog.domain.ProductStatus;
import dev.bazaar.catalog.domain.Revision;
import dev.bazaar.catalog.persistence.ProductRepository;
import dev.bazaar.catalog.persistence.RevisionRepository;
import dev.bazaar.catalog.persistence.ShopRepository;
import dev.bazaar.catalog.rest.ProductRequests;
import dev.bazaar.contracts.messaging.ProductEvent;
import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.kit.web.Page;
import dev.bazaar.kit.web.PageRequest;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Changes to a live product's content wait for an admin (#26): the seller's edit becomes the product's pending
 * {@link Revision} while the approved content stays live — on its page, in search, in carts — and an admin approves it
 * (the product shows it: ProductUpdated, and REVISION_APPROVED for the seller) or rejects it with a reason (nothing
 * live changes: REVISION_REJECTED). Moving a product to another category is such a change, so a seller cannot choose
 * a lower commission for a live product. Every change takes the product's row lock first, as all product writes do.
 */
@ApplicationScoped
public class ProductRevisions {

    /** What a seller's edit did: changed the product at once, or is held for review. */
    public sealed interface Edit {
        record Applied(Product product) implements Edit {}

        record Held(Review review) implements Edit {}
    }

    /** A revision beside the content that is live now; {@code changed}: the fields that differ, for the admin. */
    public record Review(Revision revision, ProductContent live, List<String> changed) {
        static Review of(Revision revision, Product live) {
            ProductContent now = ProductContent.of(live);
            return new Review(revision, now, revision.proposed().changedFrom(now));
        }
    }

    private final ShopRepository shops;
    private final ProductRepository products;
    private final RevisionRepository revisions;
    private final ProductWrites writes;

    public ProductRevisions(
            ShopRepository shops, ProductRepository products, RevisionRepository revisions, ProductWrites writes) {
        this.shops = shops;
        this.products = products;
        this.revisions = revisions;
        this.writes = writes;
    }

    /**
     * The seller's patch to a live product (row-locked by the caller, in its transaction), on top of the changes still
     * pending (a rejected revision is replaced). A patch that leaves the content as it is live drops the revision.
     */
    Uni<Edit> propose(Product live, ProductRequests.UpdateProduct patch) {
        return revisions.find(live.id()).flatMap(found -> {
            ProductContent base =
                    found.filter(Revision::pending).map(Revision::proposed).orElseGet(() -> ProductContent.of(live));
            ProductContent proposed = patched(base, patch);
            if (proposed.equals(ProductContent.of(live))) {
                return discard(live.id()).replaceWith(new Edit.Applied(live));
            }
            Instant submitted =
                    found.filter(Revision::pending).map(Revision::submittedAt).orElseGet(Instant::now);
            return revisions
                    .save(new Revision(
                            live.id(), live.shopId(), Revision.Status.PENDING, proposed, null, submitted, null))
                    .map(saved -> new Edit.Held(Review.of(saved, live)));
        });
    }

    /** Drops the product's revision, if it has one (an edit that applies at once supersedes it). */
    Uni<Void> discard(UUID productId) {
        return revisions.remove(productId).replaceWithVoid();
    }

    /** The revision of one of the seller's products (404: none, or another shop's product). */
    @WithSession
    public Uni<Review> own(String owner, UUID productId) {
        return ownProduct(owner, productId, false)
                .flatMap(p -> revisions
                        .find(productId)
                        .map(found -> Review.of(found.orElseThrow(() -> noRevision(productId)), p)));
    }

    /** The seller takes their pending (or rejected) changes back; the live content stays. */
    @WithTransaction
    public Uni<Void> withdraw(String owner, UUID productId) {
        return ownProduct(owner, productId, true)
                .flatMap(p -> revisions.remove(productId))
                .map(removed -> {
                    if (!removed) {
                        throw noRevision(productId);
                    }
                    return null;
                });
    }

    /** The admins' queue: revisions oldest first (PENDING by default), each with the content live now. */
    @WithSession
    public Uni<Page<Review>> queue(Optional<Revision.Status> status, PageRequest page) {
        // one session: one statement at a time
        return revisions
                .list(status, page)
                .flatMap(found -> Multi.createFrom()
                        .iterable(found.items())
                        .onItem()
                        .transformToUniAndConcatenate(
                                r -> products.find(r.productId(), false).map(p -> Review.of(r, p.orElseThrow())))
                        .collect()
                        .asList()
                        .map(items -> new Page<>(items, found.page(), found.size(), found.total())));
    }

    /**
     * An admin approves the pending changes: the product shows them (ProductUpdated when it is live), the seller is
     * told (REVISION_APPROVED) and the revision is gone. A product that has left sale meanwhile by its seller's doing
     * (archived, back to draft) is edited directly now, so approving its old revision is a 409.
     */
    @WithTransaction
    public Uni<Product> approve(UUID productId) {
        return pendingOf(productId).flatMap(locked -> {
            Product p = locked.product();
            if (p.status() != ProductStatus.ACTIVE && p.status() != ProductStatus.TAKEN_DOWN) {
                return Uni.createFrom()
                        .failure(new ProblemException.Conflict(
                                "not-live",
                                "The product is " + p.status()
                                        + " now: its seller edits it directly and it is reviewed "
                                        + "before it is sold again."));
            }
            return writes.save(p, locked.revision().proposed().applyTo(p))
                    .call(saved -> writes.moderated(saved, ProductEvent.ProductModerated.REVISION_APPROVED, null))
                    .call(saved -> revisions.remove(productId));
        });
    }

    /** An admin rejects the pending changes with a reason: nothing live changes; the seller is told why. */
    @WithTransaction
    public Uni<Review> reject(UUID productId, String reason) {
        return pendingOf(productId).flatMap(locked -> {
            Revision r = locked.revision();
            return revisions
                    .save(new Revision(
                            r.productId(),
                            r.shopId(),
                            Revision.Status.REJECTED,
                            r.proposed(),
                            reason,
                            r.submittedAt(),
                            Instant.now()))
                    .call(saved ->
                            writes.moderated(locked.product(), ProductEvent.ProductModerated.REVISION_REJECTED, reason))
                    .map(saved -> Review.of(saved, locked.product()));
        });
    }

    private record Locked(Product product, Revision revision) {}

    /** The product, row-locked, with its pending revision: 404 without one, 409 when it was already rejected. */
    private Uni<Locked> pendingOf(UUID productId) {
        return products.find(productId, true)
                .map(found -> found.orElseThrow(() -> new ProblemException.NotFound("No product " + productId + ".")))
                .flatMap(p -> revisions.find(productId).map(found -> {
                    Revision r = found.orElseThrow(() -> noRevision(productId));
                    if (!r.pending()) {
                        throw new ProblemException.Conflict(
                                "revision-decided",
                                "These changes were already rejected; the seller may edit the product again.");
                    }
                    return new Locked(p, r);
                }));
    }

    private Uni<Product> ownProduct(String owner, UUID productId, boolean lock) {
        return shops.findByOwner(owner)
                .map(found -> found.orElseThrow(() ->
                        new ProblemException.NotFound("You have no shop yet: open one with POST /api/v1/seller/shop.")))
                .flatMap(shop -> products.findInShop(shop.id(), productId, lock))
                .map(found -> found.orElseThrow(() -> new ProblemException.NotFound("No product " + productId + ".")));
    }

    private static ProblemException noRevision(UUID productId) {
        return new ProblemException.NotFound("Product " + productId + " has no changes waiting for review.");
    }

    /** The content with the patch's fields (those sent) in place of its own. */
    static ProductContent patched(ProductContent c, ProductRequests.UpdateProduct patch) {
        if (patch.title() != null && patch.title().isBlank()) {
            throw new ProblemException.Invalid("title", "must not be blank");
        }
        return new ProductContent(
                patch.title() == null ? c.title() : patch.title().strip(),
                patch.description() == null
                        ? c.description()
                        : patch.description().strip(),
                or(patch.categoryId(), c.categoryId()),
                or(patch.brand(), c.brand()),
                or(patch.tags(), c.tags()),
                or(patch.attributes(), c.attributes()),
                patch.media() == null ? c.media() : ProductService.media(patch.media()));
    }

    private static <T> T or(T value, T current) {
        return value == null ? current : value;
    }
}
