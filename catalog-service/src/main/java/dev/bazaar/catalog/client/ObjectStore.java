package dev.bazaar.catalog.client;

import dev.bazaar.catalog.config.ObjectStoreConfig;
import dev.bazaar.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.time.Duration;
import java.util.List;

/**
 * The S3 API product media lives in (any S3: the devstack's S3Proxy, AWS, a MinIO…), through the amazon-services
 * extension's async client: no thread waits on the store. Objects are written once under content-addressed keys with a
 * year-long, immutable {@code Cache-Control}, so browsers and a CDN keep them for good. A store that fails or does not
 * answer is a 503 to the caller, with nothing recorded in the catalog.
 */
@ApplicationScoped
public class ObjectStore {

    private static final Logger LOG = Logger.getLogger(ObjectStore.class);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final S3AsyncClient s3;
    private final ObjectStoreConfig config;

    public ObjectStore(S3AsyncClient s3, ObjectStoreConfig config) {
        this.s3 = s3;
        this.config = config;
    }

    /** Writes one object (its type and the immutable cache header with it). */
    public Uni<Void> put(String key, byte[] bytes, String contentType) {
        PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(config.bucket()).key(key)
                .contentType(contentType).contentLength((long) bytes.length).cacheControl(config.cacheControl());
        config.objectAcl().filter(acl -> !acl.isBlank()).ifPresent(request::acl);
        return Uni.createFrom().completionStage(() -> s3.putObject(request.build(), AsyncRequestBody.fromBytes(bytes)))
                .onFailure().transform(e -> unavailable("write " + key, e))
                .replaceWithVoid();
    }

    /** Removes these objects (one request; a key that is already gone is no error: S3 deletes are idempotent). */
    public Uni<Void> delete(List<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        DeleteObjectsRequest request = DeleteObjectsRequest.builder().bucket(config.bucket())
                .delete(Delete.builder().quiet(true)
                        .objects(keys.stream().map(k -> ObjectIdentifier.builder().key(k).build()).toList()).build())
                .build();
        return Uni.createFrom().completionStage(() -> s3.deleteObjects(request))
                .onFailure().transform(e -> unavailable("delete " + keys, e))
                .flatMap(response -> response.hasErrors() && !response.errors().isEmpty()
                        ? Uni.createFrom().failure(unavailable("delete " + response.errors(), null))
                        : Uni.createFrom().voidItem());
    }

    /** Where browsers read an object: the public base URL (a CDN, or the public-read bucket) and the key. */
    public String publicUrl(String key) {
        String base = config.publicBaseUrl();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/" + key;
    }

    private static ProblemException unavailable(String what, Throwable cause) {
        LOG.warnf(cause, "object store: could not %s", what);
        return new ProblemException.Unavailable("object-store-unavailable", RETRY_AFTER,
                "The image store is not available; nothing was changed. Try again shortly.");
    }
}
