package dev.bazaar.devstack;

import java.nio.file.Files;
import java.nio.file.Path;

/** The JDK that runs the devstack is the one that runs its servers; it must be 21 or newer. */
final class Jdk {
    static final int MIN = 21;

    private Jdk() {}

    static Path java() {
        check();
        String cmd = ProcessHandle.current().info().command().orElse(null);
        Path java = cmd != null ? Path.of(cmd) : Path.of(System.getProperty("java.home"), "bin", "java");
        if (!Files.isExecutable(java)) {
            java = Path.of(System.getProperty("java.home"), "bin", "java");
        }
        return java;
    }

    static Path home() {
        Path java = java();
        Path home = java.toAbsolutePath().getParent().getParent();
        return Files.isDirectory(home.resolve("lib")) ? home : Path.of(System.getProperty("java.home"));
    }

    static void check() {
        int v = Runtime.version().feature();
        if (v < MIN) {
            throw new DevstackException(
                    "The devstack runs its servers (Kafka, OpenSearch, Keycloak) on the JVM that runs it, "
                            + "which must be a JDK " + MIN + " or newer; this one is " + Runtime.version() + " at "
                            + System.getProperty("java.home") + ". Install a JDK " + MIN
                            + "+ (e.g. 'apt-get install openjdk-21-jdk' "
                            + "or Eclipse Temurin) and set JAVA_HOME to it; bin/devstack and ./mvnw pick it up.");
        }
    }
}
