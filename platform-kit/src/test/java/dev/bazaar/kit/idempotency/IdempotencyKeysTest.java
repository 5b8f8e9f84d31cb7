package dev.bazaar.kit.idempotency;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IdempotencyKeysTest {

    @Inject
    Pool pool;

    String recipient = "shop-" + UUID.randomUUID();

    @BeforeEach
    void givenATransfersTable() {
        pool.query("CREATE TABLE IF NOT EXISTS kit_test_transfer (id uuid PRIMARY KEY, recipient text, amount bigint)")
                .execute()
                .await()
                .indefinitely();
    }

    @Test
    void theSameKeyAndBodyReplaysTheFirstAnswerAndTheEffectHappensOnce() {
        String key = UUID.randomUUID().toString();
        ExtractableResponse<Response> first = post(key, Map.of("to", recipient, "amount", 500), 0)
                .statusCode(201)
                .extract();
        ExtractableResponse<Response> again = post(key, Map.of("amount", 500, "to", recipient), 0)
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .extract();

        assertThat(again.body().asString()).isEqualTo(first.body().asString());
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(transfersTo(recipient)).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedAndChangesNothing() {
        String key = UUID.randomUUID().toString();
        post(key, Map.of("to", recipient, "amount", 500), 0).statusCode(201);
        post(key, Map.of("to", recipient, "amount", 999), 0)
                .statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://bazaar.dev/problems/idempotency-key-reused"));
        assertThat(transfersTo(recipient)).isEqualTo(1);
    }

    @Test
    void aDuplicateWhileTheFirstIsStillRunningIsAConflict() throws Exception {
        String key = UUID.randomUUID().toString();
        CompletableFuture<Integer> slow = CompletableFuture.supplyAsync(() ->
                post(key, Map.of("to", recipient, "amount", 5), 1500).extract().statusCode());
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(5))
                .until(() -> keyClaimed(key));

        post(key, Map.of("to", recipient, "amount", 5), 0)
                .statusCode(409)
                .body("type", equalTo("https://bazaar.dev/problems/idempotency-key-in-flight"));
        assertThat(slow.get()).isEqualTo(201);
        assertThat(transfersTo(recipient)).isEqualTo(1);
    }

    @Test
    void aClaimLeftByARequestThatDiedIsTakenOverOnceItIsOlderThanTheClaimTimeout() {
        String key = UUID.randomUUID().toString();
        // what a process that died after claiming the key leaves behind: a claim and no answer
        IdempotentRequest dead = IdempotentRequest.of(
                "sub:test-user",
                "POST",
                "/test/transfers",
                key,
                new TransfersTestResource.TransferRequest(recipient, 5));
        pool.preparedQuery("INSERT INTO kit_idempotency_key (scope, idem_key, request_hash, expires_at, claim_id) "
                        + "VALUES ($1, $2, $3, now() + interval '1 day', $4)")
                .execute(Tuple.of(dead.scope(), key, dead.bodyHash(), UUID.randomUUID()))
                .await()
                .indefinitely();

        post(key, Map.of("to", recipient, "amount", 5), 0)
                .statusCode(409)
                .body("type", equalTo("https://bazaar.dev/problems/idempotency-key-in-flight"));
        pool.preparedQuery("UPDATE kit_idempotency_key SET created_at = now() - interval '3 seconds' "
                        + "WHERE idem_key = $1")
                .execute(Tuple.of(key))
                .await()
                .indefinitely();

        post(key, Map.of("to", recipient, "amount", 5), 0).statusCode(201);
        post(key, Map.of("to", recipient, "amount", 5), 0).statusCode(201).header("Idempotent-Replayed", "true");
        assertThat(transfersTo(recipient)).isEqualTo(1);
    }

    @Test
    void theLateAnswerOfARequestWhoseClaimWasTakenOverChangesNothing() throws Exception {
        String key = UUID.randomUUID().toString();
        // a request that is not dead, only slower than the claim timeout (2 s here)
        CompletableFuture<ExtractableResponse<Response>> slow = CompletableFuture.supplyAsync(
                () -> post(key, Map.of("to", recipient, "amount", 7), 3_500).extract());
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(5))
                .until(() -> keyClaimed(key));
        Thread.sleep(2_300);
        ExtractableResponse<Response> retry = post(key, Map.of("to", recipient, "amount", 7), 0)
                .statusCode(201)
                .extract();
        assertThat(slow.get().statusCode()).isEqualTo(201);

        // the key answers what the retry stored, and the effect happened once
        ExtractableResponse<Response> replay = post(key, Map.of("to", recipient, "amount", 7), 0)
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .extract();
        assertThat(replay.body().asString()).isEqualTo(retry.body().asString());
        assertThat(transfersTo(recipient)).isEqualTo(1);
    }

    @Test
    void aMissingKeyIsABadRequest() {
        given().contentType("application/json")
                .body(Map.of("to", recipient, "amount", 5))
                .when()
                .post("/test/transfers")
                .then()
                .statusCode(400)
                .body("type", equalTo("https://bazaar.dev/problems/idempotency-key-required"));
        assertThat(transfersTo(recipient)).isZero();
    }

    private io.restassured.response.ValidatableResponse post(String key, Map<String, Object> body, long delayMs) {
        return given().header("Idempotency-Key", key)
                .contentType("application/json")
                .body(body)
                .queryParam("delayMs", delayMs)
                .when()
                .post("/test/transfers")
                .then();
    }

    private long transfersTo(String to) {
        return pool.preparedQuery("SELECT count(*) FROM kit_test_transfer WHERE recipient = $1")
                .execute(Tuple.of(to))
                .map(rows -> rows.iterator().next().getLong(0))
                .await()
                .indefinitely();
    }

    private boolean keyClaimed(String key) {
        return pool.preparedQuery("SELECT count(*) FROM kit_idempotency_key WHERE idem_key = $1")
                .execute(Tuple.of(key))
                .map(rows -> rows.iterator().next().getLong(0) == 1)
                .await()
                .indefinitely();
    }
}
