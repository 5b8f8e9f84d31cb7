package dev.bazaar.cart.client;

import dev.bazaar.cart.domain.ProductSummary;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Single-flight for the add path's cache misses: while the catalog is being asked about a variant, every other add of
 * that variant waits for the same answer instead of sending its own lookup. A new product that a hundred buyers add in
 * the same second is one catalog call, not a hundred; on a cold cart (an empty cache after a restart) that keeps the
 * catalog's work and the circuit breaker's failure count proportional to the distinct variants, so a slow first second
 * no longer opens the breaker and turns into ten seconds of 503s for every uncached variant.
 *
 * <p>The shared call is {@link CatalogLookup#fetch} with its timeout, retry and breaker; its outcome, an answer or a
 * failure, reaches every waiter, and the entry is gone as soon as it ends, so nothing is remembered here (the product
 * cache is what remembers). A waiter that gives up does not cancel the call for the others.
 */
@ApplicationScoped
public class CoalescedLookups {

    private final CatalogLookup catalog;
    private final Map<UUID, Uni<Map<UUID, ProductSummary>>> inFlight = new ConcurrentHashMap<>();
    private final Counter joined;

    public CoalescedLookups(CatalogLookup catalog, MeterRegistry metrics) {
        this.catalog = catalog;
        this.joined = Counter.builder("bazaar_cart_catalog_lookups_joined_total")
                .description("cache misses answered by a catalog lookup another request had already started")
                .register(metrics);
    }

    /** The catalog's answer about one variant (absent from the map when the catalog does not know it). */
    public Uni<Map<UUID, ProductSummary>> fetchOne(UUID variant) {
        return Uni.createFrom().deferred(() -> {
            AtomicReference<Uni<Map<UUID, ProductSummary>>> started = new AtomicReference<>();
            Uni<Map<UUID, ProductSummary>> shared = inFlight.computeIfAbsent(variant, v -> {
                Uni<Map<UUID, ProductSummary>> call = Uni.createFrom()
                        .deferred(() -> catalog.fetch(List.of(v)))
                        .onTermination()
                        .invoke(() -> inFlight.remove(v, started.get()))
                        .memoize()
                        .indefinitely();
                started.set(call);
                return call;
            });
            if (started.get() == null) {
                joined.increment();
            }
            return shared;
        });
    }

    /** Lookups on their way to the catalog now (for tests). */
    int inFlight() {
        return inFlight.size();
    }
}
