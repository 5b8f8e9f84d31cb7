package dev.bazaar.cart.rest;

import dev.bazaar.cart.config.RateLimits;
import dev.bazaar.cart.domain.CartKeys;
import dev.bazaar.cart.domain.CartLimits;
import dev.bazaar.cart.persistence.RedisScripts;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The benchmark's yardstick (bench/run-cart): {@code POST /bench/bare/add?cart=&variant=} runs exactly the Redis
 * command of one add-to-cart — the same script, keys and arguments — with no authentication, validation, rate limiting
 * or JSON mapping. Registered only when {@code bazaar.cart.bench-endpoints=true} (the {@code bench} profile).
 */
@ApplicationScoped
public class BareCartRoutes {

    private static final Logger LOG = Logger.getLogger(BareCartRoutes.class);

    void register(@Observes Router router, RateLimits config, RedisScripts scripts) {
        if (!config.benchEndpoints()) {
            return;
        }
        LOG.warn("bench endpoints are ON (/bench/bare/add): never enable bazaar.cart.bench-endpoints in production");
        router.post("/bench/bare/add").handler(ctx -> {
            String cart = CartKeys.buyer(ctx.request().getParam("cart"));
            String variant = ctx.request().getParam("variant");
            scripts.run(
                            RedisScripts.ADD_ITEM,
                            "5",
                            CartKeys.NO_KEY,
                            CartKeys.NO_KEY,
                            cart,
                            CartKeys.variant(UUID.fromString(variant)),
                            CartKeys.SUSPENDED_SHOPS,
                            "0",
                            "0",
                            "0",
                            "1",
                            Integer.toString(CartLimits.MAX_QUANTITY),
                            Integer.toString(CartLimits.MAX_LINES),
                            Long.toString(CartLimits.BUYER_TTL.toSeconds()),
                            Instant.now().toString(),
                            "0",
                            variant)
                    .subscribe()
                    .with(
                            r -> {
                                HttpServerResponse res = ctx.response().putHeader("Content-Type", "application/json");
                                res.end("{\"code\":\"" + r.get(0) + "\"}");
                            },
                            e -> ctx.response().setStatusCode(500).end(String.valueOf(e.getMessage())));
        });
    }
}
