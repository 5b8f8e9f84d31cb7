package dev.bazaar.order.service;

import dev.bazaar.order.client.CheckoutClient;
import dev.bazaar.order.client.CheckoutClient.ShippingAddress;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Where a seller's part of an order goes: read from checkout's address book each time it is shown (never stored or
 * copied here, never in an event: ADR 0005, 0017). The seller still sees their order when checkout cannot answer
 * (timeout, down, address gone): the address is then absent and the answer says so.
 */
@ApplicationScoped
public class ShippingAddresses {

    private static final Logger LOG = Logger.getLogger(ShippingAddresses.class);

    private final CheckoutClient checkout;

    public ShippingAddresses(@RestClient CheckoutClient checkout) {
        this.checkout = checkout;
    }

    /** The address of {@code addressId} for {@code reader} (a subject), read for this order and shop. */
    public Uni<Optional<ShippingAddress>> read(UUID addressId, UUID orderId, UUID shopId, String reader) {
        if (addressId == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return checkout.address(addressId, orderId, shopId, reader)
                .map(Optional::of)
                .onFailure()
                .recoverWithItem(e -> {
                    LOG.warnf(e, "shipping address %s of order %s not readable from checkout", addressId, orderId);
                    return Optional.empty();
                });
    }
}
