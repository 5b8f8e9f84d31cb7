package dev.bazaar.checkout.rest;

import dev.bazaar.checkout.domain.CheckoutSession;
import dev.bazaar.checkout.persistence.CheckoutSessionRepository;
import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.kit.tenancy.CurrentUser;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.UUID;

/** A buyer's checkouts: the quote and, once confirmed, the saga's status. */
@Path("/api/v1/checkouts")
@RolesAllowed("buyer")
@Produces(MediaType.APPLICATION_JSON)
public class CheckoutResource {

    private static final String UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private final CheckoutSessionRepository sessions;
    private final CurrentUser user;
    private final dev.bazaar.checkout.service.Quotes quotes;
    private final org.eclipse.microprofile.jwt.JsonWebToken token;

    public CheckoutResource(CheckoutSessionRepository sessions, CurrentUser user,
            dev.bazaar.checkout.service.Quotes quotes, org.eclipse.microprofile.jwt.JsonWebToken token) {
        this.sessions = sessions;
        this.user = user;
        this.quotes = quotes;
        this.token = token;
    }

    public record AddressRequest(@jakarta.validation.constraints.NotBlank(message = "is required") String name,
            @jakarta.validation.constraints.NotBlank(message = "is required") String line1, String line2,
            @jakarta.validation.constraints.NotBlank(message = "is required") String city, String region,
            @jakarta.validation.constraints.NotBlank(message = "is required") String postalCode,
            @jakarta.validation.constraints.NotNull(message = "is required")
            @Pattern(regexp = "[A-Za-z]{2}", message = "must be an ISO 3166-1 alpha-2 code") String country) {
    }

    public record QuoteRequest(@jakarta.validation.Valid
            @jakarta.validation.constraints.NotNull(message = "is required") AddressRequest shippingAddress,
            @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String displayCurrency) {
    }

    /** A quote as the buyer sees it: no commission (frozen into the stored quote for the saga, never shown). */
    public record QuoteView(UUID id, String status, BuyerQuote quote) {
    }

    public record BuyerLine(UUID variantId, UUID productId, String title, String sku, int quantity,
            dev.bazaar.contracts.money.Money unitPrice, dev.bazaar.contracts.money.Money lineTotal) {
    }

    public record BuyerGroup(UUID shopId, java.util.List<BuyerLine> lines, dev.bazaar.contracts.money.Money subtotal,
            dev.bazaar.contracts.money.Money shipping, dev.bazaar.contracts.money.Money tax,
            dev.bazaar.contracts.money.Money total) {
    }

    public record BuyerQuote(java.util.List<BuyerGroup> groups, dev.bazaar.contracts.money.Money subtotal,
            dev.bazaar.contracts.money.Money shipping, dev.bazaar.contracts.money.Money tax,
            dev.bazaar.contracts.money.Money total,
            dev.bazaar.checkout.domain.quote.Quoting.DisplayAmount displayTotal) {
        static BuyerQuote of(dev.bazaar.checkout.domain.quote.Quoting.Quote q) {
            return new BuyerQuote(q.groups().stream().map(g -> new BuyerGroup(g.shopId(), g.lines().stream()
                    .map(l -> new BuyerLine(l.variantId(), l.productId(), l.title(), l.sku(), l.quantity(),
                            l.unitPrice(), l.lineTotal())).toList(), g.subtotal(), g.shipping(), g.tax(), g.total()))
                    .toList(), q.subtotal(), q.shipping(), q.tax(), q.total(), q.displayTotal());
        }
    }

    /** A quote from the buyer's cart as it is now: lines by seller, shipping, tax, totals in USD (the charge). */
    @jakarta.ws.rs.POST
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    public Uni<org.jboss.resteasy.reactive.RestResponse<QuoteView>> quote(@jakarta.validation.Valid
            @jakarta.validation.constraints.NotNull(message = "a body with shippingAddress is required")
            QuoteRequest body) {
        AddressRequest a = body.shippingAddress();
        return quotes.quote(user.subject(), token.getRawToken(), new dev.bazaar.checkout.service.Quotes.Address(
                a.name(), a.line1(), a.line2(), a.city(), a.region(), a.postalCode(), a.country()),
                body.displayCurrency()).map(q -> org.jboss.resteasy.reactive.RestResponse.ResponseBuilder
                        .<QuoteView>created(java.net.URI.create("/api/v1/checkouts/" + q.id()))
                        .entity(new QuoteView(q.id(), "QUOTED", BuyerQuote.of(q.quote()))).build());
    }

    @GET
    @Path("{id}")
    public Uni<CheckoutSession> get(@PathParam("id") @Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String id) {
        return sessions.findOwn(UUID.fromString(id), user.subject())
                .map(found -> found.orElseThrow(() -> new ProblemException.NotFound("No checkout " + id + ".")));
    }
}
