package dev.bazaar.catalog.messaging;

import dev.bazaar.catalog.service.ProductIndexer;
import dev.bazaar.contracts.messaging.MessageCodec;
import dev.bazaar.contracts.messaging.MessageCodec.Decoded;
import dev.bazaar.contracts.messaging.ProductEvent;
import dev.bazaar.contracts.messaging.ShopEvent;
import dev.bazaar.contracts.messaging.Topic;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** The search indexer's inputs: product and shop events (each re-reads the current state, so replays are safe). */
@ApplicationScoped
public class SearchIndexConsumer {

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
        return indexer.refreshProduct(((ProductEvent) ((Decoded.Ok) decoded).envelope().payload()).productId());
    }

    @Incoming("index-shop-events")
    public Uni<Void> shop(String json) {
        Decoded decoded = MessageCodec.decode(Topic.SHOP_EVENTS, json);
        if (decoded instanceof Decoded.DeadLetter dead) {
            return Uni.createFrom().failure(new InventoryCommandConsumer.UnreadableMessage(dead.reason()));
        }
        return indexer.refreshShop(((ShopEvent) ((Decoded.Ok) decoded).envelope().payload()).shopId());
    }
}
