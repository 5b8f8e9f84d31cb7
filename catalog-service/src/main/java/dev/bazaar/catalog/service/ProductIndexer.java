package dev.bazaar.catalog.service;

import dev.bazaar.catalog.persistence.ProductDocuments;
import dev.bazaar.catalog.persistence.ProductIndex;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Keeps the search index in step with the catalog. On any product or shop event it re-reads the product's current
 * state and writes it (or removes it) with the snapshot's time as the external version: replays and reorderings
 * converge on the newest state, and only ACTIVE products of APPROVED shops are ever in the index.
 */
@ApplicationScoped
public class ProductIndexer {

    private final ProductDocuments documents;
    private final ProductIndex index;

    public ProductIndexer(ProductDocuments documents, ProductIndex index) {
        this.documents = documents;
        this.index = index;
    }

    void createIndex(@Observes StartupEvent start) throws IOException {
        index.ensureExists();
    }

    public Uni<Void> refreshProduct(UUID productId) {
        return documents.of(productId).flatMap(found -> {
            if (found.isEmpty()) {
                // a deleted draft: drafts are never visible, so it was never indexed
                return Uni.createFrom().voidItem();
            }
            ProductDocuments.Snapshot d = found.get();
            return d.visible()
                    ? index.put(productId.toString(), d.version(), d.document())
                    : index.remove(productId.toString(), d.version());
        });
    }

    /**
     * Rebuilds the index with no downtime: a new index is filled from PostgreSQL in keyset-paged bulk requests, the
     * alias is swapped to it atomically, the old index is dropped, and products changed while it ran are refreshed
     * through the alias (external versions keep the newest).
     */
    public Uni<ProductIndex.Rebuilt> rebuild() {
        java.time.Instant started = java.time.Instant.now();
        String target = index.alias() + "-" + started.toEpochMilli();
        return Uni.createFrom()
                .item(() -> {
                    try {
                        index.createIndex(target);
                        return target;
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .runSubscriptionOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool())
                .flatMap(t -> fill(t, new UUID(0, 0), 0))
                .flatMap(count -> index.swapAliasTo(target).replaceWith(count))
                .call(count -> documents.changedSince(started).flatMap(this::refreshAll))
                .map(count -> new ProductIndex.Rebuilt(
                        target,
                        count,
                        java.time.Duration.between(started, java.time.Instant.now())
                                .toMillis()));
    }

    private Uni<Long> fill(String target, UUID after, long done) {
        return documents.visibleAfter(after, 500).flatMap(page -> {
            if (page.isEmpty()) {
                return Uni.createFrom().item(done);
            }
            List<ProductIndex.Doc> docs = new ArrayList<>();
            for (ProductDocuments.Snapshot d : page) {
                docs.add(new ProductIndex.Doc(d.id().toString(), d.version(), d.document()));
            }
            UUID next = page.getLast().id();
            long total = done + docs.size();
            return index.bulk(target, docs)
                    .flatMap(x -> page.size() < 500 ? Uni.createFrom().item(total) : fill(target, next, total));
        });
    }

    /** A shop's approval or suspension changes the visibility of all its products. */
    public Uni<Integer> refreshShop(UUID shopId) {
        return documents.ofShop(shopId).flatMap(ids -> refreshAll(ids).replaceWith(ids.size()));
    }

    /** Refreshes the products one after the other, in the order given; a failure stops the rest. */
    private Uni<Void> refreshAll(List<UUID> ids) {
        return Multi.createFrom()
                .iterable(ids)
                .onItem()
                .transformToUniAndConcatenate(this::refreshProduct)
                .collect()
                .last()
                .replaceWithVoid();
    }
}
