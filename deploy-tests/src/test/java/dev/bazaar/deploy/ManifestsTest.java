package dev.bazaar.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The plain manifests in k8s/ (for kubectl users) are the chart rendered with that environment's values: this fails
 * when they drift. Regenerate with {@code ./mvnw -pl deploy-tests test -Dbazaar.write-manifests=true}.
 */
class ManifestsTest {

    @ParameterizedTest(name = "k8s/{0}")
    @CsvSource({"dev, values-dev.yaml", "prod, values-prod.yaml"})
    void theRenderedManifestsMatchTheChart(String env, String values) throws Exception {
        String rendered = "# Rendered from helm/bazaar with " + values + " (release bazaar, namespace bazaar).\n"
                + "# Do not edit: change the chart, then ./mvnw -pl deploy-tests test -Dbazaar.write-manifests=true\n"
                + Chart.render(List.of(values), Map.of());
        Path file = Chart.ROOT.resolve("k8s/" + env + "/bazaar.yaml");
        if (Boolean.getBoolean("bazaar.write-manifests")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, rendered);
        }
        assertThat(file)
                .as("k8s/%s/bazaar.yaml exists (generate it with -Dbazaar.write-manifests=true)", env)
                .exists();
        assertThat(Files.readString(file))
                .as("k8s/%s/bazaar.yaml is stale: regenerate it with " + "-Dbazaar.write-manifests=true", env)
                .isEqualTo(rendered);
    }
}
