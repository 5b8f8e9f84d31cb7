package dev.bazaar.catalog.service;

import dev.bazaar.catalog.client.ObjectStore;
import dev.bazaar.catalog.config.MediaConfig;
import dev.bazaar.catalog.domain.ExifOrientation;
import dev.bazaar.catalog.domain.ImageFormat;
import dev.bazaar.catalog.domain.ImageLimits;
import dev.bazaar.catalog.domain.Media;
import dev.bazaar.catalog.persistence.MediaStore;
import dev.bazaar.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.WorkerExecutor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jboss.logging.Logger;

/**
 * Sellers upload product images and delete them (#26). An upload is checked on its bytes before anything decodes it
 * ({@link ImageLimits}: size, sniffed format, header dimensions), then decoded and re-encoded as thumbnail, card and
 * full on a small pool of worker threads of its own (the event loop never decodes; at most {@code bazaar.media.workers}
 * images are in memory at once), written to the object store, and only then recorded. A refused upload writes
 * nothing anywhere. Deleting removes every rendition from the store, then the record. A store that fails, does not
 * answer in time or whose circuit breaker is open ({@link ObjectStore}) is a 503 with Retry-After, nothing recorded.
 */
@ApplicationScoped
public class ProductMedia {

    private static final Logger LOG = Logger.getLogger(ProductMedia.class);
    private static final Duration STORE_RETRY_AFTER = Duration.ofSeconds(5);

    private final MediaStore store;
    private final ObjectStore objects;
    private final MediaConfig config;
    private final ImageLimits limits;
    private final WorkerExecutor workers;

    public ProductMedia(MediaStore store, ObjectStore objects, MediaConfig config, Vertx vertx) {
        this.store = store;
        this.objects = objects;
        this.config = config;
        this.limits = new ImageLimits(config.maxBytes(), config.maxSide(), config.maxPixels());
        this.workers = vertx.createSharedWorkerExecutor("bazaar-media", config.workers());
    }

    @PreDestroy
    void close() {
        workers.closeAndAwait();
    }

    /** Stores the image uploaded to {@code file} for the seller's shop; the same image again answers the same media. */
    public Uni<Media> upload(String owner, Path file) {
        return store.shopOf(owner)
                .map(found -> found.orElseThrow(ProductMedia::noShop))
                .flatMap(shopId -> workers.executeBlocking(() -> prepare(shopId, file), false))
                .call(prepared -> Uni.join()
                        .all(IntStream.range(0, prepared.encoded().size())
                                .mapToObj(i -> {
                                    String key =
                                            prepared.media().renditions().get(i).key();
                                    return objects.put(
                                                    key,
                                                    prepared.encoded().get(i).bytes(),
                                                    prepared.encoded().get(i).contentType())
                                            .onFailure()
                                            .transform(e -> storeUnavailable("write " + key, e));
                                })
                                .toList())
                        .andFailFast())
                .flatMap(prepared -> store.insertOrExisting(prepared.media()));
    }

    /** The seller's own media; 404 for another shop's. */
    public Uni<Media> own(String owner, UUID id) {
        return store.findOwn(owner, id).map(found -> found.orElseThrow(() -> notFound(id)));
    }

    /** Removes the seller's own media: its renditions from the store, then its record; 404 for another shop's. */
    public Uni<Void> delete(String owner, UUID id) {
        return own(owner, id)
                .call(media -> objects.delete(media.keys())
                        .onFailure()
                        .transform(e -> storeUnavailable("delete " + media.keys(), e)))
                .flatMap(media -> store.deleteOwn(owner, id))
                .replaceWithVoid();
    }

    /** Where browsers read a rendition. */
    public String url(Media.Stored rendition) {
        return objects.publicUrl(rendition.key());
    }

    /**
     * An upload made ready on a worker thread: the media to record and each rendition's bytes to store, in the order
     * of the media's renditions.
     */
    private record Prepared(Media media, List<ImageRenditions.Encoded> encoded) {}

    private Prepared prepare(UUID shopId, Path file) {
        byte[] upload = read(file);
        ImageLimits.Header header = limits.check(upload);
        List<ImageRenditions.Encoded> encoded = ImageRenditions.render(upload, header, config.jpegQuality());
        String digest = digest(encoded);
        List<Media.Stored> stored = new ArrayList<>();
        for (ImageRenditions.Encoded e : encoded) {
            // content-addressed: the shop, the digest of what is stored, the rendition — written once, never changed
            String key = "media/" + shopId + "/" + digest + "/" + e.rendition().id() + "." + e.extension();
            stored.add(new Media.Stored(e.rendition(), key, e.contentType(), e.width(), e.height(), e.bytes().length));
        }
        // the image's size as it is shown: a quarter turn asked for by its EXIF swaps the stored sides
        boolean turned = header.format() == ImageFormat.JPEG && ExifOrientation.swapsSides(ExifOrientation.of(upload));
        Media media = new Media(
                UUID.randomUUID(),
                shopId,
                digest,
                header.format(),
                turned ? header.height() : header.width(),
                turned ? header.width() : header.height(),
                stored,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        return new Prepared(media, encoded);
    }

    /** The upload's bytes; its size is checked first, so an oversized file is never read into memory. */
    private byte[] read(Path file) {
        try {
            long size = Files.size(file);
            if (size > config.maxBytes()) {
                throw new ProblemException.Invalid(
                        "file", "is " + size + " bytes: at most " + config.maxBytes() + " bytes are accepted");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String digest(List<ImageRenditions.Encoded> encoded) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (ImageRenditions.Encoded e : encoded) {
                sha.update(e.bytes());
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The object store failed (its error, the timeout or the open breaker): 503, nothing was changed. */
    private static ProblemException storeUnavailable(String what, Throwable cause) {
        LOG.warnf(cause, "object store: could not %s", what);
        return new ProblemException.Unavailable(
                "object-store-unavailable",
                STORE_RETRY_AFTER,
                "The image store is not available; nothing was changed. Try again shortly.");
    }

    private static ProblemException noShop() {
        return new ProblemException.NotFound("You have no shop yet: open one with POST /api/v1/seller/shop.");
    }

    private static ProblemException notFound(UUID id) {
        return new ProblemException.NotFound("No media " + id + " in your shop.");
    }
}
