package dev.bazaar.kit.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bazaar.kit.problem.ProblemException;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} for mutating endpoints that move money or stock. The first request with a key runs and its
 * answer (status, body, Location) is stored; the same key with the same body replays that answer; with another body
 * it is refused (422); while the first is still running a duplicate gets 409. An action that fails with an exception
 * (or a 5xx) stores nothing, so the client may retry. Keys expire after {@code bazaar.idempotency.ttl} (24 h).
 */
@ApplicationScoped
@IfBuildProperty(name = "bazaar.kit.postgres.enabled", stringValue = "true")
public class IdempotencyKeys {

    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final Pool pool;
    private final ObjectMapper json;
    private final Duration ttl;

    public IdempotencyKeys(Pool pool, ObjectMapper json,
            @ConfigProperty(name = "bazaar.idempotency.ttl", defaultValue = "24h") Duration ttl) {
        this.pool = pool;
        this.json = json;
        this.ttl = ttl;
    }

    public Uni<Response> run(IdempotentRequest request, Supplier<Uni<Response>> action) {
        return claim(request).flatMap(claimed -> claimed ? runFirst(request, action) : answerRepeat(request, action, true));
    }

    private Uni<Boolean> claim(IdempotentRequest r) {
        return pool.preparedQuery("""
                INSERT INTO kit_idempotency_key (scope, idem_key, request_hash, expires_at)
                VALUES ($1, $2, $3, now() + make_interval(secs => $4))
                ON CONFLICT DO NOTHING""")
                .execute(Tuple.of(r.scope(), r.key(), r.bodyHash(), (double) ttl.toSeconds()))
                .map(rows -> rows.rowCount() == 1);
    }

    private Uni<Response> runFirst(IdempotentRequest r, Supplier<Uni<Response>> action) {
        return Uni.createFrom().<Response>deferred(action::get)
                .call(response -> response.getStatus() >= 500 ? forget(r) : store(r, response))
                .onFailure().call(e -> forget(r));
    }

    private Uni<Response> answerRepeat(IdempotentRequest r, Supplier<Uni<Response>> action, boolean mayRetry) {
        return pool.preparedQuery("""
                SELECT request_hash, status, response_type, response_headers::text AS headers, response_body,
                       expires_at < now() AS expired
                FROM kit_idempotency_key WHERE scope = $1 AND idem_key = $2""")
                .execute(Tuple.of(r.scope(), r.key()))
                .flatMap(rows -> {
                    if (!rows.iterator().hasNext()) {
                        // the first request failed and forgot the key in the meantime: this one may run
                        return mayRetry ? run(r, action) : Uni.createFrom().failure(inFlight());
                    }
                    Row row = rows.iterator().next();
                    if (row.getBoolean("expired")) {
                        return forget(r).flatMap(v -> mayRetry ? run(r, action) : Uni.createFrom().failure(inFlight()));
                    }
                    if (!row.getString("request_hash").equals(r.bodyHash())) {
                        return Uni.createFrom().failure(new ProblemException("idempotency-key-reused",
                                "Idempotency-Key reused", 422,
                                "This Idempotency-Key was already used with a different request body."));
                    }
                    if (row.getInteger("status") == null) {
                        return Uni.createFrom().failure(inFlight());
                    }
                    return Uni.createFrom().item(replay(row));
                });
    }

    private static ProblemException inFlight() {
        return new ProblemException("idempotency-key-in-flight", "Request in progress", 409,
                "A request with this Idempotency-Key is still being processed; retry shortly.");
    }

    private Uni<Void> store(IdempotentRequest r, Response response) {
        String body;
        try {
            Object entity = response.getEntity();
            body = entity == null ? null : entity instanceof String s ? s : json.writeValueAsString(entity);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        JsonObject headers = new JsonObject();
        Object location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
        if (location != null) {
            headers.put(HttpHeaders.LOCATION, location.toString());
        }
        String type = response.getMediaType() == null ? null : response.getMediaType().toString();
        return pool.preparedQuery("""
                UPDATE kit_idempotency_key
                SET status = $3, response_type = $4, response_headers = $5, response_body = $6,
                    completed_at = now()
                WHERE scope = $1 AND idem_key = $2""")
                .execute(Tuple.of(r.scope(), r.key(), response.getStatus(), type, headers, body))
                .replaceWithVoid();
    }

    private Uni<Void> forget(IdempotentRequest r) {
        return pool.preparedQuery("DELETE FROM kit_idempotency_key WHERE scope = $1 AND idem_key = $2")
                .execute(Tuple.of(r.scope(), r.key())).replaceWithVoid();
    }

    private static Response replay(Row row) {
        Response.ResponseBuilder b = Response.status(row.getInteger("status")).header(REPLAYED_HEADER, "true");
        if (row.getString("response_type") != null) {
            b.type(row.getString("response_type"));
        }
        if (row.getString("headers") != null) {
            new JsonObject(row.getString("headers")).forEach(h -> b.header(h.getKey(), h.getValue()));
        }
        if (row.getString("response_body") != null) {
            b.entity(row.getString("response_body"));
        }
        return b.build();
    }
}
