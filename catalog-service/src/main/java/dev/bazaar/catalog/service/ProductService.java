package dev.bazaar.catalog.service;

import dev.bazaar.catalog.domain.Product;
import dev.bazaar.catalog.domain.Product.Media;
import dev.bazaar.catalog.domain.Product.Variant;
import dev.bazaar.catalog.domain.ProductContent;
import dev.bazaar.catalog.domain.ProductStatus;
import dev.bazaar.catalog.domain.ProductStatus.Action;
import dev.bazaar.catalog.domain.Shop;
import dev.bazaar.catalog.persistence.ProductRepository;
import dev.bazaar.catalog.persistence.Rows;
import dev.bazaar.catalog.persistence.ShopRepository;
import dev.bazaar.catalog.rest.ProductRequests;
import dev.bazaar.contracts.messaging.ProductEvent;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.kit.web.Page;
import dev.bazaar.kit.web.PageRequest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Sellers list products in their own shop; admins review them. Changes others care about (publication, updates,
 * stock, delisting) leave on catalog.product-events through the outbox, in the same transaction as the change (a
 * Hibernate Reactive transaction: {@code @WithTransaction}, ADR 0016). Every change row-locks the product first.
 */
@ApplicationScoped
public class ProductService {

    private final ShopRepository shops;
    private final ProductRepository products;
    private final ProductWrites writes;
    private final ProductRevisions revisions;

    public ProductService(
            ShopRepository shops, ProductRepository products, ProductWrites writes, ProductRevisions revisions) {
        this.shops = shops;
        this.products = products;
        this.writes = writes;
        this.revisions = revisions;
    }

    /** A new draft; a duplicate slug or SKU is a 409 (the insert's transaction is rolled back first). */
    @WithSession
    public Uni<Product> create(String owner, ProductRequests.NewProduct req) {
        Set<String> skus = new HashSet<>();
        for (ProductRequests.NewVariant v : req.variants()) {
            if (!skus.add(v.sku())) {
                throw invalid("variants", "SKU " + v.sku() + " appears twice");
            }
            if (v.compareAtPrice() != null
                    && v.compareAtPrice().amount() < v.price().amount()) {
                throw invalid("variants", "the compare-at price of " + v.sku() + " is below its price");
            }
        }
        return shopOf(owner)
                .flatMap(shop -> products.categoryExists(req.categoryId()).flatMap(known -> {
                    if (!known) {
                        return Uni.createFrom().failure(invalid("categoryId", "is not a category"));
                    }
                    UUID id = UUID.randomUUID();
                    List<Variant> variants = req.variants().stream()
                            .map(v -> new Variant(
                                    UUID.randomUUID(),
                                    v.sku(),
                                    v.options() == null ? Map.of() : v.options(),
                                    Money.of(v.price().amount(), v.price().currency()),
                                    v.compareAtPrice() == null
                                            ? null
                                            : Money.of(
                                                    v.compareAtPrice().amount(),
                                                    v.compareAtPrice().currency()),
                                    v.weightGrams(),
                                    v.stock(),
                                    0,
                                    true))
                            .toList();
                    Product product = new Product(
                            id,
                            shop.id(),
                            req.slug() != null ? req.slug() : slugOf(req.title(), id),
                            req.title().strip(),
                            orEmpty(req.description()),
                            req.categoryId(),
                            req.brand(),
                            orEmpty(req.tags()),
                            req.attributes() == null ? Map.of() : req.attributes(),
                            media(req.media()),
                            ProductStatus.DRAFT,
                            null,
                            variants,
                            null,
                            null,
                            0);
                    return Panache.withTransaction(() -> products.insert(product))
                            .onFailure(ProductService::isUniqueViolation)
                            .transform(ProductService::duplicate);
                }));
    }

    @WithSession
    public Uni<Page<Product>> listOwn(String owner, Optional<ProductStatus> status, PageRequest page) {
        return shopOf(owner).flatMap(shop -> products.list(Optional.of(shop.id()), status, page));
    }

    @WithSession
    public Uni<Page<Product>> listForReview(Optional<ProductStatus> status, PageRequest page) {
        return products.list(Optional.empty(), status, page);
    }

    @WithSession
    public Uni<Product> getOwn(String owner, UUID id) {
        return shopOf(owner)
                .flatMap(shop -> products.findInShop(shop.id(), id, false))
                .map(found -> found.orElseThrow(() -> notFound(id)));
    }

    /**
     * A seller's change to a product's content (title, description, category, brand, tags, attributes, images). A live
     * product keeps its approved content, in search and on its page, and the change waits for an admin as a revision
     * ({@link ProductRevisions}); any other product changes at once — it passes review before it is sold (again), and
     * a revision it still had is dropped, superseded by the edit.
     */
    @WithTransaction
    public Uni<ProductRevisions.Edit> update(String owner, UUID id, ProductRequests.UpdateProduct patch) {
        Uni<Boolean> categoryOk =
                patch.categoryId() == null ? Uni.createFrom().item(true) : products.categoryExists(patch.categoryId());
        return categoryOk.flatMap(ok -> {
            if (!ok) {
                return Uni.createFrom().failure(invalid("categoryId", "is not a category"));
            }
            return shopOf(owner)
                    .flatMap(shop -> products.findInShop(shop.id(), id, true))
                    .map(found -> found.orElseThrow(() -> notFound(id)))
                    .flatMap(p -> p.status() == ProductStatus.ACTIVE
                            ? revisions.propose(p, patch)
                            : revisions
                                    .discard(p.id())
                                    .chain(() -> writes.save(
                                            p,
                                            ProductRevisions.patched(ProductContent.of(p), patch)
                                                    .applyTo(p)))
                                    .map(ProductRevisions.Edit.Applied::new));
        });
    }

    @WithTransaction
    public Uni<Product> submit(String owner, UUID id) {
        return changeOwn(owner, id, p -> withStatus(p, p.status().after(Action.SUBMIT), null));
    }

    @WithTransaction
    public Uni<Product> archive(String owner, UUID id) {
        return changeOwn(owner, id, p -> withStatus(p, p.status().after(Action.ARCHIVE), null));
    }

    /**
     * The seller brings an archived product back as a draft: it is not sold again until it passes review, so an
     * archive never skips moderation.
     */
    @WithTransaction
    public Uni<Product> restore(String owner, UUID id) {
        return changeOwn(owner, id, p -> withStatus(p, p.status().after(Action.UNARCHIVE), null));
    }

    @WithTransaction
    public Uni<Void> delete(String owner, UUID id) {
        return shopOf(owner)
                .flatMap(shop -> products.findInShop(shop.id(), id, true)
                        .map(found -> found.orElseThrow(() -> notFound(id)))
                        .flatMap(p -> {
                            if (!p.status().deletable()) {
                                return Uni.createFrom()
                                        .failure(new ProblemException.Conflict(
                                                "not-deletable",
                                                "Only a draft can be deleted; archive a " + p.status()
                                                        + " product instead."));
                            }
                            return products.delete(id);
                        }));
    }

    /**
     * An admin's decision on a product: approval or rejection (with its reason) of one submitted for review, take-down
     * (with its reason) of a live one, reinstatement of a taken-down one. The status change's event for search and
     * carts (ProductPublished or ProductDelisted) and the decision for the seller (ProductModerated) leave in the same
     * transaction, in that order.
     */
    @WithTransaction
    public Uni<Product> review(UUID id, Action action, String reason) {
        return products.find(id, true)
                .map(found -> found.orElseThrow(() -> notFound(id)))
                .flatMap(p -> writes.save(p, withStatus(p, p.status().after(action), reason)))
                .call(p -> switch (action) {
                    case APPROVE -> writes.moderated(p, ProductEvent.ProductModerated.APPROVED, null);
                    case REJECT -> writes.moderated(p, ProductEvent.ProductModerated.REJECTED, reason);
                    case TAKE_DOWN -> writes.moderated(p, ProductEvent.ProductModerated.TAKEN_DOWN, reason);
                    case REINSTATE -> writes.moderated(p, ProductEvent.ProductModerated.REINSTATED, null);
                    default -> Uni.createFrom().voidItem();
                });
    }

    /** Sets a variant's on-hand stock; it can never go below what checkouts have reserved. */
    @WithTransaction
    public Uni<Product> setStock(String owner, UUID variantId, int onHand) {
        return shopOf(owner)
                .flatMap(shop -> products.lockProductOfVariant(shop.id(), variantId)
                        .map(found ->
                                found.orElseThrow(() -> new ProblemException.NotFound("No variant " + variantId + ".")))
                        .flatMap(productId -> products.setOnHand(variantId, onHand)
                                .flatMap(done -> {
                                    if (!done) {
                                        return Uni.createFrom()
                                                .failure(
                                                        new ProblemException.Conflict(
                                                                "stock-reserved",
                                                                "On-hand stock cannot go below the units reserved by checkouts in progress."));
                                    }
                                    return products.find(productId, false).map(Optional::orElseThrow);
                                }))
                        .call(p -> p.status() != ProductStatus.ACTIVE
                                ? Uni.createFrom().voidItem()
                                : writes.publish(
                                        p,
                                        new ProductEvent.StockChanged(
                                                p.id(),
                                                variantId,
                                                p.variants().stream()
                                                        .filter(v -> v.id().equals(variantId))
                                                        .findFirst()
                                                        .orElseThrow()
                                                        .available()))));
    }

    /** Called inside a transaction: the product is row-locked, changed and saved with its event. */
    private Uni<Product> changeOwn(String owner, UUID id, Function<Product, Product> change) {
        return shopOf(owner)
                .flatMap(shop -> products.findInShop(shop.id(), id, true)
                        .map(found -> found.orElseThrow(() -> notFound(id)))
                        .flatMap(p -> writes.save(p, change.apply(p))));
    }

    private Uni<Shop> shopOf(String owner) {
        return shops.findByOwner(owner)
                .map(found -> found.orElseThrow(() -> new ProblemException.NotFound(
                        "You have no shop yet: open one with POST /api/v1/seller/shop.")));
    }

    private static Product withStatus(Product p, ProductStatus status, String reason) {
        return new Product(
                p.id(),
                p.shopId(),
                p.slug(),
                p.title(),
                p.description(),
                p.categoryId(),
                p.brand(),
                p.tags(),
                p.attributes(),
                p.media(),
                status,
                reason,
                p.variants(),
                p.createdAt(),
                p.updatedAt(),
                p.version());
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException.Invalid(field, message);
    }

    private static ProblemException notFound(UUID id) {
        return new ProblemException.NotFound("No product " + id + ".");
    }

    private static boolean isUniqueViolation(Throwable e) {
        return Rows.uniqueViolation(e).isPresent();
    }

    private static Throwable duplicate(Throwable e) {
        String detail = Rows.uniqueViolation(e).orElse("");
        return detail.contains("sku")
                ? new ProblemException.Conflict("duplicate-sku", "A variant of your shop already has that SKU.")
                : new ProblemException.Conflict("slug-taken", "That product address (slug) is taken.");
    }

    static String slugOf(String title, UUID id) {
        String ascii = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String base =
                ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (base.length() > 80) {
            base = base.substring(0, 80).replaceAll("-+$", "");
        }
        String suffix = id.toString().substring(0, 8);
        return base.isEmpty() ? suffix : base + "-" + suffix;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s.strip();
    }

    private static List<String> orEmpty(List<String> l) {
        return l == null ? List.of() : l;
    }

    static List<Media> media(List<ProductRequests.MediaItem> items) {
        return items == null
                ? List.of()
                : items.stream().map(m -> new Media(m.url(), m.alt())).toList();
    }
}
