package dev.bazaar.catalog.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * Where product media is kept ({@code bazaar.s3.*}): the bucket, and the address browsers read it from. The S3
 * endpoint, region and credentials are the Quarkus S3 client's own settings ({@code quarkus.s3.*}); in production all
 * of them come from environment variables (application.properties, the chart's {@code media.s3} values).
 */
@ConfigMapping(prefix = "bazaar.s3")
public interface ObjectStoreConfig {

    /** The bucket every image and rendition is written to. */
    String bucket();

    /**
     * The public base URL of the bucket's objects, without a trailing slash: a CDN in front of the bucket in
     * production, the devstack's public-read bucket in development ({@code http://localhost:9000/bazaar-media}). A
     * rendition's URL is this, a slash and its key.
     */
    String publicBaseUrl();

    /**
     * The canned ACL objects are written with ({@code public-read} in dev and test, where browsers read the devstack's
     * bucket directly); none in production by default: a bucket with ACLs disabled refuses one, and the CDN reads the
     * bucket with its own grant.
     */
    Optional<String> objectAcl();

    /** The {@code Cache-Control} every object is written with: keys are content-addressed, so an object never changes. */
    @WithDefault("public, max-age=31536000, immutable")
    String cacheControl();
}
