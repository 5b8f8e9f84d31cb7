package dev.bazaar.portal.client;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The audit log API of each service with admin endpoints, by name (catalog, order, payment, notification, review,
 * checkout, cart), built once from the services' URLs. A call waits at most 5 s: a service slower than that is named
 * on the page as not answering, and the others are still shown.
 */
@ApplicationScoped
public class AuditLogs {

    private final Map<String, AuditClient> clients = new LinkedHashMap<>();

    public AuditLogs(@ConfigProperty(name = "bazaar.portal.catalog-url") URI catalog,
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

    private static AuditClient build(URI base) {
        return QuarkusRestClientBuilder.newBuilder().baseUri(base).connectTimeout(2, TimeUnit.SECONDS)
                .readTimeout(5, TimeUnit.SECONDS).build(AuditClient.class);
    }

    /** The services by name. */
    public Map<String, AuditClient> services() {
        return clients;
    }
}
