package dev.bazaar.portal.client;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The dead-letter API of each service the portal talks to, by name (catalog, order, payment, notification, review,
 * checkout, cart),
 * built once from the services' URLs. A call waits at most 5 s for its answer (a replay of a long queue may take
 * longer: the page then says the service did not answer, and the replay goes on there).
 */
@ApplicationScoped
public class DeadLetters {

    private final Map<String, DeadLetterClient> clients = new LinkedHashMap<>();

    public DeadLetters(@ConfigProperty(name = "bazaar.portal.catalog-url") URI catalog,
            @ConfigProperty(name = "bazaar.portal.order-url") URI order,
            @ConfigProperty(name = "bazaar.portal.payment-url") URI payment,
            @ConfigProperty(name = "bazaar.portal.notification-url") URI notification,
            @ConfigProperty(name = "bazaar.portal.review-url") URI review,
            @ConfigProperty(name = "bazaar.portal.checkout-url") URI checkout,
            @ConfigProperty(name = "bazaar.portal.cart-url") URI cart) {
        clients.put("catalog", build(catalog));
        clients.put("order", build(order));
        clients.put("payment", build(payment));
        clients.put("notification", build(notification));
        clients.put("review", build(review));
        clients.put("checkout", build(checkout));
        clients.put("cart", build(cart));
    }

    private static DeadLetterClient build(URI base) {
        return QuarkusRestClientBuilder.newBuilder().baseUri(base).connectTimeout(2, TimeUnit.SECONDS)
                .readTimeout(5, TimeUnit.SECONDS).build(DeadLetterClient.class);
    }

    /** The services by name, in the order the page shows them. */
    public Map<String, DeadLetterClient> services() {
        return clients;
    }
}
