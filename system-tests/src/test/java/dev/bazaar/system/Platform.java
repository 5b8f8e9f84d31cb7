package dev.bazaar.system;

import dev.bazaar.devstack.Component;
import dev.bazaar.devstack.Devstack;
import dev.bazaar.devstack.External;
import dev.bazaar.devstack.Profile;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The six services and the seller portal as their packaged apps ({@code <service>/target/quarkus-app/quarkus-run.jar}, built by
 * {@code ./mvnw verify} before this module runs) on the test devstack, each a separate JVM on its own port, started
 * in parallel and awaited on {@code /q/health/ready}. They run their {@code test} profile (the test devstack's
 * addresses, short saga and sweep clocks) with the addresses between services pointed at each other instead of the
 * modules' stubs; notification-service sends to the test devstack's mail server (component {@code mail}, read with
 * the devstack's {@code Mailbox}). Logs go to {@code system-tests/target/platform/<service>.log}.
 */
public final class Platform implements AutoCloseable {

    public enum Service {
        CATALOG(28081, "catalog"),
        CART(28082, null),
        CHECKOUT(28083, "checkout"),
        ORDER(28084, "orders"),
        PAYMENT(28085, "payments"),
        NOTIFICATION(28088, "notifications"),
        REVIEW(28087, null),
        PORTAL(28086, null);

        final int port;
        final String database;

        Service(int port, String database) {
            this.port = port;
            this.database = database;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final String MARKER = "-Dbazaar.service=systest:";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(150);

    private final Path root;
    private final Profile profile;
    private final Map<Service, Process> running = new EnumMap<>(Service.class);
    private final Map<Service, Process> replicas = new EnumMap<>(Service.class);
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Platform(Path root) {
        this.root = root;
        this.profile = Profile.test(root);
    }

    private static Platform shared;

    /**
     * The platform every system test class of this JVM shares (started once: ~30 s on 2 cores); stopped when the JVM
     * exits. Fails with the service's log tail if one does not start.
     */
    public static synchronized Platform shared() {
        if (shared == null) {
            Platform p = new Platform(Profile.findRepoRoot());
            Runtime.getRuntime().addShutdownHook(new Thread(p::close));
            // every component, the mail server (GreenMail) among them: notification-service sends through it
            new Devstack(p.profile, System.out).up(Set.of(Component.values()));
            p.killLeftovers();
            p.clearLogs();
            long started = System.nanoTime();
            for (Service s : Service.values()) {
                p.launch(s);
            }
            for (Service s : Service.values()) {
                p.awaitReady(s);
            }
            System.out.printf(
                    "[platform] seven services and the portal ready in %.1f s%n", (System.nanoTime() - started) / 1e9);
            shared = p;
        }
        return shared;
    }

    /** Kills a service outright (SIGKILL: no shutdown, no goodbye to Kafka or the database) and waits for it to die. */
    public void kill(Service s) {
        Process p = running.get(s);
        p.destroyForcibly();
        try {
            p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts a killed service again and waits until it is ready; answers how long that took. */
    public Duration restart(Service s) {
        long started = System.nanoTime();
        launch(s);
        awaitReady(s);
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Stops the Kafka broker of the test devstack and starts it again (its data is kept). */
    public Duration restartKafka() {
        long started = System.nanoTime();
        Devstack devstack = new Devstack(profile, System.out);
        devstack.down(Set.of(Component.KAFKA));
        devstack.up(Set.of(Component.KAFKA));
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Stops the test devstack's mail server (GreenMail: the mail it held is gone with it); {@link #startMail} starts it. */
    public void stopMail() {
        new Devstack(profile, System.out).down(Set.of(Component.MAIL));
    }

    public Duration startMail() {
        long started = System.nanoTime();
        new Devstack(profile, System.out).up(Set.of(Component.MAIL));
        return Duration.ofNanos(System.nanoTime() - started);
    }

    public String url(Service s) {
        return "http://localhost:" + s.port;
    }

    /** Freezes a service (SIGSTOP): it holds its connections but answers nothing — a hung dependency. */
    public void freeze(Service s) {
        signal(s, "STOP");
    }

    public void thaw(Service s) {
        signal(s, "CONT");
    }

    /** The JDBC URL of a service's database on the test devstack (for checks the API does not expose). */
    public String jdbcUrl(Service s) {
        return "jdbc:postgresql://" + External.pgHost() + ":" + External.pgPort(profile) + "/" + s.database;
    }

    /**
     * Starts a second replica of each service (its port + 10, the same stores, topics and consumer groups) and waits
     * until they are ready: partitions, leader leases and run locks are then shared by two processes.
     */
    public void startReplicas(Service... services) {
        for (Service s : services) {
            replicas.put(s, start(s, s.port + 10, s.id() + "-2"));
        }
        for (Service s : services) {
            awaitReady(s.id() + "-2", "http://localhost:" + (s.port + 10), replicas.get(s));
        }
    }

    /** The second replica's base URL (see {@link #startReplicas}). */
    public String replicaUrl(Service s) {
        return "http://localhost:" + (s.port + 10);
    }

    public void stopReplicas() {
        stop(replicas);
    }

    private void launch(Service s) {
        running.put(s, start(s, s.port, s.id()));
    }

    private Process start(Service s, int port, String name) {
        Path jar = root.resolve(
                (s == Service.PORTAL ? "seller-portal" : s.id() + "-service") + "/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the system tests run the packaged services; build "
                    + "them first (./mvnw verify runs every module in order, or ./mvnw package -DskipTests)");
        }
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                MARKER + name,
                "-Dquarkus.profile=test",
                "-Dquarkus.http.port=" + port));
        config(s).forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.addAll(List.of("-jar", jar.toString()));
        try {
            Path logs = root.resolve("system-tests/target/platform");
            Files.createDirectories(logs);
            return new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            logs.resolve(name + ".log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
    }

    /** Where each service finds the others and the devstack (honouring the devstack's BAZAAR_* overrides). */
    private Map<String, String> config(Service s) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("kafka.bootstrap.servers", External.kafka(profile));
        // a killed service's consumers give their partitions up after 6 s (the broker's minimum), not 10 s
        c.put("kafka.session.timeout.ms", "6000");
        c.put("kafka.heartbeat.interval.ms", "2000");
        c.put("quarkus.oidc.auth-server-url", External.keycloakUrl(profile) + "/realms/bazaar");
        if (s.database != null) {
            c.put(
                    "quarkus.datasource.reactive.url",
                    "postgresql://" + External.pgHost() + ":" + External.pgPort(profile) + "/" + s.database);
            c.put("quarkus.datasource.jdbc.url", jdbcUrl(s));
            c.put("quarkus.datasource.username", External.pgUser(s.database));
            c.put("quarkus.datasource.password", External.pgPassword(s.database));
        }
        // the system tests play the ingress: X-Forwarded-For is believed from loopback, as from a real ingress
        String ingress = "127.0.0.1,::1";
        switch (s) {
            case CATALOG -> {
                c.put("quarkus.elasticsearch.hosts", External.openSearch(profile));
                c.put("quarkus.redis.hosts", External.redisUrl(profile));
                c.put("bazaar.kit.trusted-proxies", ingress);
                // production's per-IP search limit (the module tests raise it), so the abuse suite meets the real one
                c.put("%test.bazaar.catalog.search-limit.per-ip", "100");
            }
            case CART -> {
                c.put("quarkus.redis.hosts", External.redisUrl(profile));
                c.put("quarkus.rest-client.catalog.url", url(Service.CATALOG));
                c.put("bazaar.kit.trusted-proxies", ingress);
            }
            case CHECKOUT -> {
                c.put("quarkus.rest-client.cart.url", url(Service.CART));
                c.put("quarkus.rest-client.catalog.url", url(Service.CATALOG));
                c.put("quarkus.redis.hosts", External.redisUrl(profile));
                // production's per-buyer limits (the module tests raise them)
                c.put("%test.bazaar.checkout.limits.confirms-per-buyer", "10");
                c.put("%test.bazaar.checkout.limits.quotes-per-buyer", "30");
                c.put("%test.bazaar.checkout.limits.running-per-buyer", "3");
            }
            case ORDER -> {
                c.put("quarkus.mongodb.connection-string", External.mongoUrl(profile));
                // the sellers' shipping addresses, read from checkout's address book
                c.put("quarkus.rest-client.checkout.url", url(Service.CHECKOUT));
            }
            // where buyers' apps reach it: the sandbox's 3-D Secure stand-in page is addressed from here
            case PAYMENT -> c.put("bazaar.payments.public-url", url(Service.PAYMENT));
            case NOTIFICATION -> {
                // real mail to the test devstack's GreenMail (Quarkus Mailer only pretends in test unless told)
                String smtp = External.smtp(profile);
                c.put("quarkus.mailer.mock", "false");
                c.put("quarkus.mailer.host", smtp.substring(0, smtp.lastIndexOf(':')));
                c.put("quarkus.mailer.port", smtp.substring(smtp.lastIndexOf(':') + 1));
                c.put("quarkus.mailer.start-tls", "DISABLED");
                // recipients' addresses from the test Keycloak's admin API; sellers' links to this platform's portal
                c.put("bazaar.keycloak.url", External.keycloakUrl(profile));
                c.put("bazaar.notifications.portal-url", url(Service.PORTAL));
                // a mail server stopped for a while (NotificationSystemTest) is waited out as production's two hours
                // are: the module tests' three quick attempts would give up on it within seconds
                c.put("%test.bazaar.notifications.max-attempts", "40");
                c.put("%test.bazaar.notifications.max-backoff", "3s");
            }
            // reviews in the test devstack's MongoDB (database "reviews", shared with review-service's module tests)
            case REVIEW -> c.put("quarkus.mongodb.connection-string", External.mongoUrl(profile));
            case PORTAL -> {
                c.put("bazaar.portal.catalog-url", url(Service.CATALOG));
                c.put("bazaar.portal.order-url", url(Service.ORDER));
                c.put("bazaar.portal.payment-url", url(Service.PAYMENT));
                c.put("bazaar.portal.review-url", url(Service.REVIEW));
                // the console's audit log and dead letters of checkout and cart
                c.put("bazaar.portal.checkout-url", url(Service.CHECKOUT));
                c.put("bazaar.portal.cart-url", url(Service.CART));
            }
        }
        return c;
    }

    private void awaitReady(Service s) {
        awaitReady(s.id(), url(s), running.get(s));
    }

    private void awaitReady(String name, String url, Process p) {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!p.isAlive()) {
                throw new IllegalStateException(name + " exited with " + p.exitValue() + ":\n" + logTail(name));
            }
            try {
                HttpResponse<Void> r = http.send(
                        HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                                .timeout(Duration.ofSeconds(3))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(500);
        }
        throw new IllegalStateException(name + " was not ready within " + READY_TIMEOUT + ":\n" + logTail(name));
    }

    public String logTail(Service s) {
        return logTail(s.id());
    }

    private String logTail(String name) {
        try {
            List<String> lines = Files.readAllLines(root.resolve("system-tests/target/platform/" + name + ".log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void clearLogs() {
        Path logs = root.resolve("system-tests/target/platform");
        for (Service s : Service.values()) {
            try {
                Files.deleteIfExists(logs.resolve(s.id() + ".log"));
            } catch (IOException e) {
                // an old log stays appended to: harmless
            }
        }
    }

    /** Services a previous, killed run left behind hold our ports: stop them (only ours, by their marker). */
    private void killLeftovers() {
        ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().map(c -> c.contains(MARKER)).orElse(false))
                .forEach(h -> {
                    h.destroyForcibly();
                    h.onExit()
                            .orTimeout(10, java.util.concurrent.TimeUnit.SECONDS)
                            .exceptionally(e -> h)
                            .join();
                });
    }

    private void signal(Service s, String signal) {
        try {
            int rc = new ProcessBuilder(
                            "kill", "-" + signal, String.valueOf(running.get(s).pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
            if (rc != 0) {
                throw new IllegalStateException("kill -" + signal + " " + s.id() + " exited " + rc);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        stop(replicas);
        stop(running);
    }

    /** SIGTERM to each (and SIGCONT: a frozen process cannot act on SIGTERM), then up to 20 s before SIGKILL. */
    private static void stop(Map<Service, Process> processes) {
        processes.values().forEach(p -> {
            if (p.isAlive()) {
                p.toHandle().destroy();
                signalQuietly(p, "CONT");
            }
        });
        processes.values().forEach(p -> {
            try {
                if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        processes.clear();
    }

    private static void signalQuietly(Process p, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid()))
                    .start()
                    .waitFor();
        } catch (IOException | InterruptedException e) {
            // best effort
        }
    }
}
