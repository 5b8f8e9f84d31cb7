package dev.bazaar.catalog.service;

import dev.bazaar.catalog.persistence.RestockStore;
import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.Lines.StockLine;
import dev.bazaar.contracts.messaging.Message;
import dev.bazaar.contracts.messaging.ProductEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Puts units back on hand, once per message, and tells others when a sellable product's stock changed. */
@ApplicationScoped
public class Restock {

    static final String CONSUMER = "catalog.restock";

    private final RestockStore store;

    public Restock(RestockStore store) {
        this.store = store;
    }

    public Uni<Void> apply(UUID messageId, List<StockLine> lines) {
        List<StockLine> ordered = lines.stream()
                .sorted(Comparator.comparing(StockLine::variantId))
                .toList();
        return store.restockOnce(
                CONSUMER,
                messageId,
                ordered,
                r -> !"ACTIVE".equals(r.productStatus())
                        ? Optional.empty()
                        : Optional.<Envelope<? extends Message>>of(Envelope.of(
                                new ProductEvent.StockChanged(r.productId(), r.variantId(), r.available()),
                                r.productVersion(),
                                Instant.now(),
                                null,
                                messageId)));
    }
}
