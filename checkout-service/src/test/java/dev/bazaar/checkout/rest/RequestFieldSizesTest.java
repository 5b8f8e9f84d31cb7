package dev.bazaar.checkout.rest;

import dev.bazaar.devstack.testing.RequestFieldSizes;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every string a client sends this service has a length limit (#21): the shared scan ({@link RequestFieldSizes}) reads
 * the compiled classes of this rest package, so a new request record or parameter without a limit fails here, by name.
 */
class RequestFieldSizesTest {

    /** Request strings whose limit is enforced elsewhere, and where. */
    static final Map<String, String> BOUNDED_ELSEWHERE = Map.of(
            "CheckoutResource.confirm(@HeaderParam Idempotency-Key)",
            "IdempotentRequest.of: 1 to 255 visible ASCII characters, else 400 idempotency-key-invalid");

    @Test
    void everyRequestStringHasALengthLimit() {
        RequestFieldSizes.assertEveryRequestStringIsBounded(
                CheckoutResource.class,
                BOUNDED_ELSEWHERE,
                "CheckoutResource.AddressRequest.name",
                "CheckoutResource.AddressRequest.line1",
                "CheckoutResource.AddressRequest.line2",
                "CheckoutResource.AddressRequest.city",
                "CheckoutResource.AddressRequest.region",
                "CheckoutResource.AddressRequest.postalCode",
                "CheckoutResource.AddressRequest.country",
                "CheckoutResource.QuoteRequest.displayCurrency",
                "CheckoutResource.ConfirmRequest.paymentMethod",
                "CheckoutResource.get(@PathParam id)",
                "InternalShippingAddressResource.get(@PathParam id)",
                "InternalShippingAddressResource.get(@QueryParam orderId)",
                "InternalShippingAddressResource.get(@QueryParam shopId)",
                "InternalShippingAddressResource.get(@QueryParam reader)");
    }
}
