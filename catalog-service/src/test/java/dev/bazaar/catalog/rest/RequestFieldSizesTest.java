package dev.bazaar.catalog.rest;

import dev.bazaar.devstack.testing.RequestFieldSizes;
import dev.bazaar.devstack.testing.RequestFieldSizes.Scan;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every string a client sends this service has a length limit (#21): the shared scan ({@link RequestFieldSizes}) reads
 * the compiled classes of this rest package, so a new request record or parameter without a limit fails here, by name.
 */
class RequestFieldSizesTest {

    /** Request strings whose limit is enforced elsewhere, and where. */
    static final Map<String, String> BOUNDED_ELSEWHERE = Map.of();

    @Test
    void everyRequestStringHasALengthLimit() {
        Scan scan = RequestFieldSizes.scan(RequestFieldSizes.restClasses(ProductRequests.class));

        // the scan sees what we know is there
        assertThat(scan.strings()).contains("ProductRequests.NewProduct.title",
                "ProductRequests.NewProduct.description", "ProductRequests.NewProduct.tags[]",
                "ProductRequests.NewProduct.attributes<key>", "ProductRequests.NewProduct.attributes<value>",
                "ProductRequests.UpdateProduct.description", "ProductRequests.NewVariant.sku",
                "ProductRequests.NewVariant.options<value>", "ProductRequests.MediaItem.url",
                "ShopRequests.OpenShop.name", "ShopRequests.Reason.reason",
                "ProductSearchResource.search(@QueryParam q)", "PublicCatalogResource.shop(@PathParam slug)");
        assertThat(BOUNDED_ELSEWHERE.keySet().stream().filter(k -> !scan.offenders().containsKey(k)).toList())
                .as("bounded elsewhere, and still there without an annotation").isEmpty();

        SortedMap<String, String> unbounded = new TreeMap<>(scan.offenders());
        unbounded.keySet().removeAll(BOUNDED_ELSEWHERE.keySet());
        assertThat(unbounded).as("request strings, lists and maps without a limit").isEmpty();
    }
}
