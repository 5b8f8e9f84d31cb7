package dev.bazaar.catalog.rest;

import dev.bazaar.catalog.persistence.ProductIndex;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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
 * The one place outside {@code persistence/} that runs SQL, on purpose (ADR 0016): a yardstick measures the bare
 * store call, so it holds the reactive pool itself — no repository, no Hibernate session in between.
 */
@ApplicationScoped
public class BareCatalogRoutes {

    private static final Logger LOG = Logger.getLogger(BareCatalogRoutes.class);

    static final String HOLD = "UPDATE inventory SET reserved = reserved + 1, version = version + 1 "
            + "WHERE variant_id = $1 AND on_hand - reserved >= 1";
    static final String UNHOLD = "UPDATE inventory SET reserved = reserved - 1, version = version + 1 "
            + "WHERE variant_id = $1 AND reserved >= 1";

    void register(@Observes Router router, ProductIndex index, Pool pool,
            @ConfigProperty(name = "bazaar.catalog.bench-endpoints", defaultValue = "false") boolean enabled) {
        if (!enabled) {
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
            pool.preparedQuery(HOLD).execute(Tuple.of(variant))
                    .flatMap(held -> held.rowCount() == 0 ? io.smallrye.mutiny.Uni.createFrom().item(0)
                            : pool.preparedQuery(UNHOLD).execute(Tuple.of(variant)).map(x -> held.rowCount()))
                    .subscribe().with(
                            held -> ctx.response().putHeader("Content-Type", "application/json")
                                    .end("{\"held\":" + held + "}"),
                            e -> ctx.response().setStatusCode(500).end(String.valueOf(e.getMessage())));
        });
    }
}
