package dev.bazaar.checkout.client;

import dev.bazaar.checkout.config.CheckoutConfig;
import dev.bazaar.kit.warmup.RepeatedWarmUp;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Before checkout reports ready, looks up {@code bazaar.checkout.catalog-warm-up-lookups} variants that do not exist,
 * one after another, through the catalog client a quote uses: the first fetches the service token, all of them open
 * the client's connections and run the quote's catalog call for the first time, on both sides. A catalog that is not
 * there ends the warm-up at the first failure (logged by the kit), and checkout starts without it.
 */
@Singleton
public class CatalogWarmUp extends RepeatedWarmUp {

    private final CatalogClient catalog;

    public CatalogWarmUp(@RestClient CatalogClient catalog, CheckoutConfig config) {
        super("catalog-lookup", config.catalogWarmUpLookups(), Duration.ofSeconds(3));
        this.catalog = catalog;
    }

    @Override
    protected Uni<?> call(int i) {
        return catalog.lookup(new CatalogClient.LookupRequest(List.of(UUID.randomUUID())));
    }
}
