package dev.bazaar.checkout.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.bazaar.checkout.client.CartClient;
import dev.bazaar.checkout.client.CatalogClient;
import dev.bazaar.checkout.domain.quote.BundledTaxRates;
import dev.bazaar.checkout.domain.quote.Destination;
import dev.bazaar.checkout.domain.quote.Quoting;
import dev.bazaar.checkout.domain.quote.TableShippingRates;
import dev.bazaar.checkout.persistence.QuoteStore;
import dev.bazaar.contracts.messaging.MessageCodec;
import dev.bazaar.kit.money.DisplayRates;
import dev.bazaar.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * A quote from the buyer's cart as it is now: the cart (read with the buyer's own token), every line re-priced by the
 * catalog (service token), then {@link Quoting}. Lines that cannot be bought make the quote fail with 409 naming them;
 * nothing is stored then. A quote is stored with its address (a separate, mutable row) and answered with its id.
 */
@ApplicationScoped
public class Quotes {

    public record Address(
            String name, String line1, String line2, String city, String region, String postalCode, String country) {}

    public record StoredQuote(UUID id, Quoting.Quote quote) {}

    private final CartClient cart;
    private final CatalogClient catalog;
    private final QuoteStore quotes;
    private final DisplayRates rates;
    private final Quoting quoting =
            new Quoting(new TableShippingRates("US", TableShippingRates.DEFAULT, Map.of()), BundledTaxRates.load());

    public Quotes(
            @RestClient CartClient cart, @RestClient CatalogClient catalog, QuoteStore quotes, DisplayRates rates) {
        this.cart = cart;
        this.catalog = catalog;
        this.quotes = quotes;
        this.rates = rates;
    }

    public Uni<StoredQuote> quote(String buyer, String bearer, Address address, String displayCurrency) {
        Currency display = displayCurrency(displayCurrency);
        return cart.cart("Bearer " + bearer)
                .onFailure(e -> !(e instanceof ProblemException))
                .transform(e -> unavailable("cart", e))
                .flatMap(c -> {
                    if (c.items() == null || c.items().isEmpty()) {
                        throw new ProblemException.Conflict("cart-empty", "Your cart is empty.");
                    }
                    return catalog.lookup(new CatalogClient.LookupRequest(c.items().stream()
                                    .map(CartClient.CartItem::variantId)
                                    .toList()))
                            .onFailure(e -> !(e instanceof ProblemException))
                            .transform(e -> unavailable("catalog", e))
                            .map(found -> price(c.items(), found.items()));
                })
                .map(lines -> quoting.quote(
                        lines,
                        new Destination(address.country(), address.region()),
                        display,
                        display == null ? null : rates.rates().get(display.getCurrencyCode()),
                        LocalDate.parse(rates.asOf())))
                .onFailure(Quoting.UnservedDestination.class)
                .transform(e -> new ProblemException.Invalid(
                        "shippingAddress.region",
                        e.getMessage() + " (US and Canadian addresses need their state or " + "province)"))
                .flatMap(q -> store(buyer, address, q, display));
    }

    private List<Quoting.PricedLine> price(List<CartClient.CartItem> items, List<CatalogClient.VariantInfo> infos) {
        Map<UUID, CatalogClient.VariantInfo> byId =
                infos.stream().collect(Collectors.toMap(CatalogClient.VariantInfo::variantId, Function.identity()));
        List<String> problems = new ArrayList<>();
        List<Quoting.PricedLine> lines = new ArrayList<>();
        for (CartClient.CartItem i : items) {
            CatalogClient.VariantInfo v = byId.get(i.variantId());
            if (v == null || !v.sellable()) {
                problems.add(i.variantId() + " is no longer sold");
            } else if (v.available() < i.quantity()) {
                problems.add(i.variantId() + ": only " + Math.max(0, v.available()) + " left");
            } else {
                lines.add(new Quoting.PricedLine(
                        v.variantId(),
                        v.productId(),
                        v.shopId(),
                        v.title(),
                        v.sku(),
                        i.quantity(),
                        v.price(),
                        v.weightGrams(),
                        v.commissionRateBps(),
                        v.categoryId(),
                        v.options()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ProblemException.Conflict(
                    "cart-not-buyable", "Some lines cannot be bought: " + String.join("; ", problems) + ".");
        }
        return lines;
    }

    private Uni<StoredQuote> store(String buyer, Address a, Quoting.Quote q, Currency display) {
        UUID id = UUID.randomUUID();
        String json;
        try {
            json = MessageCodec.json().writeValueAsString(q);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return quotes.insert(
                        id,
                        buyer,
                        new QuoteStore.ShippingAddress(
                                a.name(), a.line1(), a.line2(), a.city(), a.region(), a.postalCode(), a.country()),
                        json,
                        q.total().amount(),
                        display == null ? null : display.getCurrencyCode())
                .replaceWith(new StoredQuote(id, q));
    }

    private Currency displayCurrency(String code) {
        if (code == null || code.isBlank() || code.equals("USD")) {
            return null;
        }
        BigDecimal rate = rates.rates().get(code);
        if (rate == null) {
            throw new ProblemException.Invalid(
                    "displayCurrency",
                    "must be USD or one of "
                            + new java.util.TreeSet<>(rates.rates().keySet()));
        }
        return Currency.getInstance(code);
    }

    private static ProblemException unavailable(String what, Throwable e) {
        return new ProblemException.Unavailable(
                what + "-unavailable",
                Duration.ofSeconds(5),
                "The " + what + " could not be reached; nothing was quoted.");
    }
}
