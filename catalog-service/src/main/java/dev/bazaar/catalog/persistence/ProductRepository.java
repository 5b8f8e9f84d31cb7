package dev.bazaar.catalog.persistence;

import dev.bazaar.catalog.domain.Product;
import dev.bazaar.catalog.domain.Product.Media;
import dev.bazaar.catalog.domain.Product.Variant;
import dev.bazaar.catalog.domain.ProductStatus;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.kit.web.Page;
import dev.bazaar.kit.web.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Products with their variants and stock, through Hibernate Reactive (Panache): callers hold the session and
 * transaction ({@code @WithSession}, {@code @WithTransaction}); what leaves here is the domain's {@link Product}.
 * The one write that stays SQL is the conditional stock update ({@link #setOnHand}), run in the same session.
 */
@ApplicationScoped
public class ProductRepository implements PanacheRepositoryBase<ProductEntity, UUID> {

    private final CategoryRepository categories;

    public ProductRepository(CategoryRepository categories) {
        this.categories = categories;
    }

    public Uni<Boolean> categoryExists(UUID categoryId) {
        return categories.exists(categoryId);
    }

    /** Inserts the product, its variants and their stock rows (flushed: a duplicate slug or SKU fails here). */
    public Uni<Product> insert(Product p) {
        ProductEntity e = new ProductEntity();
        e.id = p.id();
        e.shopId = p.shopId();
        e.slug = p.slug();
        e.status = p.status();
        e.createdAt = Rows.now();
        write(e, p);
        for (int i = 0; i < p.variants().size(); i++) {
            Variant v = p.variants().get(i);
            VariantEntity ve = new VariantEntity();
            ve.id = v.id();
            ve.product = e;
            ve.productId = e.id;
            ve.shopId = p.shopId();
            write(ve, v);
            ve.position = i;
            ve.onHand = v.onHand();
            ve.reserved = 0;
            e.variants.add(ve);
        }
        return persistAndFlush(e).map(x -> toProduct(e, e.variants));
    }

    /** A product of this shop (another shop's is absent: tenancy is in the query); {@code lock}: row-locked. */
    public Uni<Optional<Product>> findInShop(UUID shopId, UUID id, boolean lock) {
        var query = find("id = ?1 and shopId = ?2", id, shopId);
        return (lock ? query.withLock(LockModeType.PESSIMISTIC_WRITE) : query)
                .firstResult()
                .flatMap(this::withVariants);
    }

    public Uni<Optional<Product>> find(UUID id, boolean lock) {
        return (lock ? findById(id, LockModeType.PESSIMISTIC_WRITE) : findById(id)).flatMap(this::withVariants);
    }

    /** Newest first, with the total; filtered by shop and status when given. */
    public Uni<Page<Product>> list(Optional<UUID> shopId, Optional<ProductStatus> status, PageRequest page) {
        List<String> where = new ArrayList<>();
        Map<String, Object> args = new LinkedHashMap<>();
        shopId.ifPresent(id -> {
            where.add("shopId = :shop");
            args.put("shop", id);
        });
        status.ifPresent(st -> {
            where.add("status = :status");
            args.put("status", st);
        });
        String filter = where.isEmpty() ? "" : " where " + String.join(" and ", where);
        return getSession().flatMap(s -> {
            var items = s.createSelectionQuery(
                            "from ProductEntity" + filter + " order by createdAt desc, id", ProductEntity.class)
                    .setFirstResult((int) page.offset())
                    .setMaxResults(page.size());
            var total = s.createSelectionQuery("select count(*) from ProductEntity" + filter, Long.class);
            args.forEach((k, v) -> {
                items.setParameter(k, v);
                total.setParameter(k, v);
            });
            // one session, so one statement at a time
            return items.getResultList()
                    .flatMap(heads -> variantsOf(heads.stream().map(h -> h.id).toList())
                            .flatMap(vs -> total.getSingleResult()
                                    .map(n -> Page.of(
                                            heads.stream()
                                                    .map(h -> toProduct(h, vs.getOrDefault(h.id, List.of())))
                                                    .toList(),
                                            page,
                                            n))));
        });
    }

    /**
     * Writes a product loaded (and locked) in this transaction: its editable fields, a new {@code updated_at} and —
     * flushed here — the next version, which the answer carries.
     */
    public Uni<Product> update(Product p) {
        return findById(p.id()).flatMap(e -> {
            write(e, p);
            e.status = p.status();
            return flush().replaceWith(e).flatMap(this::withVariants).map(Optional::orElseThrow);
        });
    }

    public Uni<Void> delete(UUID id) {
        // variants and their stock rows go with it (ON DELETE CASCADE)
        return delete("id", id).replaceWithVoid();
    }

    /** The product a variant of this shop belongs to, row-locked (absent for another shop's variant). */
    public Uni<Optional<UUID>> lockProductOfVariant(UUID shopId, UUID variantId) {
        return getSession()
                .flatMap(s -> s.createSelectionQuery(
                                "select productId from VariantEntity where id = :variant and shopId = :shop",
                                UUID.class)
                        .setParameter("variant", variantId)
                        .setParameter("shop", shopId)
                        .getResultList())
                .flatMap(ids -> ids.isEmpty()
                        ? Uni.createFrom().item(Optional.<UUID>empty())
                        : findById(ids.getFirst(), LockModeType.PESSIMISTIC_WRITE)
                                .map(p -> Optional.of(p.id)));
    }

    /**
     * Sets on-hand stock; never below what is reserved (a conditional update, not read-then-write: SQL, in the
     * session's transaction). Read the product after it ({@link #find}) for the new availability, in a session that
     * had not loaded its variants before (see {@link #variantsOf}).
     */
    public Uni<Boolean> setOnHand(UUID variantId, int onHand) {
        return getSession()
                .flatMap(s -> s.createNativeQuery("""
                UPDATE inventory SET on_hand = ?1, version = version + 1
                WHERE variant_id = ?2 AND reserved <= ?3""")
                        .setParameter(1, onHand)
                        .setParameter(2, variantId)
                        .setParameter(3, onHand)
                        .executeUpdate())
                .map(updated -> updated == 1);
    }

    private Uni<Optional<Product>> withVariants(ProductEntity head) {
        if (head == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return variantsOf(List.of(head.id))
                .map(vs -> Optional.of(toProduct(head, vs.getOrDefault(head.id, List.of()))));
    }

    /**
     * The variants of these products with their stock. A variant already loaded in this session keeps the stock it
     * was loaded with (Hibernate does not re-read managed entities): read after {@link #setOnHand} only variants not
     * loaded before it, as {@code ProductService.setStock} does.
     */
    private Uni<Map<UUID, List<VariantEntity>>> variantsOf(List<UUID> productIds) {
        if (productIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return getSession()
                .flatMap(s -> s.createSelectionQuery(
                                "from VariantEntity where productId in :ids order by productId, position",
                                VariantEntity.class)
                        .setParameter("ids", productIds)
                        .getResultList())
                .map(rows -> {
                    Map<UUID, List<VariantEntity>> byProduct = new LinkedHashMap<>();
                    rows.forEach(v -> byProduct
                            .computeIfAbsent(v.productId, k -> new ArrayList<>())
                            .add(v));
                    return byProduct;
                });
    }

    /** The seller-editable fields and a new {@code updated_at}. */
    private static void write(ProductEntity e, Product p) {
        e.title = p.title();
        e.description = p.description();
        e.categoryId = p.categoryId();
        e.brand = p.brand();
        e.tags = p.tags().toArray(String[]::new);
        e.attributes = new LinkedHashMap<>(p.attributes());
        e.media = mediaRows(p.media());
        e.statusReason = p.statusReason();
        e.updatedAt = Rows.now();
    }

    /** A product's (or a revision's) images as their jsonb column holds them: [{url, alt}, …]. */
    static List<Map<String, Object>> mediaRows(List<Media> media) {
        List<Map<String, Object>> rows = new ArrayList<>();
        media.forEach(m -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("url", m.url());
            item.put("alt", m.alt());
            rows.add(item);
        });
        return rows;
    }

    static List<Media> mediaOf(List<Map<String, Object>> rows) {
        return rows == null
                ? List.of()
                : rows.stream()
                        .map(m -> new Media(string(m.get("url")), string(m.get("alt"))))
                        .toList();
    }

    private static Product toProduct(ProductEntity e, List<VariantEntity> variants) {
        return new Product(
                e.id,
                e.shopId,
                e.slug,
                e.title,
                e.description,
                e.categoryId,
                e.brand,
                e.tags == null ? List.of() : Arrays.asList(e.tags),
                strings(e.attributes),
                mediaOf(e.media),
                e.status,
                e.statusReason,
                variants.stream().map(ProductRepository::toVariant).toList(),
                e.createdAt,
                e.updatedAt,
                e.version);
    }

    private static Variant toVariant(VariantEntity v) {
        return new Variant(
                v.id,
                v.sku,
                strings(v.options),
                Money.of(v.priceMinor, v.currency),
                v.compareAtMinor == null ? null : Money.of(v.compareAtMinor, v.currency),
                v.weightGrams,
                v.onHand,
                v.reserved,
                v.active);
    }

    static Map<String, String> strings(Map<String, Object> o) {
        Map<String, String> m = new LinkedHashMap<>();
        if (o != null) {
            o.forEach((k, v) -> m.put(k, String.valueOf(v)));
        }
        return m;
    }

    private static String string(Object o) {
        return Objects.toString(o, null);
    }

    // Variants after the product was made (#26): added, changed, deactivated and activated again by their seller.

    /** Whether a variant of this shop other than {@code except} (null: any) has this SKU: SKUs are unique per shop. */
    public Uni<Boolean> skuTaken(UUID shopId, String sku, UUID except) {
        return getSession()
                .flatMap(s -> s.createSelectionQuery(
                                "select count(*) from VariantEntity where shopId = :shop and sku = :sku and id <> :except",
                                Long.class)
                        .setParameter("shop", shopId)
                        .setParameter("sku", sku)
                        .setParameter("except", except == null ? new UUID(0, 0) : except)
                        .getSingleResult())
                .map(n -> n > 0);
    }

    /**
     * Adds a variant, after the others, with its stock row, to a product loaded and row-locked in this transaction.
     * The product's version goes up (flushed here, so a duplicate SKU fails here); answers the product as it is now.
     */
    public Uni<Product> addVariant(UUID productId, Variant v) {
        return findById(productId)
                .flatMap(e -> getSession()
                        .flatMap(s -> s.createSelectionQuery(
                                        "select coalesce(max(position), -1) from VariantEntity where productId = :product",
                                        Integer.class)
                                .setParameter("product", productId)
                                .getSingleResult()
                                .flatMap(last -> {
                                    VariantEntity ve = new VariantEntity();
                                    ve.id = v.id();
                                    ve.product = e;
                                    ve.productId = e.id;
                                    ve.shopId = e.shopId;
                                    ve.position = last + 1;
                                    ve.onHand = v.onHand();
                                    ve.reserved = 0;
                                    write(ve, v);
                                    return s.persist(ve);
                                }))
                        .flatMap(x -> touched(e)));
    }

    /**
     * Writes a variant's seller-editable fields (never its stock) for a product loaded and row-locked in this
     * transaction; the product's version goes up. Answers the product as it is now.
     */
    public Uni<Product> updateVariant(UUID productId, Variant v) {
        return findById(productId)
                .flatMap(e -> getSession()
                        .flatMap(s -> s.find(VariantEntity.class, v.id()))
                        .flatMap(ve -> {
                            write(ve, v);
                            return touched(e);
                        }));
    }

    /**
     * A variant change is a change of the product: a new {@code updated_at} (the indexer's catch-up reads it) and,
     * flushed here, the next version, which the change's event carries so consumers can order it.
     */
    private Uni<Product> touched(ProductEntity e) {
        e.updatedAt = Rows.now();
        return flush().replaceWith(e).flatMap(this::withVariants).map(Optional::orElseThrow);
    }

    private static void write(VariantEntity ve, Variant v) {
        ve.sku = v.sku();
        ve.options = new LinkedHashMap<>(v.options());
        ve.priceMinor = v.price().amount();
        ve.compareAtMinor =
                v.compareAtPrice() == null ? null : v.compareAtPrice().amount();
        ve.currency = v.price().currencyCode();
        ve.weightGrams = v.weightGrams();
        ve.active = v.active();
    }
}
