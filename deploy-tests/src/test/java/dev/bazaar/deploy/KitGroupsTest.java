package dev.bazaar.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The platform kit's setting groups ({@code platform-kit/src/main/resources/bazaar/*.properties}, ADR 0032), taken by a
 * service with {@code quarkus.config.locations}: each sits between the kit's defaults (100) and the service's
 * application.properties (250), and none of their profile lines is hidden by a base line of a service that takes it.
 */
class KitGroupsTest {

    static final Path GROUPS = Chart.ROOT.resolve("platform-kit/src/main/resources/bazaar");

    @Test
    void everyGroupSitsBetweenTheKitDefaultsAndTheServices() throws IOException {
        List<Path> groups = groupFiles();
        assertThat(groups).isNotEmpty();
        for (Path group : groups) {
            String ordinal = load(group).getProperty("config_ordinal");
            assertThat(ordinal)
                    .as("%s sets config_ordinal", group.getFileName())
                    .isNotNull();
            assertThat(Integer.parseInt(ordinal.trim()))
                    .as("%s's ordinal", group.getFileName())
                    .isGreaterThan(100)
                    .isLessThan(250);
        }
    }

    /**
     * A profile line in a lower-ordinal source loses to the base line in a higher one (SmallRye Config): a group's
     * {@code %prod.x} would be dead in a service whose own file sets {@code x}.
     */
    @Test
    void noServiceHidesAGroupsProfileLineWithItsOwnBaseLine() throws IOException {
        List<String> hidden = new ArrayList<>();
        try (var dirs = Files.list(Chart.ROOT)) {
            for (Path module : dirs.filter(
                            d -> Files.isRegularFile(d.resolve("src/main/resources/application.properties")))
                    .toList()) {
                Path own = module.resolve("src/main/resources/application.properties");
                Properties mine = load(own);
                for (Path group : Chart.groups(own)) {
                    for (String key : load(group).stringPropertyNames()) {
                        if (key.startsWith("%") && mine.containsKey(key.substring(key.indexOf('.') + 1))) {
                            hidden.add(module.getFileName() + ": " + group.getFileName() + " " + key);
                        }
                    }
                }
            }
        }
        assertThat(hidden).isEmpty();
    }

    @Test
    void everyGroupIsTakenByAService() throws IOException {
        java.util.Set<Path> taken = new java.util.HashSet<>();
        try (var dirs = Files.list(Chart.ROOT)) {
            for (Path module : dirs.filter(
                            d -> Files.isRegularFile(d.resolve("src/main/resources/application.properties")))
                    .toList()) {
                taken.addAll(Chart.groups(module.resolve("src/main/resources/application.properties")));
            }
        }
        assertThat(taken).containsExactlyInAnyOrderElementsOf(groupFiles());
    }

    private static List<Path> groupFiles() throws IOException {
        try (var files = Files.list(GROUPS)) {
            return files.filter(f -> f.toString().endsWith(".properties"))
                    .sorted()
                    .toList();
        }
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return p;
    }
}
