package dev.bazaar.catalog.service;

import dev.bazaar.catalog.domain.ProductStatus.Action;
import dev.bazaar.catalog.domain.ShopStatus.Review;
import dev.bazaar.catalog.persistence.CategoryRepository;
import dev.bazaar.catalog.persistence.CategoryRepository.Leaf;
import dev.bazaar.catalog.persistence.ShopRepository;
import dev.bazaar.catalog.rest.ProductRequests;
import dev.bazaar.catalog.rest.ShopRequests;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Demo data made through the catalog's own code paths (open shop → approve → create product → submit → approve), so
 * every invariant, event and index write is exercised. Deterministic by seed; skipped when demo shops exist.
 */
@ApplicationScoped
public class DemoCatalog {

    private static final Logger LOG = Logger.getLogger(DemoCatalog.class);

    static final String[] ADJECTIVES = {
        "Classic",
        "Organic",
        "Vintage",
        "Crème",
        "Urban",
        "Alpine",
        "Coastal",
        "Everyday",
        "Premium",
        "Handmade",
        "Nordic",
        "Café",
        "Rustic",
        "Modern",
        "Soft",
        "Trail"
    };
    static final String[] COLOURS = {"black", "white", "navy", "olive", "sand", "red", "grey", "blue"};
    static final String[] MATERIALS = {"cotton", "leather", "wool", "canvas", "steel", "bamboo", "linen"};
    static final String[] BRANDS = {"Acme", "Northwind", "Lumen", "Kestrel", "Marlow", "Oakridge", "Tidal", "Verde"};
    static final String[] SIZES = {"S", "M", "L", "XL"};

    public record Seeded(boolean created, int shops, int products, long tookMillis) {}

    private final ShopService shops;
    private final ProductService products;
    private final ShopRepository shopRows;
    private final CategoryRepository categories;

    public DemoCatalog(
            ShopService shops, ProductService products, ShopRepository shopRows, CategoryRepository categories) {
        this.shops = shops;
        this.products = products;
        this.shopRows = shopRows;
        this.categories = categories;
    }

    @WithSession
    public Uni<Seeded> seed(int productCount, long seed) {
        long started = System.currentTimeMillis();
        return shopRows.countWithSlugPrefix("demo-shop-")
                .flatMap(existing -> existing > 0
                        ? Uni.createFrom().item(new Seeded(false, existing.intValue(), 0, 0))
                        : categories.leaves().flatMap(leaves -> create(productCount, seed, leaves, started)));
    }

    private Uni<Seeded> create(int productCount, long seed, List<Leaf> categories, long started) {
        int shopCount = Math.max(2, productCount / 250);
        Random random = new Random(seed);
        List<UUID> shopIds = new ArrayList<>();
        // the shops one after the other, in number order
        Uni<Void> openShops = Multi.createFrom()
                .range(0, shopCount)
                .onItem()
                .transformToUniAndConcatenate(n -> shops.open(
                                owner(n),
                                new ShopRequests.OpenShop(
                                        BRANDS[n % BRANDS.length] + " Store " + n,
                                        "demo-shop-" + n,
                                        "Demo shop " + n,
                                        "US"))
                        .flatMap(shop -> shops.review(shop.id(), Review.APPROVE, null))
                        .invoke(shop -> shopIds.add(shop.id())))
                .collect()
                .last()
                .replaceWithVoid();
        // draw every product up front so the data depends only on the seed, not on completion order
        List<ProductRequests.NewProduct> drafts = new ArrayList<>(productCount);
        List<Integer> shopOf = new ArrayList<>(productCount);
        for (int i = 0; i < productCount; i++) {
            drafts.add(draft(random, categories, i));
            shopOf.add(random.nextInt(shopCount));
        }
        AtomicInteger done = new AtomicInteger();
        return openShops.flatMap(x -> Multi.createFrom()
                .range(0, productCount)
                .onItem()
                .transformToUni(i -> {
                    String owner = owner(shopOf.get(i));
                    return onItsOwnContext(() -> products.create(owner, drafts.get(i))
                                    .flatMap(p -> products.submit(owner, p.id()))
                                    .flatMap(p -> products.review(p.id(), Action.APPROVE, null)))
                            .invoke(p -> {
                                int n = done.incrementAndGet();
                                if (n % 1000 == 0 || n == productCount) {
                                    LOG.infof("demo catalog: %d/%d products", n, productCount);
                                }
                            });
                })
                .merge(8)
                .collect()
                .last()
                .map(last -> new Seeded(true, shopCount, done.get(), System.currentTimeMillis() - started)));
    }

    /**
     * Runs {@code work} on a Vert.x context of its own. Hibernate Reactive keeps one session per context, and a
     * session is not for concurrent use: the eight products made at once each need theirs (each context gets its
     * sessions from the services' {@code @WithSession}/{@code @WithTransaction}).
     */
    private static <T> Uni<T> onItsOwnContext(Supplier<Uni<T>> work) {
        Context own = VertxContext.createNewDuplicatedContext(Vertx.currentContext());
        VertxContextSafetyToggle.setContextSafe(own, true);
        return Uni.createFrom()
                .emitter(emitter ->
                        own.runOnContext(x -> work.get().subscribe().with(emitter::complete, emitter::fail)));
    }

    private static ProductRequests.NewProduct draft(Random random, List<Leaf> categories, int i) {
        Leaf category = categories.get(random.nextInt(categories.size()));
        String noun = singular(category.name());
        String colour = COLOURS[random.nextInt(COLOURS.length)];
        String material = MATERIALS[random.nextInt(MATERIALS.length)];
        String title = ADJECTIVES[random.nextInt(ADJECTIVES.length)] + " " + capitalise(colour) + " " + noun + " " + i;
        long price = 500 + random.nextInt(400) * 100L + 99;
        List<ProductRequests.NewVariant> variants = new ArrayList<>();
        int variantCount = 1 + random.nextInt(3);
        for (int v = 0; v < variantCount; v++) {
            variants.add(new ProductRequests.NewVariant(
                    "DEMO-" + i + "-" + SIZES[v],
                    Map.of("size", SIZES[v]),
                    new ProductRequests.Price(price + v * 200L, "USD"),
                    null,
                    random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(100),
                    100 + random.nextInt(2000)));
        }
        return new ProductRequests.NewProduct(
                title,
                null,
                "A " + material + " " + noun.toLowerCase(Locale.ROOT) + " in " + colour + ".",
                category.id(),
                BRANDS[random.nextInt(BRANDS.length)],
                List.of(category.slug(), colour),
                Map.of("colour", colour, "material", material),
                List.of(new ProductRequests.MediaItem("https://img.bazaar.dev/demo/" + i + ".jpg", title)),
                variants);
    }

    private static String owner(int shop) {
        return "demo:seller-" + shop;
    }

    private static String singular(String name) {
        String first = name.split(" ")[0].replace(",", "");
        return first.endsWith("s") && !first.endsWith("ss") ? first.substring(0, first.length() - 1) : first;
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
