package dev.bazaar.kit.web;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A declared body over {@code quarkus.http.limits.max-body-size} is refused as 413 problem+json, before anything reads
 * it (Quarkus' own check would answer an empty 413). Bodies sent without a Content-Length are still cut off by
 * Quarkus at the same limit, with its plain 413.
 */
@ApplicationScoped
public class BodyLimit {

    static final String BODY =
            "{\"type\":\"https://bazaar.dev/problems/payload-too-large\",\"title\":\"Payload too large\","
                    + "\"status\":413,\"detail\":\"The request body is larger than %d bytes.\"}";

    void register(
            @Observes Router router,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> max) {
        if (max.isEmpty()) {
            return;
        }
        long limit = max.get().asLongValue();
        String body = String.format(BODY, limit);
        router.route().order(-3).handler(ctx -> {
            String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (declared != null) {
                try {
                    if (Long.parseLong(declared.trim()) > limit) {
                        ctx.response()
                                .setStatusCode(413)
                                .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                                .putHeader(HttpHeaders.CONNECTION, "close")
                                .end(body);
                        return;
                    }
                } catch (NumberFormatException e) {
                    // a malformed length is the HTTP codec's business
                }
            }
            ctx.next();
        });
    }
}
