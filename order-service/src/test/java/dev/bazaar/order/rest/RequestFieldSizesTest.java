package dev.bazaar.order.rest;

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
        Scan scan = RequestFieldSizes.scan(RequestFieldSizes.restClasses(OrderResource.class));

        // the scan sees what we know is there
        assertThat(scan.strings()).contains("SellerOrderResource.ShipmentRequest.carrier",
                "SellerOrderResource.ShipmentRequest.trackingNumber", "SellerOrderResource.ReasonRequest.reason",
                "OrderResource.ReturnRequest.reason", "OrderResource.CancelRequest.reason",
                "OrderResource.history(@QueryParam asOf)", "AdminOrderResource.dailySales(@QueryParam from)",
                "SellerOrderResource.list(@QueryParam status)");
        assertThat(BOUNDED_ELSEWHERE.keySet().stream().filter(k -> !scan.offenders().containsKey(k)).toList())
                .as("bounded elsewhere, and still there without an annotation").isEmpty();

        SortedMap<String, String> unbounded = new TreeMap<>(scan.offenders());
        unbounded.keySet().removeAll(BOUNDED_ELSEWHERE.keySet());
        assertThat(unbounded).as("request strings, lists and maps without a limit").isEmpty();
    }
}
