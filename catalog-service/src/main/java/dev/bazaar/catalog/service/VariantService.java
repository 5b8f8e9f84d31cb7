package dev.bazaar.catalog.service;

import dev.bazaar.catalog.domain.Product;
import dev.bazaar.catalog.domain.Product.Variant;
import dev.bazaar.catalog.domain.ProductStatus;
import dev.bazaar.catalog.domain.Shop;
import dev.bazaar.catalog.persistence.ProductRepository;
import dev.bazaar.catalog.persistence.Rows;
import dev.bazaar.catalog.persistence.ShopRepository;
import dev.bazaar.catalog.rest.ProductRequests;
import dev.bazaar.catalog.rest.VariantRequests;
import dev.bazaar.contracts.messaging.ProductEvent;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.kit.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Sellers keep a product's variants up to date after it was made (#26): add one, change its price, compare-at price,
 * SKU, options or weight, take it off sale and put it back. A deactivated variant stays in the database because orders,
 * returns and reviews name it; it is simply not sold. Price changes of a live product go live at once (no review).
 *
 * <p>Each change row-locks the product, bumps its version and, when the product is on sale, writes what it means for
 * search and carts to the outbox in the same transaction: a price or compare-at price change is a PriceChanged (carts
 * show the new price with a warning), any other change a ProductUpdated with the variants on sale. A change of a
 * deactivated variant's price tells nobody: nobody can buy it.
 */
@ApplicationScoped
public class VariantService {

    private final ShopRepository shops;
    private final ProductRepository products;
    private final ProductWrites writes;

    public VariantService(ShopRepository shops, ProductRepository products, ProductWrites writes) {
        this.shops = shops;
        this.products = products;
        this.writes = writes;
    }

    /** A new variant of a product of the seller's shop (another shop's product is a 404), on sale at once. */
    @WithTransaction
    public Uni<Product> add(String owner, UUID productId, ProductRequests.NewVariant req) {
        Money price = Money.of(req.price().amount(), req.price().currency());
        Money compareAt = req.compareAtPrice() == null
                ? null
                : Money.of(req.compareAtPrice().amount(), req.compareAtPrice().currency());
        return checkCompareAt(price, compareAt)
                .chain(() -> shopOf(owner))
                .flatMap(shop -> products.findInShop(shop.id(), productId, true)
                        .map(found ->
                                found.orElseThrow(() -> new ProblemException.NotFound("No product " + productId + ".")))
                        .flatMap(p -> {
                            if (p.variants().size() >= ProductRequests.MAX_VARIANTS) {
                                return Uni.createFrom()
                                        .failure(new ProblemException.Conflict(
                                                "too-many-variants",
                                                "A product has at most " + ProductRequests.MAX_VARIANTS
                                                        + " variants."));
                            }
                            Variant added = new Variant(
                                    UUID.randomUUID(),
                                    req.sku(),
                                    req.options() == null ? Map.of() : req.options(),
                                    price,
                                    compareAt,
                                    req.weightGrams(),
                                    req.stock(),
                                    0,
                                    true);
                            return skuFree(shop, req.sku(), null)
                                    .flatMap(x -> products.addVariant(p.id(), added))
                                    .call(after -> announce(after, null, added));
                        }))
                .onFailure(VariantService::isUniqueViolation)
                .transform(e -> duplicateSku());
    }

    /** Changes what the seller sent of a variant of their shop; the rest stays. Stock is not changed here. */
    @WithTransaction
    public Uni<Product> change(String owner, UUID variantId, VariantRequests.VariantChange patch) {
        if (patch.isEmpty()) {
            return Uni.createFrom()
                    .failure(new ProblemException.Invalid(
                            "body",
                            "names nothing to change: send sku, options, price, compareAtPrice, removeCompareAtPrice or "
                                    + "weightGrams"));
        }
        boolean removeCompareAt = Boolean.TRUE.equals(patch.removeCompareAtPrice());
        if (removeCompareAt && patch.compareAtPrice() != null) {
            return Uni.createFrom()
                    .failure(new ProblemException.Invalid(
                            "removeCompareAtPrice", "cannot go with a new compareAtPrice"));
        }
        return owned(owner, variantId)
                .flatMap(owned -> {
                    Variant v = owned.variant();
                    Money price = patch.price() == null
                            ? v.price()
                            : Money.of(patch.price().amount(), patch.price().currency());
                    Money compareAt = removeCompareAt
                            ? null
                            : patch.compareAtPrice() == null
                                    ? v.compareAtPrice()
                                    : Money.of(
                                            patch.compareAtPrice().amount(),
                                            patch.compareAtPrice().currency());
                    if (!price.sameCurrencyAs(v.price())) {
                        return Uni.createFrom()
                                .failure(new ProblemException.Invalid(
                                        "price.currency",
                                        "must be " + v.price().currencyCode()
                                                + ", the currency the variant is listed in"));
                    }
                    Variant next = new Variant(
                            v.id(),
                            patch.sku() == null ? v.sku() : patch.sku(),
                            patch.options() == null ? v.options() : patch.options(),
                            price,
                            compareAt,
                            patch.weightGrams() == null ? v.weightGrams() : patch.weightGrams(),
                            v.onHand(),
                            v.reserved(),
                            v.active());
                    if (next.equals(v)) {
                        return Uni.createFrom().item(owned.product()); // the same values again: nothing changes
                    }
                    Uni<Void> skuOk = next.sku().equals(v.sku())
                            ? Uni.createFrom().voidItem()
                            : skuFree(owned.shop(), next.sku(), v.id());
                    return checkCompareAt(price, compareAt)
                            .chain(() -> skuOk)
                            .flatMap(x -> products.updateVariant(owned.product().id(), next))
                            .call(after -> announce(after, v, next));
                })
                .onFailure(VariantService::isUniqueViolation)
                .transform(e -> duplicateSku());
    }

    /**
     * Takes a variant off sale ({@code active} false) or puts it back. Asking for the state it is in changes nothing.
     * The last variant on sale cannot be deactivated: a product with nothing to sell is archived instead.
     */
    @WithTransaction
    public Uni<Product> setActive(String owner, UUID variantId, boolean active) {
        return owned(owner, variantId).flatMap(owned -> {
            Variant v = owned.variant();
            Product p = owned.product();
            if (v.active() == active) {
                return Uni.createFrom().item(p);
            }
            if (!active && p.variants().stream().filter(Variant::active).count() == 1) {
                return Uni.createFrom()
                        .failure(new ProblemException.Conflict(
                                "last-active-variant",
                                "This is the product's last variant on sale; archive the product to stop selling it."));
            }
            Variant next = new Variant(
                    v.id(),
                    v.sku(),
                    v.options(),
                    v.price(),
                    v.compareAtPrice(),
                    v.weightGrams(),
                    v.onHand(),
                    v.reserved(),
                    active);
            return products.updateVariant(p.id(), next).call(after -> announce(after, v, next));
        });
    }

    /**
     * What a variant change means for search and carts, written to the outbox with the product's new version. Nothing
     * unless the product is on sale. {@code before} null: the variant was just added.
     */
    private Uni<Void> announce(Product after, Variant before, Variant now) {
        if (after.status() != ProductStatus.ACTIVE) {
            return Uni.createFrom().voidItem();
        }
        boolean priceChanged = before != null
                && before.active()
                && now.active()
                && (!before.price().equals(now.price())
                        || !Objects.equals(before.compareAtPrice(), now.compareAtPrice()));
        boolean listChanged = before == null
                || before.active() != now.active()
                || (now.active()
                        && (!before.sku().equals(now.sku())
                                || !before.options().equals(now.options())
                                || before.weightGrams() != now.weightGrams()));
        Uni<Void> out = Uni.createFrom().voidItem();
        if (priceChanged) {
            out = out.chain(() -> writes.publish(
                    after, new ProductEvent.PriceChanged(after.id(), now.id(), now.price(), now.compareAtPrice())));
        }
        if (listChanged) {
            // its variants carry the new price too: a consumer that reads only these is as fresh as one reading both
            out = out.chain(() -> writes.publish(
                    after,
                    new ProductEvent.ProductUpdated(
                            after.id(),
                            after.shopId(),
                            after.slug(),
                            after.title(),
                            after.categoryId(),
                            after.brand(),
                            ProductWrites.summaries(after))));
        }
        return out;
    }

    /** A variant of the seller's shop with its product, row-locked; another shop's variant is a 404. */
    private Uni<Owned> owned(String owner, UUID variantId) {
        return shopOf(owner)
                .flatMap(shop -> products.lockProductOfVariant(shop.id(), variantId)
                        .map(found ->
                                found.orElseThrow(() -> new ProblemException.NotFound("No variant " + variantId + ".")))
                        .flatMap(productId -> products.find(productId, false))
                        .map(found -> {
                            Product p = found.orElseThrow();
                            Variant v = p.variants().stream()
                                    .filter(x -> x.id().equals(variantId))
                                    .findFirst()
                                    .orElseThrow();
                            return new Owned(shop, p, v);
                        }));
    }

    private record Owned(Shop shop, Product product, Variant variant) {}

    private Uni<Void> skuFree(Shop shop, String sku, UUID except) {
        return products.skuTaken(shop.id(), sku, except)
                .flatMap(taken -> taken
                        ? Uni.createFrom().failure(duplicateSku())
                        : Uni.createFrom().voidItem());
    }

    private Uni<Shop> shopOf(String owner) {
        return shops.findByOwner(owner)
                .map(found -> found.orElseThrow(() -> new ProblemException.NotFound(
                        "You have no shop yet: open one with POST /api/v1/seller/shop.")));
    }

    /** A compare-at ("was") price is in the price's currency and not below it. */
    private static Uni<Void> checkCompareAt(Money price, Money compareAt) {
        if (compareAt != null && !compareAt.sameCurrencyAs(price)) {
            return Uni.createFrom()
                    .failure(new ProblemException.Invalid(
                            "compareAtPrice.currency", "must be the price's currency, " + price.currencyCode()));
        }
        if (compareAt != null && compareAt.amount() < price.amount()) {
            return Uni.createFrom()
                    .failure(new ProblemException.Invalid(
                            "compareAtPrice", "is below the price (" + price.amount() + " minor units)"));
        }
        return Uni.createFrom().voidItem();
    }

    private static boolean isUniqueViolation(Throwable e) {
        return Rows.uniqueViolation(e).isPresent();
    }

    /** A SKU another variant of the shop has, found by the check or, in a race, by the unique index. */
    private static ProblemException duplicateSku() {
        return new ProblemException.Conflict("duplicate-sku", "A variant of your shop already has that SKU.");
    }
}
