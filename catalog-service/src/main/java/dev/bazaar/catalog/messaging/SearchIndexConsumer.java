package dev.bazaar.catalog.messaging;

import dev.bazaar.catalog.service.ProductIndexer;
import dev.bazaar.contracts.messaging.MessageCodec;
import dev.bazaar.contracts.messaging.MessageCodec.Decoded;
import dev.bazaar.contracts.messaging.ProductEvent;
import dev.bazaar.contracts.messaging.ShopEvent;
import dev.bazaar.contracts.messaging.Topic;
import dev.bazaar.kit.consumer.Replayable;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** The search indexer's inputs: product and shop events (each re-reads the current state, so replays are safe). */
@ApplicationScoped
public class SearchIndexConsumer implements Replayable {

    private static final Logger LOG = Logger.getLogger(SearchIndexConsumer.class);
    /**
     * Tries before a record goes to the DLQ. A refresh re-reads the current state, so trying again is always safe; an
     * overloaded or restarting OpenSearch must make the index lag, not lose products (bench/run found 1,363 of
     * 100,000 seeded products missing from the index after a seed under load, each record dead-lettered by one
     * 20-second timeout). A write that hangs is bounded by ProductIndex's own timeout (SmallRye Fault Tolerance, 20 s
     * per document); its timeout and its open circuit breaker fail a try like any other failure, and are tried again.
     */
    static final int ATTEMPTS = 6;

    private final ProductIndexer indexer;

    public SearchIndexConsumer(ProductIndexer indexer) {
        this.indexer = indexer;
    }

    /** A DLQ replay runs the same handlers (kit DeadLetters). */
    @Override
    public Map<String, Function<String, Uni<Void>>> replayHandlers() {
        return Map.of(Topic.PRODUCT_EVENTS.topicName(), this::product, Topic.SHOP_EVENTS.topicName(), this::shop);
    }

    @Incoming("index-product-events")
    public Uni<Void> product(String json) {
        Decoded decoded = MessageCodec.decode(Topic.PRODUCT_EVENTS, json);
        if (decoded instanceof Decoded.DeadLetter dead) {
            return Uni.createFrom().failure(new InventoryCommandConsumer.UnreadableMessage(dead.reason()));
        }
        ProductEvent event = (ProductEvent) ((Decoded.Ok) decoded).envelope().payload();
        if (event instanceof ProductEvent.ProductModerated) {
            return Uni.createFrom().voidItem(); // a review: its publication, if any, is a ProductPublished of its own
        }
        UUID productId = event.productId();
        return patiently(() -> indexer.refreshProduct(productId), "product " + productId);
    }

    @Incoming("index-shop-events")
    public Uni<Void> shop(String json) {
        Decoded decoded = MessageCodec.decode(Topic.SHOP_EVENTS, json);
        if (decoded instanceof Decoded.DeadLetter dead) {
            return Uni.createFrom().failure(new InventoryCommandConsumer.UnreadableMessage(dead.reason()));
        }
        ShopEvent event = (ShopEvent) ((Decoded.Ok) decoded).envelope().payload();
        if (event instanceof ShopEvent.ShopPolicyChanged) {
            return Uni.createFrom().voidItem(); // the return policy is not in the index
        }
        return patiently(
                () -> indexer.refreshShop(event.shopId())
                        .invoke(n -> LOG.infof(
                                "%s: refreshed %d product(s) of shop %s in the index", event.type(), n, event.shopId()))
                        .replaceWithVoid(),
                "shop " + event.shopId());
    }

    /** The refresh, tried ATTEMPTS times with backoff (1 s doubling to 30 s) whatever the failure. */
    static Uni<Void> patiently(java.util.function.Supplier<Uni<Void>> refresh, String what) {
        return patiently(refresh, what, Duration.ofSeconds(1));
    }

    static Uni<Void> patiently(java.util.function.Supplier<Uni<Void>> refresh, String what, Duration firstBackoff) {
        return Uni.createFrom()
                .deferred(refresh::get)
                .onFailure()
                .invoke(e -> LOG.warnf(e, "index refresh of %s failed; trying again", what))
                .onFailure()
                .retry()
                .withBackOff(firstBackoff, firstBackoff.multipliedBy(30))
                .atMost(ATTEMPTS - 1);
    }
}
