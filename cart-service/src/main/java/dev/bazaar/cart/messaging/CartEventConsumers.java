package dev.bazaar.cart.messaging;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bazaar.cart.domain.ProductSummary;
import dev.bazaar.cart.persistence.CartStore;
import dev.bazaar.cart.persistence.ProductCache;
import dev.bazaar.contracts.messaging.CheckoutEvent;
import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.Lines.VariantSummary;
import dev.bazaar.contracts.messaging.ProductEvent;
import dev.bazaar.contracts.messaging.ShopEvent;
import dev.bazaar.contracts.messaging.Topic;
import dev.bazaar.kit.consumer.Inbound;
import dev.bazaar.kit.consumer.Replayable;
import dev.bazaar.kit.consumer.Transients;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The cart's inputs: product events keep the product cache fresh (version-guarded, so a redelivered or late event
 * never overwrites newer data), shop events mark suspended shops (version-guarded too), and a completed checkout
 * removes what it bought.
 * Unreadable records go to the topic's DLQ; every handler is safe to run twice, and a DLQ replay runs the same
 * handlers (Replayable).
 */
@ApplicationScoped
public class CartEventConsumers implements Replayable {

    private static final Logger LOG = Logger.getLogger(CartEventConsumers.class);
    static final Duration MAX_PROCESSING = Duration.ofSeconds(20);

    private final ProductCache cache;
    private final CartStore carts;

    public CartEventConsumers(ProductCache cache, CartStore carts) {
        this.cache = cache;
        this.carts = carts;
    }

    @Override
    public Map<String, Function<String, Uni<Void>>> replayHandlers() {
        return Map.of(
                Topic.PRODUCT_EVENTS.topicName(),
                this::product,
                Topic.SHOP_EVENTS.topicName(),
                this::shop,
                Topic.CHECKOUT_EVENTS.topicName(),
                this::checkout);
    }

    @Incoming("product-events")
    public Uni<Void> product(String json) {
        Envelope<?> envelope = Inbound.decode(Topic.PRODUCT_EVENTS, json);
        long version = envelope.aggregateVersion();
        long at = envelope.occurredAt().toEpochMilli();
        Uni<?> work = switch ((ProductEvent) envelope.payload()) {
            case ProductEvent.ProductPublished p ->
                summaries(p.productId(), p.shopId(), p.title(), p.variants(), version, at);
            case ProductEvent.ProductUpdated p ->
                summaries(p.productId(), p.shopId(), p.title(), p.variants(), version, at);
            case ProductEvent.PriceChanged p -> {
                ObjectNode fields = cache.fields();
                ProductCache.price(fields, p.price());
                yield cache.patch(p.variantId(), fields, version, at);
            }
            case ProductEvent.StockChanged s ->
                cache.patch(s.variantId(), cache.fields().put("available", s.available()), version, at);
            case ProductEvent.ProductDelisted d ->
                cache.variantsOf(d.productId())
                        .flatMap(ids -> ids.isEmpty()
                                ? Uni.createFrom().voidItem()
                                : Uni.join()
                                        .all(ids.stream()
                                                .map(id -> cache.patch(
                                                        id, cache.fields().put("sellable", false), version, at))
                                                .toList())
                                        .andFailFast()
                                        .replaceWithVoid());
            // an admin's review: its publication (ProductPublished) or nothing, for the cache (news for the seller)
            case ProductEvent.ProductModerated m -> Uni.createFrom().voidItem();
        };
        return Transients.retried(
                "catalog.product-events " + envelope.type(),
                () -> work.replaceWithVoid().ifNoItem().after(MAX_PROCESSING).fail());
    }

    @Incoming("shop-events")
    public Uni<Void> shop(String json) {
        Envelope<?> envelope = Inbound.decode(Topic.SHOP_EVENTS, json);
        ShopEvent event = (ShopEvent) envelope.payload();
        long version = envelope.aggregateVersion();
        return Transients.retried("catalog.shop-events " + event.type(), () -> switch (event) {
            case ShopEvent.ShopSuspended s ->
                cache.shopSuspended(s.shopId(), true, version).replaceWithVoid();
            case ShopEvent.ShopApproved a ->
                cache.shopSuspended(a.shopId(), false, version).replaceWithVoid();
            default -> Uni.createFrom().voidItem();
        });
    }

    @Incoming("checkout-events")
    public Uni<Void> checkout(String json) {
        if (!(Inbound.decode(Topic.CHECKOUT_EVENTS, json).payload() instanceof CheckoutEvent.CheckoutCompleted done)) {
            return Uni.createFrom().voidItem();
        }
        return Transients.retried(
                "checkout.events CheckoutCompleted",
                () -> carts.checkoutCompleted(done.buyerSubject(), done.checkoutId(), done.lines())
                        .invoke(n -> LOG.debugf(
                                n < 0
                                        ? "checkout %s already applied to the cart"
                                        : "checkout %s removed its lines from the cart",
                                done.checkoutId()))
                        .replaceWithVoid()
                        .ifNoItem()
                        .after(MAX_PROCESSING)
                        .fail());
    }

    /**
     * A product's variants on sale, as ProductPublished and ProductUpdated list them. A variant the cache knows of that
     * the list leaves out was deactivated by its seller: it is marked not sellable (version-guarded like the rest), so
     * carts holding it say UNAVAILABLE; a later list that names it again sells it again.
     */
    private Uni<?> summaries(
            java.util.UUID productId,
            java.util.UUID shopId,
            String title,
            List<VariantSummary> variants,
            long version,
            long at) {
        List<Uni<Boolean>> writes = new ArrayList<>();
        for (VariantSummary v : variants) {
            writes.add(cache.put(
                    new ProductSummary(v.variantId(), productId, shopId, title, v.price(), v.available(), true),
                    version,
                    at));
        }
        List<java.util.UUID> listed =
                variants.stream().map(VariantSummary::variantId).toList();
        return cache.variantsOf(productId)
                .invoke(known -> known.stream()
                        .filter(id -> !listed.contains(id))
                        .forEach(id -> writes.add(cache.patch(id, cache.fields().put("sellable", false), version, at))))
                .chain(() -> cache.rememberVariants(productId, listed))
                .chain(() -> writes.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : Uni.join().all(writes).andFailFast().replaceWithVoid());
    }
}
