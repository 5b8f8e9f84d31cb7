package dev.bazaar.catalog.service;

import dev.bazaar.catalog.domain.Product;
import dev.bazaar.catalog.domain.ProductStatus;
import dev.bazaar.catalog.persistence.EventOutbox;
import dev.bazaar.catalog.persistence.ProductRepository;
import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.Lines.VariantSummary;
import dev.bazaar.contracts.messaging.ProductEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * How a product change is written, for every use case that changes one: the product (row-locked by the caller, inside
 * its transaction) and, in the same transaction, through the outbox, the event the change means for search and carts
 * and an admin's decision for the seller. The envelope's version is the product's new version.
 */
@ApplicationScoped
public class ProductWrites {

    private final ProductRepository products;
    private final EventOutbox outbox;

    public ProductWrites(ProductRepository products, EventOutbox outbox) {
        this.products = products;
        this.outbox = outbox;
    }

    /** Writes the change and the event it means for others: published, delisted or updated (nothing for a draft). */
    Uni<Product> save(Product before, Product after) {
        return products.update(after).call(saved -> {
            ProductEvent event = eventFor(before, saved);
            return event == null ? Uni.createFrom().voidItem() : publish(saved, event);
        });
    }

    /** An admin's decision, for the seller (notification). */
    Uni<Void> moderated(Product p, String decision, String reason) {
        return publish(p, new ProductEvent.ProductModerated(p.id(), p.shopId(), p.title(), decision, reason));
    }

    Uni<Void> publish(Product p, ProductEvent event) {
        return outbox.append(Envelope.of(event, p.version(), Instant.now(), null, null));
    }

    private static ProductEvent eventFor(Product before, Product after) {
        boolean wasActive = before.status() == ProductStatus.ACTIVE;
        boolean isActive = after.status() == ProductStatus.ACTIVE;
        if (isActive && !wasActive) {
            return new ProductEvent.ProductPublished(
                    after.id(),
                    after.shopId(),
                    after.slug(),
                    after.title(),
                    after.categoryId(),
                    after.brand(),
                    summaries(after));
        }
        if (wasActive && !isActive) {
            return new ProductEvent.ProductDelisted(
                    after.id(), after.shopId(), after.status().name());
        }
        if (isActive) {
            return new ProductEvent.ProductUpdated(
                    after.id(),
                    after.shopId(),
                    after.slug(),
                    after.title(),
                    after.categoryId(),
                    after.brand(),
                    summaries(after));
        }
        return null;
    }

    /** The variants on sale, as product events show them (a deactivated one is left out). */
    static List<VariantSummary> summaries(Product p) {
        return p.variants().stream()
                .filter(Product.Variant::active)
                .map(v -> new VariantSummary(
                        v.id(), v.sku(), v.options(), v.price(), v.compareAtPrice(), v.available(), v.weightGrams()))
                .toList();
    }
}
