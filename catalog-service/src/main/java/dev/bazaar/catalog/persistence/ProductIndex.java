package dev.bazaar.catalog.persistence;

import dev.bazaar.catalog.config.CatalogConfig;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.apache.http.util.EntityUtils;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.ResponseListener;
import org.elasticsearch.client.RestClient;

/**
 * The search index of products, behind an alias (OpenSearch or Elasticsearch, through the low-level REST client
 * with plain JSON — the subset both engines speak). Documents are written with external versions (the snapshot time
 * of the state they show), so an older snapshot never overwrites a newer one.
 * <p>
 * The calls are guarded by SmallRye Fault Tolerance (tuned through MicroProfile Config, e.g.
 * {@code dev.bazaar.catalog.persistence.ProductIndex/search/Timeout/value}): searches ({@link #search},
 * {@link #msearch}) time out after 3 s and are never retried; document writes ({@link #put}, {@link #remove}: the
 * indexer's, tried again by its consumer) after 20 s; a rebuild's bulk writes and alias swap after 30 s. Searches and
 * document writes have a circuit breaker each (20 calls, half failed, open 5 s) that counts only calls the engine did
 * not answer — unreachable, reset, timed out: an answer, even an error ({@link ResponseException}: a 400 for a crafted
 * cursor, a 429 when it sheds load), came back at once, and must not let one caller open search for everyone.
 * {@link #send} itself is unguarded: the methods above call it, and outside this class only the bench's bare
 * yardsticks, which measure the store call alone.
 */
@ApplicationScoped
public class ProductIndex {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ProductIndex.class);
    private static final ContentType JSON = ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8);
    private static final ContentType NDJSON = ContentType.create("application/x-ndjson", StandardCharsets.UTF_8);

    private final RestClient client;
    private final String alias;
    /** When this replica's last write to the index ended (System.nanoTime); search's result cache reads it. */
    private volatile long changedAt = System.nanoTime() - java.util.concurrent.TimeUnit.HOURS.toNanos(1);

    public ProductIndex(RestClient client, CatalogConfig config) {
        this.client = client;
        this.alias = config.search().alias();
    }

    public String alias() {
        return alias;
    }

    /**
     * {@link System#nanoTime()} when this replica's last write to the index (document, bulk, alias swap) ended,
     * acknowledged or not: search results computed before it became searchable are stale (ADR 0028).
     */
    public long changedAt() {
        return changedAt;
    }

    private <T> Uni<T> changing(Uni<T> write) {
        return write.onTermination().invoke(() -> changedAt = System.nanoTime());
    }

    /**
     * Creates a versioned index with the mapping and points the alias at it, unless the alias exists; then the index
     * behind it learns the fields added to the mapping since it was made (the mapping is strict: a document with a
     * field the index does not know, such as {@code rating} since #25, would be refused). Blocking.
     */
    public void ensureExists() throws IOException {
        try {
            Response r = client.performRequest(new Request("HEAD", "/_alias/" + alias));
            if (r.getStatusLine().getStatusCode() == 200) {
                addNewFields();
                return;
            }
        } catch (ResponseException notFound) {
            // no alias yet
        }
        String index = alias + "-" + Instant.now().toEpochMilli();
        createIndex(index);
        Request aliasIt = new Request("POST", "/_aliases");
        aliasIt.setEntity(new NStringEntity(
                new JsonObject()
                        .put(
                                "actions",
                                new io.vertx.core.json.JsonArray()
                                        .add(new JsonObject()
                                                .put(
                                                        "add",
                                                        new JsonObject()
                                                                .put("index", index)
                                                                .put("alias", alias))))
                        .encode(),
                JSON));
        client.performRequest(aliasIt);
    }

    /**
     * Puts the mapping's fields onto the index behind the alias: new fields are added, existing ones stay as they are
     * (a field whose type changed is refused by the engine: then search goes on over the old index, logged as an
     * error, until an admin rebuilds it with the current mapping — POST /api/v1/admin/search/reindex).
     */
    private void addNewFields() throws IOException {
        Request put = new Request("PUT", "/" + alias + "/_mapping");
        put.setEntity(new NStringEntity(
                new JsonObject(definition()).getJsonObject("mappings").encode(), JSON));
        try {
            client.performRequest(put);
        } catch (ResponseException e) {
            LOG.errorf(
                    e,
                    "the index behind %s does not take the current mapping: rebuild it "
                            + "(POST /api/v1/admin/search/reindex)",
                    alias);
        }
    }

    /** A document to index and its external version. */
    public record Doc(String id, long version, JsonObject source) {}

    /** What a rebuild did. */
    public record Rebuilt(String index, long documents, long tookMillis) {}

    /** Creates an index with the products mapping (not yet behind the alias). Blocking. */
    public void createIndex(String name) throws IOException {
        Request create = new Request("PUT", "/" + name);
        create.setEntity(new NStringEntity(definition(), JSON));
        client.performRequest(create);
    }

    /** Writes documents into {@code target} in one bulk request (NDJSON, explicitly UTF-8). */
    @AsynchronousNonBlocking
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    public Uni<Void> bulk(String target, java.util.List<Doc> docs) {
        StringBuilder ndjson = new StringBuilder();
        for (Doc d : docs) {
            ndjson.append(new JsonObject()
                            .put(
                                    "index",
                                    new JsonObject()
                                            .put("_index", target)
                                            .put("_id", d.id())
                                            .put("version", d.version())
                                            .put("version_type", "external"))
                            .encode())
                    .append('\n');
            ndjson.append(d.source().encode()).append('\n');
        }
        Request r = new Request("POST", "/_bulk");
        r.setEntity(new NStringEntity(ndjson.toString(), NDJSON));
        return changing(send(r))
                .invoke(response -> {
                    if (response.getBoolean("errors", false)) {
                        throw new IllegalStateException("bulk indexing reported errors: "
                                + response.getJsonArray("items").stream()
                                        .limit(3)
                                        .toList());
                    }
                })
                .replaceWithVoid();
    }

    /** Points the alias at {@code target} alone, atomically, then drops the indices it pointed at before. */
    @AsynchronousNonBlocking
    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    public Uni<Void> swapAliasTo(String target) {
        return send(new Request("GET", "/_alias/" + alias))
                .onFailure(e -> status(e) == 404)
                .recoverWithItem(new JsonObject())
                .flatMap(current -> {
                    io.vertx.core.json.JsonArray actions = new io.vertx.core.json.JsonArray();
                    current.fieldNames()
                            .forEach(old -> actions.add(new JsonObject()
                                    .put(
                                            "remove",
                                            new JsonObject().put("index", old).put("alias", alias))));
                    actions.add(new JsonObject()
                            .put("add", new JsonObject().put("index", target).put("alias", alias)));
                    Request swap = new Request("POST", "/_aliases");
                    swap.setEntity(new NStringEntity(
                            new JsonObject().put("actions", actions).encode(), JSON));
                    Uni<Void> dropOld = Multi.createFrom()
                            .iterable(current.fieldNames())
                            .select()
                            .where(old -> !old.equals(target))
                            .onItem()
                            .transformToUniAndConcatenate(old -> send(new Request("DELETE", "/" + old)))
                            .collect()
                            .last()
                            .replaceWithVoid();
                    return changing(send(swap)).flatMap(x -> dropOld);
                });
    }

    /** Writes a document if {@code version} is newer than the stored one (older snapshots are ignored). */
    @AsynchronousNonBlocking
    @Timeout(value = 20, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(
            requestVolumeThreshold = 20,
            failureRatio = 0.5,
            delay = 5,
            delayUnit = ChronoUnit.SECONDS,
            successThreshold = 1,
            skipOn = ResponseException.class)
    public Uni<Void> put(String id, long version, JsonObject doc) {
        Request r = new Request("PUT", "/" + alias + "/_doc/" + id);
        r.addParameter("version", Long.toString(version));
        r.addParameter("version_type", "external");
        r.setEntity(new NStringEntity(doc.encode(), JSON));
        return changing(send(r))
                .replaceWithVoid()
                .onFailure(ProductIndex::isVersionConflict)
                .recoverWithNull();
    }

    /** Removes a document as of {@code version} (a newer write wins; a missing document is fine). */
    @AsynchronousNonBlocking
    @Timeout(value = 20, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(
            requestVolumeThreshold = 20,
            failureRatio = 0.5,
            delay = 5,
            delayUnit = ChronoUnit.SECONDS,
            successThreshold = 1,
            skipOn = ResponseException.class)
    public Uni<Void> remove(String id, long version) {
        Request r = new Request("DELETE", "/" + alias + "/_doc/" + id);
        r.addParameter("version", Long.toString(version));
        r.addParameter("version_type", "external");
        return changing(send(r))
                .replaceWithVoid()
                .onFailure(e -> isVersionConflict(e) || status(e) == 404)
                .recoverWithNull();
    }

    /** One search request (the body of {@code _search}) over the alias. */
    @AsynchronousNonBlocking
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(
            requestVolumeThreshold = 20,
            failureRatio = 0.5,
            delay = 5,
            delayUnit = ChronoUnit.SECONDS,
            successThreshold = 1,
            skipOn = ResponseException.class)
    public Uni<JsonObject> search(JsonObject query) {
        return send(searchRequest(query));
    }

    /** Several search requests in one round trip: an {@code _msearch} body (NDJSON) over the alias. */
    @AsynchronousNonBlocking
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(
            requestVolumeThreshold = 20,
            failureRatio = 0.5,
            delay = 5,
            delayUnit = ChronoUnit.SECONDS,
            successThreshold = 1,
            skipOn = ResponseException.class)
    public Uni<JsonObject> msearch(String ndjson) {
        return send(msearchRequest(ndjson));
    }

    /** The {@code _search} request {@link #search} sends. */
    public Request searchRequest(JsonObject query) {
        Request r = new Request("POST", "/" + alias + "/_search");
        // encoded straight to UTF-8 bytes (no String in between)
        r.setEntity(
                new org.apache.http.nio.entity.NByteArrayEntity(query.toBuffer().getBytes(), JSON));
        return r;
    }

    /** The {@code _msearch} request {@link #msearch} sends. */
    public Request msearchRequest(String ndjson) {
        Request r = new Request("POST", "/" + alias + "/_msearch");
        r.setEntity(new NStringEntity(ndjson, NDJSON));
        return r;
    }

    /**
     * Sends a request and reads the answer as JSON; an error status fails with {@link ResponseException}. Not
     * guarded: the service's calls go through the guarded methods above, the bench's bare yardsticks come here.
     */
    public Uni<JsonObject> send(Request request) {
        return Uni.createFrom().deferred(() -> {
            io.vertx.core.Context caller = io.vertx.core.Vertx.currentContext();
            Uni<JsonObject> answer = Uni.createFrom()
                    .<JsonObject>emitter(em -> client.performRequestAsync(request, new ResponseListener() {
                        @Override
                        public void onSuccess(Response response) {
                            try {
                                // parsed from the bytes as they came (UTF-8): no decoding into a String first
                                byte[] body = response.getEntity() == null
                                        ? new byte[0]
                                        : EntityUtils.toByteArray(response.getEntity());
                                em.complete(
                                        body.length == 0
                                                ? new JsonObject()
                                                : new JsonObject(io.vertx.core.buffer.Buffer.buffer(body)));
                            } catch (IOException | RuntimeException e) {
                                em.fail(e);
                            }
                        }

                        @Override
                        public void onFailure(Exception e) {
                            em.fail(e);
                        }
                    }));
            // continue off the HTTP client's few I/O threads (what follows must never hold them up), back where the
            // caller was: a request's event loop answers it without a further hop through the worker pool
            return caller != null
                    ? answer.emitOn(task -> caller.runOnContext(x -> task.run()))
                    : answer.emitOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool());
        });
    }

    private static boolean isVersionConflict(Throwable e) {
        return status(e) == 409;
    }

    private static int status(Throwable e) {
        return e instanceof ResponseException re
                ? re.getResponse().getStatusLine().getStatusCode()
                : -1;
    }

    private static String definition() {
        try (InputStream in = ProductIndex.class.getResourceAsStream("/search/products-index.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
