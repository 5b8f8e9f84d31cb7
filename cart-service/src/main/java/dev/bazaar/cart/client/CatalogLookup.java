package dev.bazaar.cart.client;

import dev.bazaar.cart.domain.ProductSummary;
import dev.bazaar.cart.persistence.ProductCache;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Cache misses go to the catalog: a short timeout, one retry, and a circuit breaker so an outage costs callers
 * nothing after the first failures (they get the cached or snapshot answer at once). The breaker opens on half of the
 * last 20 calls failing, not of 4: concurrent misses of a variant share one call ({@link CoalescedLookups}), so 20 calls
 * are 20 distinct lookups, and a cart and a catalog that have both just started time out a few of their first calls
 * (7 of the first 16 in a measured cold start) — with a window of 4 that opened the breaker and refused every uncached
 * variant for the next 10 s (1,544 of 2,400 adds at 120/s). Open, it lets one trial through after 5 s. Whatever the catalog answers
 * is written to the cache (version-guarded) before it is returned. Unknown variants are absent from the answer.
 */
@ApplicationScoped
public class CatalogLookup {

    /** The catalog answers at most this many ids per call. */
    static final int BATCH = 200;

    private final CatalogClient catalog;
    private final ProductCache cache;

    public CatalogLookup(@RestClient CatalogClient catalog, ProductCache cache) {
        this.catalog = catalog;
        this.cache = cache;
    }

    @AsynchronousNonBlocking
    @Timeout(value = 800, unit = ChronoUnit.MILLIS)
    @Retry(maxRetries = 1, delay = 50, delayUnit = ChronoUnit.MILLIS, abortOn = IllegalArgumentException.class)
    @CircuitBreaker(
            requestVolumeThreshold = 20,
            failureRatio = 0.5,
            delay = 5,
            delayUnit = ChronoUnit.SECONDS,
            successThreshold = 1)
    public Uni<Map<UUID, ProductSummary>> fetch(List<UUID> variantIds) {
        if (variantIds.size() > BATCH) {
            throw new IllegalArgumentException("at most " + BATCH + " variants per lookup");
        }
        long at = System.currentTimeMillis();
        return catalog.lookup(new CatalogClient.LookupRequest(variantIds)).flatMap(answer -> {
            Map<UUID, ProductSummary> found = new HashMap<>();
            List<Uni<Boolean>> writes = new ArrayList<>();
            for (CatalogClient.VariantInfo v : answer.items()) {
                ProductSummary s = new ProductSummary(
                        v.variantId(), v.productId(), v.shopId(), v.title(), v.price(), v.available(), v.sellable());
                found.put(v.variantId(), s);
                writes.add(cache.put(s, v.productVersion(), at));
                // known as the product's, so its delisting or deactivation reaches this entry too
                writes.add(cache.rememberVariants(v.productId(), List.of(v.variantId()))
                        .replaceWith(true));
            }
            return writes.isEmpty()
                    ? Uni.createFrom().item(found)
                    : Uni.join().all(writes).andFailFast().replaceWith(found);
        });
    }
}
