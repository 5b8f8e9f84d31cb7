package dev.bazaar.catalog.rest;

import dev.bazaar.devstack.testing.RequestFieldSizes;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every string a client sends this service has a length limit (#21): the shared scan ({@link RequestFieldSizes}) reads
 * the compiled classes of this rest package, so a new request record or parameter without a limit fails here, by name.
 */
class RequestFieldSizesTest {

    /** Request strings whose limit is enforced elsewhere, and where. */
    static final Map<String, String> BOUNDED_ELSEWHERE = Map.of();

    @Test
    void everyRequestStringHasALengthLimit() {
        RequestFieldSizes.assertEveryRequestStringIsBounded(
                ProductRequests.class,
                BOUNDED_ELSEWHERE,
                "ProductRequests.NewProduct.title",
                "ProductRequests.NewProduct.description",
                "ProductRequests.NewProduct.tags[]",
                "ProductRequests.NewProduct.attributes<key>",
                "ProductRequests.NewProduct.attributes<value>",
                "ProductRequests.UpdateProduct.description",
                "ProductRequests.NewVariant.sku",
                "ProductRequests.NewVariant.options<value>",
                "ProductRequests.MediaItem.url",
                "VariantRequests.VariantChange.sku",
                "VariantRequests.VariantChange.options<key>",
                "ShopRequests.OpenShop.name",
                "ShopRequests.Reason.reason",
                "SellerApplicationRequests.Apply.shopName",
                "SellerApplicationRequests.Apply.contactEmail",
                "SellerApplicationRequests.Apply.contactPhone",
                "SellerApplicationRequests.Reject.reason",
                "ProductSearchResource.search(@QueryParam q)",
                "PublicCatalogResource.shop(@PathParam slug)");
    }
}
