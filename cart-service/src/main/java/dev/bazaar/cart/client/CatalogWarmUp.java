package dev.bazaar.cart.client;

import dev.bazaar.cart.config.RateLimits;
import dev.bazaar.kit.warmup.RepeatedWarmUp;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Before cart reports ready, looks up {@code bazaar.cart.catalog-warm-up-lookups} variants that do not exist, one after
 * another, through the catalog client itself (not {@link CatalogLookup}: its breaker and cache stay untouched). The
 * first lookup fetches the service token; all of them open the client's connections and run the code an add to cart
 * runs on a cache miss, on both sides, for the first time. A catalog that is not there ends the warm-up at the first
 * failure (logged by the kit), and cart starts without it.
 */
@Singleton
public class CatalogWarmUp extends RepeatedWarmUp {

    private final CatalogClient catalog;

    public CatalogWarmUp(@RestClient CatalogClient catalog, RateLimits settings) {
        super("catalog-lookup", settings.catalogWarmUpLookups(), Duration.ofSeconds(2));
        this.catalog = catalog;
    }

    @Override
    protected Uni<?> call(int i) {
        return catalog.lookup(new CatalogClient.LookupRequest(List.of(UUID.randomUUID())));
    }
}
