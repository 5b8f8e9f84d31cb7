package dev.bazaar.devstack.runtime;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Extracts the PostgreSQL binaries bundled by zonky (postgres-&lt;os&gt;-&lt;arch&gt;.txz inside the binaries jar on the
 * classpath) into a directory, keeping symlinks and executable bits. The devstack then runs initdb/postgres directly,
 * so the process it records is the postmaster itself.
 *
 * <p>Usage: {@code java -cp 'lib/postgres/*' dev.bazaar.devstack.runtime.PgExtract <target-dir>}
 */
public final class PgExtract {

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: PgExtract <target-dir>");
            System.exit(2);
        }
        Path target = Path.of(args[0]).toAbsolutePath();
        String resource = "postgres-" + os() + "-" + arch() + ".txz";
        try (InputStream raw = PgExtract.class.getClassLoader().getResourceAsStream(resource)) {
            if (raw == null) {
                System.err.println("No PostgreSQL binaries for this platform on the classpath: " + resource
                        + " (devstack/runtime/postgres/pom.xml bundles linux-amd64 only)");
                System.exit(3);
            }
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            deleteTree(tmp);
            Files.createDirectories(tmp);
            try (TarArchiveInputStream tar = new TarArchiveInputStream(
                    new XZCompressorInputStream(new BufferedInputStream(raw)))) {
                TarArchiveEntry e;
                while ((e = tar.getNextEntry()) != null) {
                    Path out = tmp.resolve(e.getName()).normalize();
                    if (!out.startsWith(tmp)) {
                        throw new IOException("bad entry " + e.getName());
                    }
                    if (e.isDirectory()) {
                        Files.createDirectories(out);
                    } else if (e.isSymbolicLink()) {
                        Files.createDirectories(out.getParent());
                        Files.deleteIfExists(out);
                        Files.createSymbolicLink(out, Path.of(e.getLinkName()));
                    } else {
                        Files.createDirectories(out.getParent());
                        Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                        Files.setPosixFilePermissions(out, perms(e.getMode()));
                    }
                }
            }
            deleteTree(target);
            Files.move(tmp, target);
        }
        System.out.println("PostgreSQL binaries extracted to " + target);
    }

    private static Set<PosixFilePermission> perms(int mode) {
        Set<PosixFilePermission> p = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
        if ((mode & 0111) != 0) {
            p.add(PosixFilePermission.OWNER_EXECUTE);
            p.add(PosixFilePermission.GROUP_EXECUTE);
            p.add(PosixFilePermission.OTHERS_EXECUTE);
        }
        return p;
    }

    private static String os() {
        String os = System.getProperty("os.name").toLowerCase();
        return os.contains("mac") ? "darwin" : os.contains("win") ? "windows" : "linux";
    }

    private static String arch() {
        String a = System.getProperty("os.arch");
        return switch (a) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> a;
        };
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
