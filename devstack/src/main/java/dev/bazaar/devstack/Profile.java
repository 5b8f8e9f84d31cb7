package dev.bazaar.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * A set of ports and a state folder. {@code dev} uses the standard ports, {@code test} adds 10000; {@link #isolated}
 * builds a private one (own state folder, own port block) for tests of the devstack itself.
 */
public final class Profile {
    private final String name;
    private final Path repoRoot;
    private final Path stateDir;
    private final Map<Component, int[]> ports;

    private Profile(String name, Path repoRoot, Path stateDir, Map<Component, int[]> ports) {
        this.name = name;
        this.repoRoot = repoRoot.toAbsolutePath().normalize();
        this.stateDir = stateDir.toAbsolutePath().normalize();
        this.ports = ports;
    }

    public static Profile dev(Path repoRoot) {
        return standard("dev", repoRoot, 0);
    }

    public static Profile test(Path repoRoot) {
        return standard("test", repoRoot, 10000);
    }

    public static Profile named(String name, Path repoRoot) {
        return switch (name) {
            case "dev" -> dev(repoRoot);
            case "test" -> test(repoRoot);
            default -> throw new DevstackException("Unknown profile '" + name + "' (use dev or test)");
        };
    }

    private static Profile standard(String name, Path repoRoot, int offset) {
        Map<Component, int[]> ports = new EnumMap<>(Component.class);
        for (Component c : Component.values()) {
            ports.put(c, new int[] {
                c.devPort() + offset,
                c.devSecondPort() < 0 ? -1 : c.devSecondPort() + offset,
                c.devThirdPort() < 0 ? -1 : c.devThirdPort() + offset
            });
        }
        return new Profile(name, repoRoot, repoRoot.resolve(".devstack").resolve(name), ports);
    }

    /**
     * A private profile: state under {@code stateDir}, ports {@code basePort .. basePort+12} (postgres, redis, kafka,
     * kafka controller, opensearch, opensearch transport, mongo, keycloak, keycloak management, mail smtp, mail imap,
     * mail api, s3). Runtimes are still shared under {@code <repo>/.devstack/lib}.
     */
    public static Profile isolated(String name, Path repoRoot, Path stateDir, int basePort) {
        Map<Component, int[]> ports = new EnumMap<>(Component.class);
        ports.put(Component.POSTGRES, new int[] {basePort, -1, -1});
        ports.put(Component.REDIS, new int[] {basePort + 1, -1, -1});
        ports.put(Component.KAFKA, new int[] {basePort + 2, basePort + 3, -1});
        ports.put(Component.OPENSEARCH, new int[] {basePort + 4, basePort + 5, -1});
        ports.put(Component.MONGO, new int[] {basePort + 6, -1, -1});
        ports.put(Component.KEYCLOAK, new int[] {basePort + 7, basePort + 8, -1});
        ports.put(Component.MAIL, new int[] {basePort + 9, basePort + 10, basePort + 11});
        ports.put(Component.S3, new int[] {basePort + 12, -1, -1});
        return new Profile(name, repoRoot, stateDir, ports);
    }

    public String name() {
        return name;
    }

    public Path repoRoot() {
        return repoRoot;
    }

    public Path stateDir() {
        return stateDir;
    }

    public Path libDir() {
        return repoRoot.resolve(".devstack").resolve("lib");
    }

    public int port(Component c) {
        return ports.get(c)[0];
    }

    /** Kafka controller, OpenSearch transport, Keycloak management, mail IMAP port; -1 when the component has none. */
    public int secondPort(Component c) {
        return ports.get(c)[1];
    }

    /** The mail server's HTTP API port; -1 for the components that have no third port. */
    public int thirdPort(Component c) {
        return ports.get(c)[2];
    }

    /** Whether this profile keeps data across restarts of the servers (dev) or may use in-memory stores (others). */
    public boolean persistent() {
        return "dev".equals(name);
    }

    /** The marker passed to every JVM the devstack starts, so that a recorded pid can be recognised. */
    public String marker(Component c) {
        return "-Dbazaar.devstack=" + name + ":" + c.id();
    }

    @Override
    public String toString() {
        return name + " (" + stateDir + ")";
    }

    /** Like {@link #findRepoRoot()}, but falls back to the current folder (only the ports matter to the caller). */
    public static Path findRepoRootOrCwd() {
        try {
            return findRepoRoot();
        } catch (DevstackException e) {
            return Path.of("").toAbsolutePath();
        }
    }

    private static Path walkUp(Path start) {
        for (Path d = start; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("mvnw"))
                    && Files.isDirectory(d.resolve("devstack").resolve("runtime"))) {
                return d;
            }
        }
        return null;
    }

    /** bazaar.repo.root system property, else BAZAAR_REPO_ROOT, else the nearest folder up from cwd with mvnw and devstack/. */
    public static Path findRepoRoot() {
        String p = System.getProperty("bazaar.repo.root");
        if (p == null || p.isBlank()) {
            p = System.getenv("BAZAAR_REPO_ROOT");
        }
        if (p != null && !p.isBlank()) {
            Path given = Path.of(p).toAbsolutePath().normalize();
            Path found = walkUp(given);
            if (found != null) {
                return found;
            }
        }
        Path found = walkUp(Path.of("").toAbsolutePath());
        if (found != null) {
            return found;
        }
        throw new DevstackException("Cannot find the Bazaar repository root (a folder with mvnw and devstack/runtime/) "
                + (p != null && !p.isBlank() ? "at or above " + p + ", nor " : "") + "above "
                + Path.of("").toAbsolutePath()
                + "; set -Dbazaar.repo.root or BAZAAR_REPO_ROOT");
    }
}
