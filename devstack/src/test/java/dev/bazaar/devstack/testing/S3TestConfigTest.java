package dev.bazaar.devstack.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.devstack.Component;
import dev.bazaar.devstack.External;
import dev.bazaar.devstack.Profile;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a service's tests are pointed at when they ask for the {@code s3} component. */
class S3TestConfigTest {

    @Test
    void theS3ClientGoesPathStyleToTheTestProfilesS3ProxyWithTheDevstacksKeyAndBucket() {
        if (External.isExternal(Component.S3)) {
            return;
        }
        Map<String, String> cfg =
                DevstackTestResource.config(Profile.test(Path.of("/repo")), Set.of(Component.S3), "x");
        assertThat(cfg)
                .containsEntry("quarkus.s3.endpoint-override", "http://localhost:19000")
                .containsEntry("quarkus.s3.path-style-access", "true")
                .containsEntry("quarkus.s3.aws.credentials.type", "static")
                .containsEntry("quarkus.s3.aws.credentials.static-provider.access-key-id", "bazaar-devstack")
                .containsEntry("quarkus.s3.aws.credentials.static-provider.secret-access-key", "bazaar-devstack-secret")
                .containsEntry("bazaar.s3.bucket", "bazaar-media")
                .containsEntry("bazaar.s3.public-base-url", "http://localhost:19000/bazaar-media")
                .doesNotContainKey("quarkus.datasource.reactive.url");
    }
}
