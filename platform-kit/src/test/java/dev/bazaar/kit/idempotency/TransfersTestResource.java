package dev.bazaar.kit.idempotency;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;

/** A test endpoint that moves "money": each executed request inserts one row, so effects can be counted. */
@Path("/test/transfers")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class TransfersTestResource {

    public record TransferRequest(
            @NotBlank(message = "is required") String to,
            @Min(value = 1, message = "must be positive") long amount) {}

    public record Transfer(UUID id, String to, long amount) {}

    private final IdempotencyKeys idempotency;
    private final Pool pool;

    public TransfersTestResource(IdempotencyKeys idempotency, Pool pool) {
        this.idempotency = idempotency;
        this.pool = pool;
    }

    @POST
    public Uni<Response> create(
            @HeaderParam(IdempotentRequest.HEADER) String key,
            @QueryParam("delayMs") long delayMs,
            @Valid TransferRequest body) {
        IdempotentRequest request = IdempotentRequest.of("sub:test-user", "POST", "/test/transfers", key, body);
        return idempotency.run(request, () -> {
            // as real actions do: the effect's id comes from the request, and the store refuses a second one
            UUID id = UUID.nameUUIDFromBytes(("transfer:" + key).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            Uni<Void> wait = delayMs <= 0
                    ? Uni.createFrom().voidItem()
                    : Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(delayMs));
            return wait.flatMap(v -> pool.preparedQuery(
                                    "INSERT INTO kit_test_transfer (id, recipient, amount) VALUES ($1, $2, $3) "
                                            + "ON CONFLICT (id) DO NOTHING")
                            .execute(Tuple.of(id, body.to(), body.amount())))
                    .map(rows -> Response.created(URI.create("/test/transfers/" + id))
                            .entity(new Transfer(id, body.to(), body.amount()))
                            .type(MediaType.APPLICATION_JSON)
                            .build());
        });
    }

    @POST
    @Path("/explode")
    public Uni<Response> explode(TransferRequest body) {
        return Uni.createFrom().failure(new IllegalStateException("secret internal detail: db password is hunter2"));
    }

    /** What a store client fails with when its pool's wait queue is full, as it reaches a resource (wrapped). */
    @POST
    @Path("/busy")
    public Uni<Response> busy(TransferRequest body) {
        return Uni.createFrom()
                .failure(new java.util.concurrent.CompletionException(
                        new io.vertx.core.http.ConnectionPoolTooBusyException(
                                "Connection pool reached max wait queue size of 2048")));
    }
}
