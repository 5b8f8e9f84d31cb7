package dev.bazaar.portal.client;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Every service with admin endpoints, by name, in the order the console's pages show them (catalog, order, payment,
 * notification, review, checkout, cart), and the one way the console builds a client of the same API on each: connect
 * within 2 s, an answer within 5 s (a slower service is named on the page as not answering, the others still shown).
 */
@ApplicationScoped
public class AdminServices {

    private final Map<String, URI> urls = new LinkedHashMap<>();

    public AdminServices(@ConfigProperty(name = "bazaar.portal.catalog-url") URI catalog,
            @ConfigProperty(name = "bazaar.portal.order-url") URI order,
            @ConfigProperty(name = "bazaar.portal.payment-url") URI payment,
            @ConfigProperty(name = "bazaar.portal.notification-url") URI notification,
            @ConfigProperty(name = "bazaar.portal.review-url") URI review,
            @ConfigProperty(name = "bazaar.portal.checkout-url") URI checkout,
            @ConfigProperty(name = "bazaar.portal.cart-url") URI cart) {
        urls.put("catalog", catalog);
        urls.put("order", order);
        urls.put("payment", payment);
        urls.put("notification", notification);
        urls.put("review", review);
        urls.put("checkout", checkout);
        urls.put("cart", cart);
    }

    /** A client of {@code api} on each service, by name, in the pages' order. */
    public <T> Map<String, T> clients(Class<T> api) {
        Map<String, T> clients = new LinkedHashMap<>();
        urls.forEach((name, base) -> clients.put(name, QuarkusRestClientBuilder.newBuilder().baseUri(base)
                .connectTimeout(2, TimeUnit.SECONDS).readTimeout(5, TimeUnit.SECONDS).build(api)));
        return Collections.unmodifiableMap(clients);
    }
}
