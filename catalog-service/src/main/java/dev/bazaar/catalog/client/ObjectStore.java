package dev.bazaar.catalog.client;

import dev.bazaar.catalog.config.ObjectStoreConfig;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The S3 API product media lives in (any S3: the devstack's S3Proxy, AWS, a MinIO…), through the amazon-services
 * extension's async client: no thread waits on the store. Objects are written once under content-addressed keys with a
 * year-long, immutable {@code Cache-Control}, so browsers and a CDN keep them for good.
 * <p>
 * Each call is bounded by a 10 s timeout (the SDK's own retries of a throttled or failed request included) and has a
 * circuit breaker: six calls, half of them failed, open it for 5 s, and calls fail at once meanwhile. Nothing is
 * retried here (the SDK retries already). A failure of any kind — the store's, the timeout's, the open breaker's —
 * reaches the caller as it is; {@code ProductMedia} answers it as a 503 with nothing recorded in the catalog.
 * MicroProfile Config tunes each method, e.g. {@code dev.bazaar.catalog.client.ObjectStore/put/Timeout/value}.
 */
@ApplicationScoped
public class ObjectStore {

    private final S3AsyncClient s3;
    private final ObjectStoreConfig config;

    public ObjectStore(S3AsyncClient s3, ObjectStoreConfig config) {
        this.s3 = s3;
        this.config = config;
    }

    /** Writes one object (its type and the immutable cache header with it). */
    @AsynchronousNonBlocking
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(
            requestVolumeThreshold = 6,
            failureRatio = 0.5,
            delay = 5,
            delayUnit = ChronoUnit.SECONDS,
            successThreshold = 1)
    public Uni<Void> put(String key, byte[] bytes, String contentType) {
        PutObjectRequest.Builder request = PutObjectRequest.builder()
                .bucket(config.bucket())
                .key(key)
                .contentType(contentType)
                .contentLength((long) bytes.length)
                .cacheControl(config.cacheControl());
        config.objectAcl().filter(acl -> !acl.isBlank()).ifPresent(request::acl);
        return Uni.createFrom()
                .completionStage(() -> s3.putObject(request.build(), AsyncRequestBody.fromBytes(bytes)))
                .replaceWithVoid();
    }

    /**
     * Removes these objects (one request; a key that is already gone is no error: S3 deletes are idempotent). A key
     * the store reports it could not delete fails the call.
     */
    @AsynchronousNonBlocking
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(
            requestVolumeThreshold = 6,
            failureRatio = 0.5,
            delay = 5,
            delayUnit = ChronoUnit.SECONDS,
            successThreshold = 1)
    public Uni<Void> delete(List<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        DeleteObjectsRequest request = DeleteObjectsRequest.builder()
                .bucket(config.bucket())
                .delete(Delete.builder()
                        .quiet(true)
                        .objects(keys.stream()
                                .map(k -> ObjectIdentifier.builder().key(k).build())
                                .toList())
                        .build())
                .build();
        return Uni.createFrom()
                .completionStage(() -> s3.deleteObjects(request))
                .flatMap(response -> response.hasErrors() && !response.errors().isEmpty()
                        ? Uni.createFrom()
                                .failure(new IllegalStateException("the store did not delete " + response.errors()))
                        : Uni.createFrom().voidItem());
    }

    /** Where browsers read an object: the public base URL (a CDN, or the public-read bucket) and the key. */
    public String publicUrl(String key) {
        String base = config.publicBaseUrl();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/" + key;
    }
}
