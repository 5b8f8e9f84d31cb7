package dev.bazaar.catalog.rest;

import static dev.bazaar.catalog.rest.AdminShopResource.UUID_PATTERN;

import dev.bazaar.catalog.domain.Product;
import dev.bazaar.catalog.service.VariantService;
import dev.bazaar.kit.tenancy.CurrentUser;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A seller's variants after the product was made (#26), always within the seller's own shop (another shop's product
 * or variant → 404). Each answers the whole product as the seller sees it, every variant with its {@code active} flag.
 * Stock stays {@code PUT /api/v1/seller/variants/{id}/stock} ({@link SellerProductResource}).
 */
@Path("/api/v1/seller")
@RolesAllowed("seller")
@Produces(MediaType.APPLICATION_JSON)
public class SellerVariantResource {

    private final VariantService variants;
    private final CurrentUser user;

    public SellerVariantResource(VariantService variants, CurrentUser user) {
        this.variants = variants;
        this.user = user;
    }

    @POST
    @Path("products/{id}/variants")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Add a variant to a product of your shop",
            description = "On sale at once (a live product's ProductUpdated lists it). A SKU another variant of the"
                    + " shop has is a 409 duplicate-sku; a compare-at price below the price a 400. → 201 with the"
                    + " product.")
    public Uni<Response> add(
            @PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id,
            @Valid @NotNull(message = "a body is required") ProductRequests.NewVariant body) {
        return variants.add(user.subject(), UUID.fromString(id), body)
                .map(p -> Response.created(URI.create("/api/v1/seller/products/" + p.id()))
                        .entity(p)
                        .build());
    }

    @PATCH
    @Path("variants/{variantId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Change a variant's price, compare-at price, SKU, options or weight",
            description = "Fields left out stay. A live product's price change is live at once and reaches carts as"
                    + " PriceChanged (a PRICE_CHANGED warning there); other changes as ProductUpdated.")
    public Uni<Product> change(
            @PathParam("variantId") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String variantId,
            @Valid @NotNull(message = "a body is required") VariantRequests.VariantChange body) {
        return variants.change(user.subject(), UUID.fromString(variantId), body);
    }

    @POST
    @Path("variants/{variantId}/deactivate")
    @Operation(
            summary = "Stop selling a variant",
            description = "Kept for order history; left out of the product page, search and product events, refused"
                    + " by reservations and reported unsellable to carts and checkouts. The product's last variant on"
                    + " sale cannot be deactivated (409 last-active-variant): archive the product instead.")
    public Uni<Product> deactivate(
            @PathParam("variantId") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String variantId) {
        return variants.setActive(user.subject(), UUID.fromString(variantId), false);
    }

    @POST
    @Path("variants/{variantId}/activate")
    @Operation(summary = "Sell a deactivated variant again")
    public Uni<Product> activate(
            @PathParam("variantId") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String variantId) {
        return variants.setActive(user.subject(), UUID.fromString(variantId), true);
    }
}
