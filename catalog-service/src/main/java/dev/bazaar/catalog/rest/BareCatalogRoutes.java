package dev.bazaar.catalog.rest;

import dev.bazaar.catalog.config.CatalogConfig;
import dev.bazaar.catalog.persistence.BareStock;
import dev.bazaar.catalog.persistence.ProductIndex;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.UUID;

/**
 * The benchmark's yardsticks (bench/run): bare endpoints that make only the store call behind a catalog operation,
 * with no authentication, validation, query building or response mapping.
 * <ul>
 * <li>{@code GET /bench/bare/search?source=<OpenSearch query JSON>} sends that query to the products alias and returns
 * OpenSearch's answer as it came;</li>
 * <li>{@code POST /bench/bare/reserve?variant=} runs the reservation's stock update in PostgreSQL (the conditional
 * {@code reserved + 1}) and then its release ({@code reserved - 1}), two auto-committed statements, so stock is
 * unchanged afterwards.</li>
 * </ul>
 * Registered only when {@code bazaar.catalog.bench-endpoints=true} (the {@code load} profile). Never in production.
 * <p>
 * A yardstick measures the bare store call: {@link BareStock} runs its two statements on the reactive pool, no
 * Hibernate session in between (ADR 0016).
 */
@ApplicationScoped
public class BareCatalogRoutes {

    private static final Logger LOG = Logger.getLogger(BareCatalogRoutes.class);

    void register(@Observes Router router, ProductIndex index, BareStock stock,
            CatalogConfig config) {
        if (!config.benchEndpoints()) {
            return;
        }
        LOG.warn("bench endpoints are ON (/bench/bare/*): never enable bazaar.catalog.bench-endpoints in production");
        router.get("/bench/bare/search").handler(ctx -> {
            JsonObject query;
            try {
                query = new JsonObject(ctx.request().getParam("source"));
            } catch (RuntimeException e) {
                ctx.response().setStatusCode(400).end("source must be an OpenSearch query");
                return;
            }
            index.search(query).subscribe().with(
                    r -> ctx.response().putHeader("Content-Type", "application/json").end(r.encode()),
                    e -> ctx.response().setStatusCode(500).end(String.valueOf(e.getMessage())));
        });
        router.post("/bench/bare/reserve").handler(ctx -> {
            UUID variant;
            try {
                variant = UUID.fromString(ctx.request().getParam("variant"));
            } catch (RuntimeException e) {
                ctx.response().setStatusCode(400).end("variant must be a UUID");
                return;
            }
            stock.holdAndRelease(variant).subscribe().with(
                            held -> ctx.response().putHeader("Content-Type", "application/json")
                                    .end("{\"held\":" + held + "}"),
                            e -> ctx.response().setStatusCode(500).end(String.valueOf(e.getMessage())));
        });
    }
}
