package dev.bazaar.catalog.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An image a seller uploaded to their shop, as it is kept: only its renditions, each re-encoded from the decoded pixels
 * (so nothing of the upload's metadata — EXIF, GPS position, camera serial — survives), under keys derived from the
 * content. The upload itself is not kept.
 *
 * @param digest      SHA-256 (hex) of the renditions' bytes, in order: the same image uploaded twice to a shop is one
 *                    media, and different images never share a key
 * @param format      what the upload was, sniffed from its bytes
 * @param width       the upload's width in pixels
 * @param height      the upload's height in pixels
 * @param renditions  thumbnail, card and full, in that order
 */
public record Media(
        UUID id,
        UUID shopId,
        String digest,
        ImageFormat format,
        int width,
        int height,
        List<Stored> renditions,
        Instant createdAt) {

    /** One rendition as stored: its object key, type, size in pixels and bytes. */
    public record Stored(Rendition rendition, String key, String contentType, int width, int height, long bytes) {}

    public Media {
        renditions = List.copyOf(renditions);
    }

    /** Every object key of this media (what a delete removes). */
    public List<String> keys() {
        return renditions.stream().map(Stored::key).toList();
    }
}
