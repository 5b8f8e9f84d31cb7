package dev.bazaar.catalog.rest;

import dev.bazaar.catalog.config.CatalogConfig;
import dev.bazaar.catalog.persistence.ProductIndex;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;

import java.nio.charset.StandardCharsets;

/**
 * The yardstick of a first page with facets (bench/run, ADR 0028): {@code GET /bench/bare/msearch?source=<NDJSON>}
 * sends that {@code _msearch} body (the page of hits and the size-0 facets request) to the products alias and returns
 * OpenSearch's answer as it came — the store call of the public search, without the service around it. Registered
 * only when {@code bazaar.catalog.bench-endpoints=true} (the {@code load} profile), as {@link BareCatalogRoutes}.
 */
@ApplicationScoped
public class BareSearchRoutes {

    void register(@Observes Router router, ProductIndex index, CatalogConfig config) {
        if (!config.benchEndpoints()) {
            return;
        }
        router.get("/bench/bare/msearch").handler(ctx -> {
            String source = ctx.request().getParam("source");
            if (source == null || source.isBlank()) {
                ctx.response().setStatusCode(400).end("source must be an _msearch body (NDJSON)");
                return;
            }
            Request r = new Request("POST", "/" + index.alias() + "/_msearch");
            r.setEntity(new NStringEntity(source, ContentType.create("application/x-ndjson", StandardCharsets.UTF_8)));
            index.send(r).subscribe().with(
                    body -> ctx.response().putHeader("Content-Type", "application/json").end(body.encode()),
                    e -> ctx.response().setStatusCode(500).end(String.valueOf(e.getMessage())));
        });
    }
}
