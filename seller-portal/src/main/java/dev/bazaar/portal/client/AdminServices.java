package dev.bazaar.portal.client;

import dev.bazaar.portal.config.PortalConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Every service with admin endpoints, by name, in the order the console's pages show them (catalog, order, payment,
 * notification, review, checkout, cart), and the one way the console builds a client of the same API on each: connect
 * and answer within {@link PortalConfig.AdminCalls}' limits (2 s and 5 s by default; a slower service is named on the
 * page as not answering, the others still shown).
 */
@ApplicationScoped
public class AdminServices {

    private final Map<String, URI> urls = new LinkedHashMap<>();
    private final PortalConfig.AdminCalls calls;

    public AdminServices(PortalConfig config) {
        urls.put("catalog", config.catalogUrl());
        urls.put("order", config.orderUrl());
        urls.put("payment", config.paymentUrl());
        urls.put("notification", config.notificationUrl());
        urls.put("review", config.reviewUrl());
        urls.put("checkout", config.checkoutUrl());
        urls.put("cart", config.cartUrl());
        this.calls = config.adminCalls();
    }

    /** A client of {@code api} on each service, by name, in the pages' order. */
    public <T> Map<String, T> clients(Class<T> api) {
        Map<String, T> clients = new LinkedHashMap<>();
        urls.forEach((name, base) -> clients.put(
                name,
                QuarkusRestClientBuilder.newBuilder()
                        .baseUri(base)
                        .connectTimeout(calls.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                        .readTimeout(calls.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                        .build(api)));
        return Collections.unmodifiableMap(clients);
    }
}
