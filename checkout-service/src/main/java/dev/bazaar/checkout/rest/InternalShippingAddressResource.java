package dev.bazaar.checkout.rest;

import dev.bazaar.checkout.persistence.AddressBook;
import dev.bazaar.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * For other services only (role {@code service}): a buyer's shipping address by id, for order-service when a seller
 * ships (events carry only {@code shippingAddressId}: ADR 0005). The caller says for which order and shop, and who
 * reads; each read is recorded in {@code address_access} by the statement that reads it, and logged without the
 * address (ADR 0017). An unknown id is 404 and records nothing; bad parameters are 400 and record nothing.
 */
@Path("/api/v1/internal/shipping-addresses")
@RolesAllowed("service")
@Produces(MediaType.APPLICATION_JSON)
public class InternalShippingAddressResource {

    private static final Logger LOG = Logger.getLogger(InternalShippingAddressResource.class);

    /** The address as the buyer entered it ({@code line2} and {@code region} may be null). */
    public record ShippingAddressView(
            UUID id,
            String name,
            String line1,
            String line2,
            String city,
            String region,
            String postalCode,
            String country) {
        static ShippingAddressView of(AddressBook.Address a) {
            return new ShippingAddressView(
                    a.id(), a.name(), a.line1(), a.line2(), a.city(), a.region(), a.postalCode(), a.country());
        }
    }

    private final AddressBook addresses;

    public InternalShippingAddressResource(AddressBook addresses) {
        this.addresses = addresses;
    }

    @GET
    @Path("{id}")
    public Uni<ShippingAddressView> get(
            @PathParam("id") @Pattern(regexp = CheckoutResource.UUID_PATTERN, message = "must be a UUID") String id,
            @QueryParam("orderId")
                    @NotNull(message = "is required")
                    @Pattern(regexp = CheckoutResource.UUID_PATTERN, message = "must be a UUID")
                    String orderId,
            @QueryParam("shopId")
                    @NotNull(message = "is required")
                    @Pattern(regexp = CheckoutResource.UUID_PATTERN, message = "must be a UUID")
                    String shopId,
            @QueryParam("reader")
                    @NotBlank(message = "is required")
                    @Size(max = 200, message = "is at most 200 characters")
                    @Pattern(regexp = "\\P{Cntrl}*", message = "must not contain control characters")
                    String reader) {
        UUID addressId = UUID.fromString(id);
        AddressBook.Access access = new AddressBook.Access(UUID.fromString(orderId), UUID.fromString(shopId), reader);
        return addresses
                .readFor(addressId, access)
                .map(found -> found.orElseThrow(
                        () -> new ProblemException.NotFound("No shipping address " + addressId + ".")))
                // ids and the reader only: the address itself never reaches a log (ARCHITECTURE.md §9)
                .invoke(a -> LOG.infof(
                        "shipping address %s read by %s for order %s, shop %s",
                        addressId, reader, access.orderId(), access.shopId()))
                .map(ShippingAddressView::of);
    }
}
