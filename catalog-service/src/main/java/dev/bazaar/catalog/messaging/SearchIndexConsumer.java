package dev.bazaar.catalog.messaging;

import dev.bazaar.catalog.service.ProductIndexer;
import dev.bazaar.contracts.messaging.MessageCodec;
import dev.bazaar.contracts.messaging.MessageCodec.Decoded;
import dev.bazaar.contracts.messaging.ProductEvent;
import dev.bazaar.contracts.messaging.ShopEvent;
import dev.bazaar.contracts.messaging.Topic;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** The search indexer's inputs: product and shop events (each re-reads the current state, so replays are safe). */
@ApplicationScoped
public class SearchIndexConsumer {

    private static final Logger LOG = Logger.getLogger(SearchIndexConsumer.class);
    /** A record whose refresh hangs goes to the DLQ instead of stalling its channel. */
    static final Duration MAX_PROCESSING = Duration.ofSeconds(20);

    private final ProductIndexer indexer;

    public SearchIndexConsumer(ProductIndexer indexer) {
        this.indexer = indexer;
    }

    @Incoming("index-product-events")
    public Uni<Void> product(String json) {
        Decoded decoded = MessageCodec.decode(Topic.PRODUCT_EVENTS, json);
        if (decoded instanceof Decoded.DeadLetter dead) {
            return Uni.createFrom().failure(new InventoryCommandConsumer.UnreadableMessage(dead.reason()));
        }
        return indexer.refreshProduct(((ProductEvent) ((Decoded.Ok) decoded).envelope().payload()).productId())
                .ifNoItem().after(MAX_PROCESSING).fail();
    }

    @Incoming("index-shop-events")
    public Uni<Void> shop(String json) {
        Decoded decoded = MessageCodec.decode(Topic.SHOP_EVENTS, json);
        if (decoded instanceof Decoded.DeadLetter dead) {
            return Uni.createFrom().failure(new InventoryCommandConsumer.UnreadableMessage(dead.reason()));
        }
        ShopEvent event = (ShopEvent) ((Decoded.Ok) decoded).envelope().payload();
        return indexer.refreshShop(event.shopId())
                .invoke(n -> LOG.infof("%s: refreshed %d product(s) of shop %s in the index", event.type(), n,
                        event.shopId()))
                .replaceWithVoid()
                .ifNoItem().after(MAX_PROCESSING).fail();
    }
}
