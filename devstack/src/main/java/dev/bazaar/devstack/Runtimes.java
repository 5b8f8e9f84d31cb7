package dev.bazaar.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Resolves each component's runtime classpath with its standalone pom (devstack/runtime/&lt;c&gt;/pom.xml) into
 * {@code <repo>/.devstack/lib/<c>}, skipped when the stamp (hash of the pom and launcher sources) is current.
 */
final class Runtimes {
    static final String KEYCLOAK_VERSION = "26.5.6";
    private static final Map<String, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private final Path repo;
    private final Path lib;

    Runtimes(Path repo) {
        this.repo = repo;
        this.lib = repo.resolve(".devstack").resolve("lib");
    }

    Path classpathDir(Component c) {
        return lib.resolve(c.id());
    }

    Path classpath(Component c) {
        return classpathDir(c).resolve("*");
    }

    Path keycloakDist() {
        return lib.resolve("keycloak-" + KEYCLOAK_VERSION);
    }

    Path postgresBin() {
        return lib.resolve("postgres-bin");
    }

    /** The redis-server to run: Debian's when on PATH, else the one bundled in embedded-redis. */
    Path redisServer() {
        return Procs.which("redis-server")
                .map(Path::of)
                .orElse(lib.resolve("redis").resolve("bin").resolve("redis-server"));
    }

    /** Makes sure the runtime of c is resolved; returns seconds spent (0 when the stamp was current). */
    double ensure(Component c) {
        if (c == Component.REDIS && Procs.which("redis-server").isPresent()) {
            return 0;
        }
        Path pom = repo.resolve("devstack/runtime").resolve(c.id()).resolve("pom.xml");
        if (!Files.isRegularFile(pom)) {
            throw new DevstackException(
                    "Missing " + pom + " (the standalone pom that resolves the " + c.id() + " runtime)");
        }
        Path stamps = lib.resolve(".stamps");
        ReentrantLock jvmLock = LOCKS.computeIfAbsent(c.id(), k -> new ReentrantLock());
        jvmLock.lock();
        try {
            Files.createDirectories(stamps);
            try (FileChannel ch = FileChannel.open(
                            stamps.resolve(c.id() + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = Procs.lock(ch, () -> {})) {
                String hash = hash(pom.getParent());
                Path stamp = stamps.resolve(c.id());
                if (Files.exists(stamp)
                        && Files.readString(stamp).trim().equals(hash)
                        && output(c).stream().allMatch(Files::exists)) {
                    return 0;
                }
                long t0 = System.nanoTime();
                resolve(c, pom);
                postProcess(c);
                Files.writeString(stamp, hash);
                return (System.nanoTime() - t0) / 1e9;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            jvmLock.unlock();
        }
    }

    private List<Path> output(Component c) {
        return switch (c) {
            case KEYCLOAK -> List.of(keycloakDist().resolve("bin/kc.sh"));
            case POSTGRES -> List.of(classpathDir(c), postgresBin().resolve("bin/postgres"));
            case REDIS -> List.of(redisServer());
            default -> List.of(classpathDir(c));
        };
    }

    private void resolve(Component c, Path pom) throws IOException {
        Path target = c == Component.KEYCLOAK ? lib : classpathDir(c);
        if (c == Component.KEYCLOAK) {
            deleteTree(keycloakDist());
        } else {
            deleteTree(target);
        }
        Files.createDirectories(target);
        Path mvnw = repo.resolve("mvnw");
        List<String> cmd = new ArrayList<>(List.of(
                mvnw.toString(),
                "-B",
                "-q",
                "-f",
                repo.relativize(pom).toString(),
                "package",
                "-Ddevstack.lib=" + target,
                "-Ddevstack.build=" + repo.resolve(".devstack/build").resolve(c.id()),
                // several of these run at once (and maybe another build): lock the local repository across processes
                "-Daether.syncContext.named.factory=file-lock",
                "-Daether.syncContext.named.nameMapper=file-gav"));
        String repoLocal = System.getProperty("maven.repo.local");
        if (repoLocal != null && !repoLocal.isBlank()) {
            cmd.add("-Dmaven.repo.local=" + repoLocal);
        }
        Map<String, String> env = Map.of("JAVA_HOME", Jdk.home().toString());
        Procs.Result r = Procs.run(cmd, repo, env, 1800);
        Path logFile = lib.resolve(".stamps").resolve(c.id() + ".mvn.log");
        Files.writeString(logFile, String.join(" ", cmd) + "\n" + r.output());
        if (r.exit() != 0) {
            throw new DevstackException("Maven could not resolve the " + c.id() + " runtime (" + repo.relativize(pom)
                    + ", exit " + r.exit() + "). Is Maven Central reachable, or the artifact refused? Maven said:\n"
                    + Procs.tail(r.output(), 30) + "\n(full output: " + logFile + ")");
        }
    }

    private void postProcess(Component c) throws IOException {
        switch (c) {
            case POSTGRES -> {
                Procs.Result r = Procs.run(
                        List.of(
                                Jdk.java().toString(),
                                "-cp",
                                classpath(c).toString(),
                                "dev.bazaar.devstack.runtime.PgExtract",
                                postgresBin().toString()),
                        repo,
                        Map.of(),
                        300);
                if (r.exit() != 0) {
                    throw new DevstackException(
                            "Could not extract the PostgreSQL binaries:\n" + Procs.tail(r.output(), 20));
                }
            }
            case REDIS -> extractRedis();
            case KEYCLOAK -> {
                if (!Files.isRegularFile(keycloakDist().resolve("bin/kc.sh"))) {
                    throw new DevstackException("Keycloak dist was not unpacked to " + keycloakDist());
                }
                for (String s : List.of("kc.sh", "kcadm.sh", "kcreg.sh")) {
                    Path p = keycloakDist().resolve("bin").resolve(s);
                    if (Files.exists(p)) {
                        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
                }
            }
            default -> {}
        }
    }

    private void extractRedis() throws IOException {
        String os = System.getProperty("os.name").toLowerCase();
        String arch = System.getProperty("os.arch");
        String suffix = (os.contains("mac") ? "darwin-" : "linux-")
                + (arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : "amd64");
        Optional<Path> jar;
        try (Stream<Path> s = Files.list(classpathDir(Component.REDIS))) {
            jar = s.filter(p -> p.getFileName().toString().startsWith("embedded-redis"))
                    .findFirst();
        }
        if (jar.isEmpty()) {
            throw new DevstackException("embedded-redis jar missing in " + classpathDir(Component.REDIS));
        }
        try (ZipFile zip = new ZipFile(jar.get().toFile())) {
            ZipEntry entry = zip.stream()
                    .filter(e -> e.getName().startsWith("redis-server")
                            && e.getName().endsWith(suffix))
                    .findFirst()
                    .orElseThrow(() -> new DevstackException("No redis-server for " + suffix + " in " + jar.get()));
            Path out = classpathDir(Component.REDIS).resolve("bin").resolve("redis-server");
            Files.createDirectories(out.getParent());
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** Hash of a runtime mini-project (pom + sources), excluding build output. */
    static String hash(Path dir) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update("v1".getBytes(StandardCharsets.UTF_8));
            List<Path> files;
            try (Stream<Path> s = Files.walk(dir)) {
                files = s.filter(Files::isRegularFile)
                        .filter(p -> !dir.relativize(p).startsWith("target"))
                        .sorted()
                        .toList();
            }
            for (Path f : files) {
                md.update(dir.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                md.update(Files.readAllBytes(f));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        }
    }
}
