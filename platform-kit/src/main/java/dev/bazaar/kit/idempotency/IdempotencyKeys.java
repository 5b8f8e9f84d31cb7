package dev.bazaar.kit.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bazaar.kit.config.KitSettings;
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
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} for mutating endpoints that move money or stock. The first request with a key runs and its
 * answer (status, body, Location) is stored; the same key with the same body replays that answer; with another body
 * it is refused (422); while the first is still running a duplicate gets 409. An action that fails with an exception
 * (or a 5xx) stores nothing, so the client may retry. A claim left without an answer for longer than
 * {@code bazaar.idempotency.claim-timeout} (2 min: its request died with its process) is taken over by the next retry,
 * which runs the action; the dead request's late answer, if it ever comes, can then neither store nor forget anything.
 * The actions behind keys must therefore be safe to run again (they are: each derives its effects' ids from the request,
 * and the stores refuse a second effect). Keys expire after {@code bazaar.idempotency.ttl} (24 h).
 */
@ApplicationScoped
@IfBuildProperty(name = "bazaar.kit.postgres.enabled", stringValue = "true")
public class IdempotencyKeys {

    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final Pool pool;
    private final ObjectMapper json;
    private final Duration ttl;
    private final Duration claimTimeout;

    public IdempotencyKeys(Pool pool, ObjectMapper json, KitSettings.Idempotency settings) {
        this.pool = pool;
        this.json = json;
        this.ttl = settings.ttl();
        this.claimTimeout = settings.claimTimeout();
    }

    public Uni<Response> run(IdempotentRequest request, Supplier<Uni<Response>> action) {
        UUID claim = UUID.randomUUID();
        return claim(request, claim)
                .flatMap(claimed -> claimed ? runFirst(request, action, claim) : answerRepeat(request, action, true));
    }

    private Uni<Boolean> claim(IdempotentRequest r, UUID claim) {
        return pool.preparedQuery("""
                INSERT INTO kit_idempotency_key (scope, idem_key, request_hash, expires_at, claim_id)
                VALUES ($1, $2, $3, now() + make_interval(secs => $4), $5)
                ON CONFLICT DO NOTHING""")
                .execute(Tuple.of(r.scope(), r.key(), r.bodyHash(), (double) ttl.toSeconds(), claim))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * A claim older than {@code claim-timeout} with no answer belongs to a request that died (its process crashed, or
     * it lost the database before it could store or forget): this request takes it over, once — a concurrent retry
     * that loses the race sees the new claim and gets 409.
     */
    private Uni<Boolean> takeOver(IdempotentRequest r, UUID claim) {
        return pool.preparedQuery("""
                UPDATE kit_idempotency_key SET claim_id = $3, created_at = now()
                WHERE scope = $1 AND idem_key = $2 AND status IS NULL
                  AND created_at < now() - make_interval(secs => $4)""")
                .execute(Tuple.of(r.scope(), r.key(), claim, (double) claimTimeout.toMillis() / 1000))
                .map(rows -> rows.rowCount() == 1);
    }

    private Uni<Response> runFirst(IdempotentRequest r, Supplier<Uni<Response>> action, UUID claim) {
        return Uni.createFrom()
                .<Response>deferred(action::get)
                .call(response -> response.getStatus() >= 500 ? forget(r, claim) : store(r, response, claim))
                .onFailure()
                .call(e -> forget(r, claim));
    }

    private Uni<Response> answerRepeat(IdempotentRequest r, Supplier<Uni<Response>> action, boolean mayRetry) {
        return pool.preparedQuery("""
                SELECT request_hash, status, response_type, response_headers::text AS headers, response_body,
                       expires_at < now() AS expired
                FROM kit_idempotency_key WHERE scope = $1 AND idem_key = $2""").execute(Tuple.of(r.scope(), r.key())).flatMap(rows -> {
            if (!rows.iterator().hasNext()) {
                // the first request failed and forgot the key in the meantime: this one may run
                return mayRetry ? run(r, action) : Uni.createFrom().failure(inFlight());
            }
            Row row = rows.iterator().next();
            if (row.getBoolean("expired")) {
                return forgetExpired(r)
                        .flatMap(v ->
                                mayRetry ? run(r, action) : Uni.createFrom().failure(inFlight()));
            }
            if (!row.getString("request_hash").equals(r.bodyHash())) {
                return Uni.createFrom()
                        .failure(new ProblemException(
                                "idempotency-key-reused",
                                "Idempotency-Key reused",
                                422,
                                "This Idempotency-Key was already used with a different request body."));
            }
            if (row.getInteger("status") == null) {
                UUID claim = UUID.randomUUID();
                return takeOver(r, claim)
                        .flatMap(taken -> taken
                                ? runFirst(r, action, claim)
                                : Uni.createFrom().failure(inFlight()));
            }
            return Uni.createFrom().item(replay(row));
        });
    }

    private static ProblemException inFlight() {
        return new ProblemException(
                "idempotency-key-in-flight",
                "Request in progress",
                409,
                "A request with this Idempotency-Key is still being processed; retry shortly.");
    }

    private Uni<Void> store(IdempotentRequest r, Response response, UUID claim) {
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
        String type =
                response.getMediaType() == null ? null : response.getMediaType().toString();
        return pool.preparedQuery("""
                UPDATE kit_idempotency_key
                SET status = $3, response_type = $4, response_headers = $5, response_body = $6,
                    completed_at = now()
                WHERE scope = $1 AND idem_key = $2 AND claim_id = $7""")
                .execute(Tuple.from(
                        java.util.Arrays.asList(r.scope(), r.key(), response.getStatus(), type, headers, body, claim)))
                .replaceWithVoid();
    }

    /** Forgets the key, if this request still holds its claim (one that was taken over is not ours to forget). */
    private Uni<Void> forget(IdempotentRequest r, UUID claim) {
        return pool.preparedQuery(
                        "DELETE FROM kit_idempotency_key WHERE scope = $1 AND idem_key = $2 AND claim_id = $3")
                .execute(Tuple.of(r.scope(), r.key(), claim))
                .replaceWithVoid();
    }

    private Uni<Void> forgetExpired(IdempotentRequest r) {
        return pool.preparedQuery("DELETE FROM kit_idempotency_key WHERE scope = $1 AND idem_key = $2 "
                        + "AND expires_at < now()")
                .execute(Tuple.of(r.scope(), r.key()))
                .replaceWithVoid();
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
