package dev.bazaar.catalog.rest;

import dev.bazaar.catalog.config.CatalogConfig;
import dev.bazaar.catalog.persistence.BareStock;
import dev.bazaar.catalog.persistence.ProductIndex;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The benchmark's yardsticks (bench/run): bare endpoints that make only the store call behind a catalog operation,
 * with no authentication, validation, query building or response mapping.
 * <ul>
 * <li>{@code GET /bench/bare/search?source=<OpenSearch query JSON>} sends that query to the products alias and returns
 * OpenSearch's answer as it came;</li>
 * <li>{@code GET /bench/bare/msearch?source=<NDJSON>} sends that {@code _msearch} body (a first page's hits and its
 * size-0 facets request, ADR 0028) the same way;</li>
 * <li>{@code POST /bench/bare/reserve?variant=} runs the reservation's stock update in PostgreSQL (the conditional
 * {@code reserved + 1}) and then its release ({@code reserved - 1}), two auto-committed statements, so stock is
 * unchanged afterwards.</li>
 * </ul>
 * Registered only when {@code bazaar.catalog.bench-endpoints=true} (the {@code load} profile). Never in production.
 * <p>
 * A yardstick measures the bare store call: {@link BareStock} runs its two statements on the reactive pool, no
 * Hibernate session in between (ADR 0016); the search yardsticks go through {@link ProductIndex#send}, past the fault
 * tolerance (timeout, circuit breaker) that guards the service's own searches, so the guard's cost shows in the
 * service's figures, not in the yardstick's.
 */
@ApplicationScoped
public class BareCatalogRoutes {

    private static final Logger LOG = Logger.getLogger(BareCatalogRoutes.class);

    void register(@Observes Router router, ProductIndex index, BareStock stock, CatalogConfig config) {
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
            index.send(index.searchRequest(query))
                    .subscribe()
                    .with(
                            r -> ctx.response()
                                    .putHeader("Content-Type", "application/json")
                                    .end(r.encode()),
                            e -> failed(ctx, e));
        });
        // the store call of a first page with facets (ADR 0028): the page of hits and the size-0 facets request as one
        // _msearch body (NDJSON) to the products alias, OpenSearch's answer as it came
        router.get("/bench/bare/msearch").handler(ctx -> {
            String source = ctx.request().getParam("source");
            if (source == null || source.isBlank()) {
                ctx.response().setStatusCode(400).end("source must be an _msearch body (NDJSON)");
                return;
            }
            index.send(index.msearchRequest(source))
                    .subscribe()
                    .with(
                            body -> ctx.response()
                                    .putHeader("Content-Type", "application/json")
                                    .end(body.encode()),
                            e -> failed(ctx, e));
        });
        router.post("/bench/bare/reserve").handler(ctx -> {
            UUID variant;
            try {
                variant = UUID.fromString(ctx.request().getParam("variant"));
            } catch (RuntimeException e) {
                ctx.response().setStatusCode(400).end("variant must be a UUID");
                return;
            }
            stock.holdAndRelease(variant)
                    .subscribe()
                    .with(
                            held -> ctx.response()
                                    .putHeader("Content-Type", "application/json")
                                    .end("{\"held\":" + held + "}"),
                            e -> failed(ctx, e));
        });
    }

    /** A store call that failed: logged with its stack trace, the message in the 500's body for the bench's log. */
    private static void failed(io.vertx.ext.web.RoutingContext ctx, Throwable e) {
        LOG.warnf(e, "bench endpoint %s failed", ctx.request().path());
        ctx.response().setStatusCode(500).end(String.valueOf(e.getMessage()));
    }
}
