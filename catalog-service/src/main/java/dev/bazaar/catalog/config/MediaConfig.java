package dev.bazaar.catalog.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What a seller may upload as product media ({@code bazaar.media.*}), and how much image work runs at once. The
 * defaults keep one decoded image under ~100 MB (25 megapixels × 4 bytes) and two at a time on this 2-core machine.
 */
@ConfigMapping(prefix = "bazaar.media")
public interface MediaConfig {

    /** The largest upload accepted, in bytes (the HTTP body limit is set a little above it). */
    @WithDefault("10485760")
    long maxBytes();

    /** The most pixels along either side of an uploaded image. */
    @WithDefault("8000")
    int maxSide();

    /** The most pixels in all (width × height) of an uploaded image. */
    @WithDefault("25000000")
    long maxPixels();

    /** How many uploads are decoded and re-encoded at once (worker threads; the rest wait their turn). */
    @WithDefault("2")
    int workers();

    /** JPEG quality of the renditions, 0.0 to 1.0. */
    @WithDefault("0.85")
    float jpegQuality();
}
