package dev.bazaar.devstack;

import dev.bazaar.devstack.Procs.Pid;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The devstack: starts PostgreSQL, Redis, Kafka, OpenSearch, a MongoDB-wire server, Keycloak, a mail server
 * (GreenMail: SMTP, IMAP and its HTTP API) and an S3 API (S3Proxy over a local folder) as detached local processes, one state folder per profile
 * ({@code <repo>/.devstack/<profile>/}: pid, port, log, data).
 *
 * <p>CLI: {@code Devstack up|down|status|logs <component>|reset [--profile dev|test] [component...]}.
 */
public final class Devstack {
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
    private static final String HOST = "localhost";

    private final Profile profile;
    private final Runtimes runtimes;
    private final PrintStream out;

    public Devstack(Profile profile, PrintStream out) {
        this.profile = profile;
        this.runtimes = new Runtimes(profile.repoRoot());
        this.out = out != null ? out : new PrintStream(OutputStream.nullOutputStream());
    }

    /** The test profile of the repository found from system property / env / cwd. */
    public static Devstack forTests(PrintStream out) {
        return new Devstack(Profile.test(Profile.findRepoRoot()), out);
    }

    public Profile profile() {
        return profile;
    }

    /** What {@code status} reports for one component. */
    public record Status(Component component, String state, long pid, int port) {
        public boolean running() {
            return "running".equals(state) || "external".equals(state);
        }

        @Override
        public String toString() {
            String p = component.id();
            return String.format("%-11s %-9s %-12s port %d", p, state, pid > 0 ? "pid " + pid : "", port);
        }
    }

    // ------------------------------------------------------------------ records

    private Path stateDir() {
        return profile.stateDir();
    }

    private Path dir(Component c) {
        return stateDir().resolve(c.id());
    }

    private Path log(Component c) {
        return stateDir().resolve(c.id() + ".log");
    }

    private Path recordFile(Component c) {
        return stateDir().resolve(c.id() + ".pid");
    }

    /** What we recorded about a component's processes. */
    record Record(Pid main, int port, Set<Pid> tree) {
        List<Pid> all() {
            List<Pid> l = new ArrayList<>();
            l.add(main);
            tree.stream().filter(p -> p.pid() != main.pid()).forEach(l::add);
            return l;
        }
    }

    Record read(Component c) {
        Path f = recordFile(c);
        if (!Files.exists(f)) {
            return null;
        }
        try {
            Properties p = new Properties();
            try (var in = Files.newInputStream(f)) {
                p.load(in);
            }
            Set<Pid> tree = new LinkedHashSet<>();
            String t = p.getProperty("tree", "");
            for (String s : t.split(",")) {
                if (!s.isBlank()) {
                    tree.add(Pid.parse(s));
                }
            }
            return new Record(Pid.parse(p.getProperty("pid")), Integer.parseInt(p.getProperty("port", "0")), tree);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private void write(Component c, Record r) {
        Properties p = new Properties();
        p.setProperty("pid", r.main().toString());
        p.setProperty("port", Integer.toString(r.port()));
        p.setProperty("tree", r.tree().stream().map(Pid::toString).collect(Collectors.joining(",")));
        p.setProperty("component", c.id());
        p.setProperty("profile", profile.name());
        try {
            Path tmp = recordFile(c).resolveSibling(c.id() + ".pid.tmp");
            try (var o = Files.newOutputStream(tmp)) {
                p.store(o, "bazaar devstack: recorded by the process that started it");
            }
            Files.move(tmp, recordFile(c), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Recorded pid of the component's main process, if it is alive (for tests and tools). */
    public long pid(Component c) {
        Record r = read(c);
        return r != null && r.main().alive() ? r.main().pid() : -1;
    }

    // ------------------------------------------------------------------ locking

    private <T> T locked(Supplier<T> action) {
        try {
            Files.createDirectories(stateDir());
        } catch (IOException e) {
            throw new DevstackException("Cannot create the state folder " + stateDir() + ": " + e.getMessage());
        }
        ReentrantLock l = JVM_LOCKS.computeIfAbsent(stateDir(), k -> new ReentrantLock());
        l.lock();
        try (FileChannel ch =
                FileChannel.open(stateDir().resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock fl = Procs.lock(
                    ch,
                    () -> out.println("waiting for another devstack command on profile " + profile.name() + " ..."));
            try {
                return action.get();
            } finally {
                fl.release();
            }
        } catch (IOException e) {
            throw new DevstackException("Cannot lock " + stateDir().resolve(".lock") + ": " + e.getMessage());
        } finally {
            l.unlock();
        }
    }

    // ------------------------------------------------------------------ up

    /** Ensures the components are up (starting those that are not, reusing our own running ones). */
    public Map<Component, Status> up(Collection<Component> wanted) {
        Jdk.check();
        Set<Component> comps = wanted.isEmpty() ? EnumSet.allOf(Component.class) : EnumSet.copyOf(wanted);
        return locked(() -> doUp(comps));
    }

    private Map<Component, Status> doUp(Set<Component> comps) {
        long t0 = System.nanoTime();
        Map<Component, Status> result = new LinkedHashMap<>();
        List<Component> local = new ArrayList<>();
        for (Component c : comps) {
            var v = External.variable(c);
            if (v.isPresent()) {
                out.println(pad(c) + "external (" + v.get() + " is set): not started");
                result.put(c, new Status(c, "external", -1, -1));
            } else {
                local.add(c);
            }
        }
        // 1. what runs already (and answers)?
        List<Component> pending = new ArrayList<>();
        List<Component> toStart = new ArrayList<>();
        Map<Component, Pid> mains = new ConcurrentHashMap<>();
        for (Component c : local) {
            Record r = read(c);
            if (r != null && r.main().alive() && configChanged(c)) {
                // started by an older devstack with another configuration (e.g. before Kafka required SASL)
                out.println(pad(c) + "runs an older configuration: restarting it (its data is kept)");
                stopRecorded(c, r);
                deleteRecord(c);
                r = null;
            }
            if (r != null && r.main().alive()) {
                mains.put(c, r.main());
                if (quickProbe(c)) {
                    out.println(pad(c) + "running (pid " + r.main().pid() + ", port " + profile.port(c) + ")");
                } else {
                    out.println(pad(c) + "pid " + r.main().pid() + " alive but not answering yet: waiting");
                    pending.add(c);
                }
            } else {
                toStart.add(c);
            }
        }
        // 2. clean up leftovers of dead ones, then check their ports
        List<String> portErrors = new ArrayList<>();
        for (Component c : toStart) {
            cleanup(c, read(c));
            for (int port : ports(c)) {
                String err = freePort(c, port);
                if (err != null) {
                    portErrors.add(err);
                }
            }
        }
        if (!portErrors.isEmpty()) {
            throw new DevstackException(String.join("\n", portErrors));
        }
        // 3. resolve runtimes (parallel)
        List<String> errors = new ArrayList<>();
        parallel(
                toStart,
                c -> {
                    double s = runtimes.ensure(c);
                    if (s > 0) {
                        out.printf("%sruntime resolved in %.1f s%n", pad(c), s);
                    }
                    return null;
                },
                errors);
        if (!errors.isEmpty()) {
            throw new DevstackException(String.join("\n", errors));
        }
        // 4. start (parallel: keycloak copies its home, postgres may run initdb, kafka formats its storage)
        Map<Component, Long> startedAt = new ConcurrentHashMap<>();
        parallel(
                toStart,
                c -> {
                    startedAt.put(c, System.nanoTime());
                    Pid pid;
                    try {
                        pid = start(c);
                    } catch (DevstackException e) {
                        String msg = e.getMessage();
                        throw new DevstackException(c.id() + " could not start: " + msg
                                + (msg.contains(log(c).toString()) ? "" : "\n" + c.id() + "'s log: " + log(c)));
                    }
                    mains.put(c, pid);
                    out.println(pad(c) + "started (pid " + pid.pid() + ", port " + profile.port(c) + ")");
                    return null;
                },
                errors);
        pending.addAll(toStart.stream().filter(mains::containsKey).toList());
        // 5. wait for readiness (parallel), then provision
        List<Component> failed = new ArrayList<>();
        List<String> readyErrors = new ArrayList<>();
        parallel(
                pending,
                c -> {
                    Pid pid = mains.get(c);
                    long since = startedAt.getOrDefault(c, System.nanoTime());
                    try {
                        try {
                            awaitReady(c, pid);
                        } catch (DevstackException e) {
                            if (startedAt.containsKey(c) || pid.alive()) {
                                throw e;
                            }
                            // it was running when we looked, and died meanwhile: start it again
                            out.println(pad(c) + "pid " + pid.pid() + " exited: starting it again");
                            cleanup(c, read(c));
                            for (int port : ports(c)) {
                                String err = freePort(c, port);
                                if (err != null) {
                                    throw new DevstackException(err);
                                }
                            }
                            runtimes.ensure(c);
                            since = System.nanoTime();
                            pid = start(c);
                            mains.put(c, pid);
                            awaitReady(c, pid);
                        }
                    } catch (DevstackException e) {
                        synchronized (failed) {
                            failed.add(c);
                        }
                        throw e;
                    }
                    write(c, new Record(pid, profile.port(c), Procs.tree(pid)));
                    out.printf("%sready in %.1f s%n", pad(c), (System.nanoTime() - since) / 1e9);
                    return null;
                },
                readyErrors);
        errors.addAll(readyErrors);
        List<Component> ok = local.stream()
                .filter(c -> !failed.contains(c) && mains.containsKey(c))
                .toList();
        parallel(
                ok,
                c -> {
                    // provision once per server process and per version of what is provisioned (databases, topics,
                    // users and
                    // ACLs, index template), so a running server learns a new service's topic and user; idempotent
                    // anyway
                    Path stamp = stateDir().resolve(c.id() + ".provisioned");
                    String pidNow = mains.get(c).toString() + " " + Probes.provisioningDigest(c);
                    if (!Files.exists(stamp) || !Files.readString(stamp).trim().equals(pidNow)) {
                        String msg = Probes.provision(c, HOST, profile.port(c));
                        if (!msg.isEmpty()) {
                            out.println(pad(c) + msg);
                        }
                        Files.writeString(stamp, pidNow);
                    }
                    // descendants may have appeared since (e.g. postgres backends, keycloak's java)
                    Record r = read(c);
                    if (r != null) {
                        Set<Pid> tree = new LinkedHashSet<>(r.tree());
                        tree.addAll(Procs.tree(r.main()));
                        tree.removeIf(p -> !p.alive());
                        write(c, new Record(r.main(), r.port(), tree));
                    }
                    return null;
                },
                errors);
        for (Component c : failed) {
            Record r = read(c);
            if (r != null) {
                stopRecorded(c, r);
                deleteRecord(c);
            }
        }
        if (!errors.isEmpty()) {
            throw new DevstackException("devstack up (" + profile.name() + ") failed:\n" + String.join("\n\n", errors));
        }
        for (Component c : local) {
            result.put(c, new Status(c, "running", mains.get(c).pid(), profile.port(c)));
        }
        out.printf("devstack %s up in %.1f s%n", profile.name(), (System.nanoTime() - t0) / 1e9);
        return result;
    }

    private static String pad(Component c) {
        return String.format("%-11s", c.id());
    }

    private List<Integer> ports(Component c) {
        List<Integer> l = new ArrayList<>();
        l.add(profile.port(c));
        if (profile.secondPort(c) > 0) {
            l.add(profile.secondPort(c));
        }
        if (profile.thirdPort(c) > 0) {
            l.add(profile.thirdPort(c));
        }
        return l;
    }

    private boolean quickProbe(Component c) {
        try {
            Probes.quickProbe(c, HOST, profile);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private void awaitReady(Component c, Pid pid) {
        long deadline = System.nanoTime() + c.timeoutSeconds() * 1_000_000_000L;
        String last = "not answering";
        while (System.nanoTime() < deadline) {
            if (!pid.alive()) {
                Procs.sleep(300);
                throw new DevstackException(c.id() + " exited before it was ready (pid " + pid.pid()
                        + "). Last lines of " + log(c) + ":\n" + indent(Procs.tail(log(c), 40)));
            }
            try {
                Probes.probe(c, HOST, profile);
                return;
            } catch (Exception e) {
                last = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            Procs.sleep(c == Component.KAFKA || c == Component.KEYCLOAK ? 1000 : 300);
        }
        throw new DevstackException(c.id() + " was not ready on port " + profile.port(c) + " within "
                + c.timeoutSeconds() + " s (last check: " + last + "). Last lines of " + log(c) + ":\n"
                + indent(Procs.tail(log(c), 40)));
    }

    private static String indent(String s) {
        return s.lines().map(l -> "    " + l).collect(Collectors.joining("\n"));
    }

    /**
     * Null when the port is free (after removing an orphan of ours that held it); else a message naming port and holder.
     */
    private String freePort(Component c, int port) {
        var holder = Procs.portHolder(port);
        if (holder.isEmpty()) {
            return null;
        }
        long pid = holder.get();
        if (pid > 0 && isOurs(pid)) {
            out.println(pad(c) + "port " + port + " held by an orphaned process of ours, pid " + pid + ": stopping it");
            Pid p = Pid.of(ProcessHandle.of(pid).orElseThrow());
            List<Pid> tree = new ArrayList<>(Procs.tree(p));
            Procs.stop(tree.isEmpty() ? List.of(p) : tree, c == Component.POSTGRES ? "INT" : "TERM", 15000);
            Procs.sleep(200);
            holder = Procs.portHolder(port);
            if (holder.isEmpty()) {
                return null;
            }
            pid = holder.get();
        }
        String other = pid > 0 && Procs.commandLine(pid).contains("-Dbazaar.devstack=")
                ? " It is a devstack server of another checkout or state folder: run 'bin/devstack down --profile "
                        + profile.name() + "' there."
                : "";
        String name = port == profile.port(c)
                ? ""
                : " " + (port == profile.secondPort(c) ? c.secondPortName() : c.thirdPortName());
        return "Port " + port + " (" + c.id() + name + ", profile "
                + profile.name() + ") is held by " + Procs.describe(pid)
                + ", which this devstack (" + stateDir() + ") did not start. Stop it, or point Bazaar at it with "
                + External.variable(c).orElse(envName(c)) + "." + other;
    }

    private static String envName(Component c) {
        return switch (c) {
            case POSTGRES -> "BAZAAR_PG_HOST/BAZAAR_PG_PORT";
            case REDIS -> "BAZAAR_REDIS_URL";
            case KAFKA -> "BAZAAR_KAFKA";
            case OPENSEARCH -> "BAZAAR_OPENSEARCH";
            case MONGO -> "BAZAAR_MONGO_URL";
            case KEYCLOAK -> "BAZAAR_KEYCLOAK_URL";
            case MAIL -> "BAZAAR_SMTP";
            case S3 -> "BAZAAR_S3_ENDPOINT";
        };
    }

    /** A process we started (recorded in any tree of this profile), or one carrying our marker / state folder. */
    private boolean isOurs(long pid) {
        for (Component c : Component.values()) {
            Record r = read(c);
            if (r != null && r.all().stream().anyMatch(p -> p.pid() == pid && p.alive())) {
                return true;
            }
        }
        // the marker alone is not enough: another clone of the repository uses the same profile names and ports
        String cmd = Procs.commandLine(pid);
        if (cmd.contains(stateDir().toString() + "/")) {
            return true;
        }
        String exe = Procs.exe(pid);
        return exe.startsWith(profile.libDir().toString()) && (exe.contains("redis") || exe.contains("postgres"));
    }

    /** Kills what is left of a dead component: recorded descendants, and PostgreSQL's postmaster from postmaster.pid. */
    private void cleanup(Component c, Record r) {
        if (r != null) {
            List<Pid> alive = r.all().stream().filter(Pid::alive).toList();
            if (!alive.isEmpty()) {
                out.println(pad(c) + "stopping leftovers of the previous run: "
                        + alive.stream().map(p -> Long.toString(p.pid())).toList());
                Procs.stop(alive, c == Component.POSTGRES ? "INT" : "TERM", 15000);
            }
        }
        if (c == Component.POSTGRES) {
            stopOrphanPostmaster();
        }
    }

    private void stopOrphanPostmaster() {
        Path pidFile = dir(Component.POSTGRES).resolve("data").resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return;
            }
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.isEmpty()) {
                return;
            }
            long pid = Long.parseLong(lines.get(0).trim());
            var h = ProcessHandle.of(pid);
            if (h.isPresent() && h.get().isAlive() && Procs.commandLine(pid).contains("postgres")) {
                out.println(pad(Component.POSTGRES) + "stopping orphaned postmaster pid " + pid + " (from " + pidFile
                        + ")");
                Procs.stop(List.of(Pid.of(h.get())), "INT", 15000);
            }
        } catch (IOException | RuntimeException e) {
            // stale or unreadable: postgres itself handles a stale postmaster.pid
        }
    }

    private <T> void parallel(Collection<Component> comps, ThrowingFn<T> fn, List<String> errors) {
        if (comps.isEmpty()) {
            return;
        }
        ExecutorService ex = Executors.newFixedThreadPool(comps.size(), r -> {
            Thread t = new Thread(r, "devstack");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<Component, Future<T>> futures = new LinkedHashMap<>();
            for (Component c : comps) {
                futures.put(c, ex.submit((Callable<T>) () -> fn.apply(c)));
            }
            for (var e : futures.entrySet()) {
                try {
                    e.getValue().get();
                } catch (ExecutionException ee) {
                    Throwable cause = ee.getCause();
                    String msg = cause instanceof DevstackException
                            ? cause.getMessage()
                            : e.getKey().id() + ": " + cause;
                    synchronized (errors) {
                        errors.add(msg);
                    }
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new DevstackException("interrupted");
                }
            }
        } finally {
            ex.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface ThrowingFn<T> {
        T apply(Component c) throws Exception;
    }

    // ------------------------------------------------------------------ starting each component

    private Pid start(Component c) throws Exception {
        Path dir = dir(c);
        Files.createDirectories(dir);
        Path log = log(c);
        if (Files.exists(log)) {
            Files.move(log, log.resolveSibling(c.id() + ".log.1"), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(
                log,
                "=== bazaar devstack " + profile.name() + ": starting " + c.id() + " at " + LocalDateTime.now() + "\n");
        Map<String, String> env = new LinkedHashMap<>();
        List<String> cmd = switch (c) {
            case POSTGRES -> postgres(dir);
            case REDIS -> redis(dir);
            case KAFKA -> kafka(dir);
            case OPENSEARCH -> openSearch(dir);
            case MONGO -> mongo(dir);
            case KEYCLOAK -> keycloak(dir, env);
            case MAIL -> mail();
            case S3 -> s3(dir);
        };
        Files.writeString(log, "=== " + String.join(" ", cmd) + "\n", StandardOpenOption.APPEND);
        Process p = Procs.startDetached(cmd, dir, log, env);
        Pid pid = Pid.of(p.toHandle());
        write(c, new Record(pid, profile.port(c), Set.of(pid)));
        return pid;
    }

    private List<String> jvm(Component c, String xms, String xmx) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Jdk.java().toString());
        cmd.add(profile.marker(c));
        cmd.add(stateMarker());
        cmd.add("-Xms" + xms);
        cmd.add("-Xmx" + xmx);
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        return cmd;
    }

    /** Names the state folder on the command line: how an orphan of ours is told from one of another clone. */
    private String stateMarker() {
        return "-Dbazaar.devstack.state=" + stateDir() + "/";
    }

    private static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (Exception e) {
            return false;
        }
    }

    /** PostgreSQL refuses to run as root: drop to nobody (65534) with setpriv when we are root. */
    private static List<String> pgUser() {
        if (isRoot()) {
            String setpriv = Procs.which("setpriv").orElse(null);
            if (setpriv != null) {
                return List.of(setpriv, "--reuid=65534", "--regid=65534", "--clear-groups");
            }
            String runuser = Procs.which("runuser")
                    .orElseThrow(
                            () -> new DevstackException(
                                    "PostgreSQL cannot run as root, and neither setpriv nor runuser is available to drop privileges"));
            return List.of(runuser, "-u", "nobody", "--");
        }
        return List.of();
    }

    private List<String> postgres(Path dir) throws IOException {
        Path bin = runtimes.postgresBin().resolve("bin");
        Path data = dir.resolve("data");
        boolean root = isRoot();
        if (!Files.exists(data.resolve("PG_VERSION"))) {
            Runtimes.deleteTree(data);
            Files.createDirectories(data);
            if (root) {
                chownNobody(dir);
                chownNobody(data);
            }
            List<String> initdb = new ArrayList<>(pgUser());
            initdb.addAll(List.of(
                    bin.resolve("initdb").toString(),
                    "-D",
                    data.toString(),
                    "-U",
                    "postgres",
                    "-A",
                    "trust",
                    "-E",
                    "UTF8",
                    "--locale=C",
                    "--no-sync"));
            Procs.Result r = Procs.run(initdb, data, Map.of("LC_ALL", "C"), 300);
            Files.writeString(log(Component.POSTGRES), r.output(), StandardOpenOption.APPEND);
            if (r.exit() != 0) {
                throw new DevstackException(
                        "initdb failed (exit " + r.exit() + "):\n" + indent(Procs.tail(r.output(), 30)));
            }
        } else if (root) {
            chownNobody(dir);
        }
        writePgHba(data);
        List<String> cmd = new ArrayList<>(pgUser());
        cmd.addAll(List.of(
                bin.resolve("postgres").toString(),
                "-D",
                data.toString(),
                "-p",
                Integer.toString(profile.port(Component.POSTGRES)),
                "-c",
                "listen_addresses=localhost",
                "-c",
                "unix_socket_directories=",
                "-c",
                "max_connections=300",
                "-c",
                "shared_buffers=64MB",
                "-c",
                "synchronous_commit=off"));
        if (!profile.persistent()) {
            cmd.addAll(List.of("-c", "fsync=off", "-c", "full_page_writes=off"));
        }
        return cmd;
    }

    /**
     * Who may sign in, written at every start (over initdb's trust-everyone file): the superuser {@code postgres}
     * (provisioning, fault injection; loopback only) without a password, every other role only with its password, so
     * a service's credentials are what lets it in — and its role's grants what it may reach (ADR 0012).
     */
    static void writePgHba(Path data) throws IOException {
        Files.writeString(
                data.resolve("pg_hba.conf"),
                String.join(
                        "\n",
                        "# written by the bazaar devstack at every start",
                        "# TYPE  DATABASE  USER      ADDRESS       METHOD",
                        "host    all       postgres  127.0.0.1/32  trust",
                        "host    all       postgres  ::1/128       trust",
                        "host    all       all       127.0.0.1/32  scram-sha-256",
                        "host    all       all       ::1/128       scram-sha-256",
                        ""));
    }

    private static void chownNobody(Path p) throws IOException {
        Files.setAttribute(p, "unix:uid", 65534);
        Files.setAttribute(p, "unix:gid", 65534);
    }

    private List<String> redis(Path dir) {
        return List.of(
                runtimes.redisServer().toString(),
                "--port",
                Integer.toString(profile.port(Component.REDIS)),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--protected-mode",
                "no",
                "--daemonize",
                "no",
                "--dir",
                dir.toString());
    }

    private List<String> kafka(Path dir) throws IOException {
        Path server = kafkaConfig(dir);
        Path log4j = dir.resolve("log4j2.properties");
        String cp = runtimes.classpath(Component.KAFKA).toString();
        if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
            String clusterId = kafkaClusterId();
            Procs.Result r = formatKafkaStorage(dir, clusterId);
            Files.writeString(log(Component.KAFKA), r.output(), StandardOpenOption.APPEND);
            if (r.exit() != 0) {
                throw new DevstackException(
                        "Kafka storage format (cluster id " + clusterId + ") failed (exit " + r.exit()
                                + "); its output is in " + log(Component.KAFKA) + ". Last lines:\n"
                                + indent(Procs.tail(r.output(), 30))
                                + "\nTry again from scratch: bin/devstack reset --profile " + profile.name());
            }
        }
        List<String> cmd = jvm(Component.KAFKA, "256m", "512m");
        cmd.addAll(List.of(
                "-XX:+UseG1GC",
                "-XX:MaxGCPauseMillis=20",
                "-Dlog4j2.configurationFile=" + log4j,
                "-cp",
                cp,
                "kafka.Kafka",
                server.toString()));
        return cmd;
    }

    /** Resolves a component's runtime (as {@code up} does before starting it); for tests of single steps. */
    void ensureRuntime(Component c) {
        runtimes.ensure(c);
    }

    /** Formats the storage of the Kafka in {@code dir} (its config written by {@link #kafkaConfig}) with that id. */
    Procs.Result formatKafkaStorage(Path dir, String clusterId) throws IOException {
        return Procs.run(
                kafkaFormat(
                        runtimes.classpath(Component.KAFKA).toString(),
                        dir.resolve("log4j2.properties"),
                        dir.resolve("server.properties"),
                        clusterId),
                dir,
                Map.of(),
                180);
    }

    /** Whether a running component was started with another configuration than this devstack writes (Kafka only). */
    private boolean configChanged(Component c) {
        if (c != Component.KAFKA) {
            return false;
        }
        Path server = dir(c).resolve("server.properties");
        try {
            return Files.exists(server) && !Files.readString(server).equals(kafkaProperties(dir(c)));
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes server.properties and log4j2.properties of the Kafka in {@code dir} (at every start); answers the former. */
    Path kafkaConfig(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("data"));
        Path server = dir.resolve("server.properties");
        Files.writeString(server, kafkaProperties(dir));
        // for Kafka's command-line tools: --command-config <dir>/admin.properties (docs/runbooks/local-platform.md)
        StringBuilder admin =
                new StringBuilder("# the devstack's Kafka super user, for kafka-topics.sh & co (--command-config)\n");
        KafkaAccess.adminClient()
                .forEach((k, v) -> admin.append(k).append('=').append(v).append('\n'));
        Files.writeString(dir.resolve("admin.properties"), admin.toString());
        Path log4j = dir.resolve("log4j2.properties");
        Files.writeString(
                log4j,
                String.join(
                        "\n",
                        "status = warn",
                        "appender.console.type = Console",
                        "appender.console.name = STDOUT",
                        "appender.console.layout.type = PatternLayout",
                        "appender.console.layout.pattern = [%d] %p %m (%c)%n",
                        "rootLogger.level = info",
                        "rootLogger.appenderRef.stdout.ref = STDOUT",
                        "logger.kafka.name = kafka",
                        "logger.kafka.level = info",
                        "logger.state.name = state.change.logger",
                        "logger.state.level = warn",
                        "logger.controller.name = org.apache.kafka.controller",
                        "logger.controller.level = info",
                        ""));
        return server;
    }

    /** server.properties of the Kafka in {@code dir}: one broker and controller; SASL and ACLs as {@link KafkaAccess} says. */
    private static Path realPath(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            return dir.toAbsolutePath().normalize();
        }
    }

    private String kafkaProperties(Path dir) {
        int port = profile.port(Component.KAFKA);
        int ctl = profile.secondPort(Component.KAFKA);
        // the real path: a checkout whose .devstack is a symlink to another's (a git worktree) writes the same file,
        // so the broker is not restarted as "an older configuration" by every checkout that runs tests
        Path data = realPath(dir).resolve("data");
        return String.join(
                "\n",
                "# written by the bazaar devstack at every start",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@localhost:" + ctl,
                // every client signs in (SASL): services with their SCRAM users, the devstack's tooling and the tests
                // as the PLAIN super user, which is also how the broker talks to its controller (KafkaAccess)
                "listeners=CLIENTS://localhost:" + port + ",CONTROLLER://localhost:" + ctl,
                "advertised.listeners=CLIENTS://localhost:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=CLIENTS",
                "listener.security.protocol.map=CLIENTS:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT",
                "sasl.mechanism.inter.broker.protocol=PLAIN",
                "sasl.mechanism.controller.protocol=PLAIN",
                "listener.name.clients.sasl.enabled.mechanisms=PLAIN," + KafkaAccess.SCRAM,
                "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
                "listener.name.clients.plain.sasl.jaas.config=" + KafkaAccess.brokerPlainJaas(),
                "listener.name.controller.plain.sasl.jaas.config=" + KafkaAccess.brokerPlainJaas(),
                "listener.name.clients." + KafkaAccess.SCRAM.toLowerCase(java.util.Locale.ROOT)
                        + ".sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;",
                // nothing is allowed that an ACL does not grant (the grants: KafkaAccess, as the chart's topics Job)
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "super.users=User:" + KafkaAccess.ADMIN,
                "allow.everyone.if.no.acl.found=false",
                "log.dirs=" + data,
                "num.partitions=" + Probes.PARTITIONS,
                "default.replication.factor=1",
                "min.insync.replicas=1",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=10",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=10",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "log.retention.hours=168",
                "num.network.threads=2",
                "num.io.threads=4",
                "");
    }

    /**
     * A Kafka cluster id as Kafka itself makes them ({@code Uuid.randomUuid()}, what {@code kafka-storage random-uuid}
     * prints): a random UUID in URL-safe base64, never the reserved ids and never one that begins with '-' (an argument
     * parser would read that as an option; a plain base64 of a random UUID begins with '-' once in 64).
     */
    static String kafkaClusterId() {
        return org.apache.kafka.common.Uuid.randomUuid().toString();
    }

    /**
     * The storage tool's format command. The id travels as {@code --cluster-id=<id>}, one argument, so that no id can
     * be mistaken for an option whatever it begins with.
     */
    static List<String> kafkaFormat(String classpath, Path log4j, Path server, String clusterId) {
        return List.of(
                Jdk.java().toString(),
                "-Xmx256m",
                "-Dlog4j2.configurationFile=" + log4j,
                "-cp",
                classpath,
                "kafka.tools.StorageTool",
                "format",
                "--cluster-id=" + clusterId,
                "--config=" + server);
    }

    private List<String> openSearch(Path dir) throws IOException {
        Path base = dir.resolve("node");
        Files.createDirectories(base);
        // the dev profile is what bench/run searches at a few hundred a second: 512 MB tripped the parent breaker
        List<String> cmd = jvm(Component.OPENSEARCH, "256m", profile.persistent() ? "1g" : "512m");
        cmd.addAll(storeCompiler(profile));
        cmd.addAll(List.of(
                "-XX:+UseSerialGC",
                "-Dlog4j2.disable.jmx=true",
                "-cp",
                runtimes.classpath(Component.OPENSEARCH).toString(),
                "dev.bazaar.devstack.runtime.OpenSearchMain",
                base.toString(),
                Integer.toString(profile.port(Component.OPENSEARCH)),
                Integer.toString(profile.secondPort(Component.OPENSEARCH)),
                "bazaar-" + profile.name()));
        return cmd;
    }

    /**
     * The JIT of a store under the platform's load (OpenSearch, the MongoDB-wire server). The test profile starts many
     * times a day and serves a few requests each: C1 alone starts faster on 2 cores. The dev profile is what bench/run
     * measures: C2 compiles the stores' hot loops (Lucene's scoring, the document matching) as a production JVM does —
     * with C1 alone they were the largest CPU consumers of a checkout at overload (MongoDB-wire 37 % of a core at
     * 50/s, ahead of PostgreSQL) and OpenSearch the limit of search, which no production server would show.
     */
    static List<String> storeCompiler(Profile profile) {
        return profile.persistent() ? List.of() : List.of("-XX:TieredStopAtLevel=1");
    }

    private List<String> mongo(Path dir) {
        List<String> cmd = jvm(Component.MONGO, "32m", "256m");
        cmd.addAll(storeCompiler(profile));
        cmd.addAll(List.of(
                "-XX:+UseSerialGC",
                "-cp",
                runtimes.classpath(Component.MONGO).toString(),
                "dev.bazaar.devstack.runtime.MongoMain",
                HOST,
                Integer.toString(profile.port(Component.MONGO))));
        if (profile.persistent()) {
            cmd.addAll(List.of("h2", dir.resolve("mongo.mv.db").toString()));
        } else {
            cmd.add("memory");
        }
        return cmd;
    }

    /**
     * GreenMail standalone: SMTP, IMAP and its HTTP API on 127.0.0.1, any user and password accepted (a mailbox is made
     * for each recipient as mail arrives). Mail lives in memory, in both profiles: a restart empties every mailbox.
     */
    private List<String> mail() {
        List<String> cmd = jvm(Component.MAIL, "32m", "128m");
        cmd.addAll(mailOptions(profile));
        cmd.addAll(List.of(
                "-cp",
                runtimes.classpath(Component.MAIL).toString(),
                "com.icegreen.greenmail.standalone.GreenMailStandaloneRunner"));
        return cmd;
    }

    /** GreenMail's settings (system properties) for a profile's mail ports. */
    static List<String> mailOptions(Profile profile) {
        String bind = "127.0.0.1";
        return List.of(
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Dgreenmail.smtp.hostname=" + bind,
                "-Dgreenmail.smtp.port=" + profile.port(Component.MAIL),
                "-Dgreenmail.imap.hostname=" + bind,
                "-Dgreenmail.imap.port=" + profile.secondPort(Component.MAIL),
                "-Dgreenmail.api.hostname=" + bind,
                "-Dgreenmail.api.port=" + profile.thirdPort(Component.MAIL),
                // no accounts to provision: any login works, and every recipient gets a mailbox on delivery
                "-Dgreenmail.auth.disabled",
                // GreenMail waits 2 s for its servers by default; a busy 2-core machine can take longer
                "-Dgreenmail.startup.timeout=30000");
    }

    /**
     * S3Proxy over {@code <state>/s3/data} (one folder per bucket, one file per object), on 127.0.0.1, answering only
     * requests signed with the devstack's key (AWS signature v2 or v4) — except reads of objects written with the
     * canned ACL {@code public-read} (S3Proxy keeps it as the file's others-read permission), which is how catalog
     * writes product images in development, so their public URLs work in a browser as they would behind a CDN. The
     * bucket is made here, before the server starts, private (no anonymous listing); objects stay across restarts in
     * both profiles ({@code reset s3} empties it).
     */
    private List<String> s3(Path dir) throws IOException {
        Path data = dir.resolve("data");
        Path bucket = data.resolve(External.S3_BUCKET);
        Files.createDirectories(bucket);
        Files.setPosixFilePermissions(bucket, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---"));
        Path conf = dir.resolve("s3proxy.conf");
        Files.writeString(conf, s3Properties(profile, data));
        // S3Proxy's jar brings no logging configuration: logback's default logs every request at DEBUG
        Path logback = dir.resolve("logback.xml");
        Files.writeString(logback, """
                <configuration>
                  <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
                  </appender>
                  <logger name="org.gaul.s3proxy" level="INFO"/>
                  <root level="WARN"><appender-ref ref="STDOUT"/></root>
                </configuration>
                """);
        List<String> cmd = jvm(Component.S3, "32m", "256m");
        cmd.addAll(List.of(
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Dlogback.configurationFile=" + logback,
                "-cp",
                runtimes.classpath(Component.S3).toString(),
                "org.gaul.s3proxy.Main",
                "--properties",
                conf.toString()));
        return cmd;
    }

    /** S3Proxy's properties for a profile's port and a data folder (the real path: worktrees share one state folder). */
    static String s3Properties(Profile profile, Path data) {
        return String.join(
                "\n",
                "# written by the bazaar devstack at every start",
                "s3proxy.endpoint=http://127.0.0.1:" + profile.port(Component.S3),
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + External.S3_ACCESS_KEY,
                "s3proxy.credential=" + External.S3_SECRET_KEY,
                // browsers (the seller portal's preview) read the public bucket from another origin
                "s3proxy.cors-allow-all=true",
                "jclouds.provider=filesystem",
                "jclouds.identity=" + External.S3_ACCESS_KEY,
                "jclouds.credential=" + External.S3_SECRET_KEY,
                "jclouds.filesystem.basedir=" + realPath(data),
                "");
    }

    private List<String> keycloak(Path home, Map<String, String> env) throws IOException {
        Path dist = runtimes.keycloakDist();
        Path distStamp = home.resolve(".bazaar-dist");
        String want = Runtimes.KEYCLOAK_VERSION + " "
                + Files.getLastModifiedTime(dist.resolve("bin/kc.sh")).toMillis();
        if (!Files.exists(home.resolve("bin/kc.sh"))
                || !Files.exists(distStamp)
                || !Files.readString(distStamp).equals(want)) {
            out.println(
                    pad(Component.KEYCLOAK) + "copying the Keycloak " + Runtimes.KEYCLOAK_VERSION + " dist to " + home);
            Runtimes.deleteTree(home);
            copyTree(dist, home);
            Files.writeString(distStamp, want);
        }
        KeycloakRealm.install(home.resolve("data"), out);
        env.put("JAVA_HOME", Jdk.home().toString());
        env.put("JAVA", Jdk.java().toString());
        // C1 only starts faster on 2 cores; the dev profile keeps C2 for load tests against it
        env.put(
                "JAVA_OPTS_APPEND",
                "--add-opens=java.base/java.lang=ALL-UNNAMED " + profile.marker(Component.KEYCLOAK)
                        + " " + stateMarker()
                        + (profile.persistent() ? "" : " -XX:TieredStopAtLevel=1"));
        env.put("JAVA_OPTS_KC_HEAP", "-Xms128m -Xmx512m");
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        return new ArrayList<>(List.of(
                "/bin/sh",
                home.resolve("bin/kc.sh").toString(),
                "start-dev",
                "--http-port=" + profile.port(Component.KEYCLOAK),
                "--http-management-port=" + profile.secondPort(Component.KEYCLOAK),
                "--import-realm",
                "--health-enabled=true"));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (Procs.which("cp").isPresent()) {
            Files.createDirectories(to.getParent());
            Procs.Result r = Procs.run(List.of("cp", "-a", from.toString(), to.toString()), null, Map.of(), 300);
            if (r.exit() == 0) {
                return;
            }
        }
        try (var s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    // ------------------------------------------------------------------ down, status, logs, reset

    /** Stops the components this profile recorded (all when empty); leaves anything else alone. */
    public void down(Collection<Component> wanted) {
        Set<Component> comps = wanted.isEmpty() ? EnumSet.allOf(Component.class) : EnumSet.copyOf(wanted);
        locked(() -> {
            List<String> errors = new ArrayList<>();
            parallel(
                    comps,
                    c -> {
                        Record r = read(c);
                        if (r == null) {
                            if (c == Component.POSTGRES) {
                                stopOrphanPostmaster();
                            }
                            return null;
                        }
                        long t0 = System.nanoTime();
                        boolean wasAlive = r.main().alive();
                        stopRecorded(c, r);
                        deleteRecord(c);
                        if (wasAlive) {
                            out.printf(
                                    "%sstopped (pid %d) in %.1f s%n",
                                    pad(c), r.main().pid(), (System.nanoTime() - t0) / 1e9);
                        }
                        return null;
                    },
                    errors);
            if (!errors.isEmpty()) {
                throw new DevstackException(String.join("\n", errors));
            }
            return null;
        });
    }

    private void stopRecorded(Component c, Record r) {
        Set<Pid> all = new LinkedHashSet<>();
        all.add(r.main());
        all.addAll(Procs.tree(r.main()));
        all.addAll(r.tree());
        List<Pid> list = all.stream().filter(Pid::alive).toList();
        long grace = switch (c) {
            case KAFKA -> 30000;
            case KEYCLOAK, OPENSEARCH -> 20000;
            default -> 10000;
        };
        Procs.stop(list, c == Component.POSTGRES ? "INT" : "TERM", grace);
        if (c == Component.POSTGRES) {
            stopOrphanPostmaster();
        }
    }

    private void deleteRecord(Component c) {
        try {
            Files.deleteIfExists(recordFile(c));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Status> status(Collection<Component> wanted) {
        Set<Component> comps = wanted.isEmpty() ? EnumSet.allOf(Component.class) : EnumSet.copyOf(wanted);
        List<Status> list = new ArrayList<>();
        for (Component c : comps) {
            if (External.isExternal(c)) {
                list.add(new Status(c, "external", -1, -1));
                continue;
            }
            Record r = read(c);
            if (r != null && r.main().alive()) {
                list.add(new Status(
                        c, quickProbe(c) ? "running" : "starting", r.main().pid(), profile.port(c)));
            } else {
                list.add(new Status(c, "stopped", -1, profile.port(c)));
            }
        }
        return list;
    }

    public String logs(Component c, int lines) {
        return Procs.tail(log(c), lines);
    }

    /** down + wipe the profile's state (data, logs). */
    public void reset() {
        reset(List.of());
    }

    /**
     * down + wipe the state of these components (their data folders, logs and provisioning stamps); all of the
     * profile's state when empty. {@code reset mail} empties every mailbox and leaves the other servers alone.
     */
    public void reset(Collection<Component> wanted) {
        down(wanted);
        locked(() -> {
            try (var s = Files.list(stateDir())) {
                for (Path p : s.toList()) {
                    String f = p.getFileName().toString();
                    if (!f.equals(".lock")
                            && (wanted.isEmpty() || wanted.stream().anyMatch(c -> ownedBy(f, c)))) {
                        Runtimes.deleteTree(p);
                    }
                }
            } catch (IOException e) {
                throw new DevstackException("Cannot wipe " + stateDir() + ": " + e.getMessage());
            }
            out.println("wiped "
                    + (wanted.isEmpty()
                            ? stateDir()
                            : wanted.stream().map(Component::id).collect(Collectors.joining(", ")) + " in "
                                    + stateDir()));
            return null;
        });
    }

    /** Whether a file of the state folder belongs to c: its folder, or {@code <c>.<anything>} (log, pid, stamps). */
    static boolean ownedBy(String fileName, Component c) {
        return fileName.equals(c.id()) || fileName.startsWith(c.id() + ".");
    }

    // ------------------------------------------------------------------ CLI

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String command = null;
        String profileName = "dev";
        int lines = 100;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--profile") || a.equals("-p")) {
                if (i + 1 >= args.length) {
                    return usage(err, "--profile needs a value (dev or test)");
                }
                profileName = args[++i];
            } else if (a.startsWith("--profile=")) {
                profileName = a.substring("--profile=".length());
            } else if (a.equals("-n") || a.equals("--lines")) {
                lines = Integer.parseInt(args[++i]);
            } else if (a.equals("-h") || a.equals("--help") || a.equals("help")) {
                usage(out, null);
                return 0;
            } else if (command == null) {
                command = a;
            } else {
                names.add(a);
            }
        }
        if (command == null) {
            return usage(err, "no command given");
        }
        try {
            Devstack ds = new Devstack(Profile.named(profileName, Profile.findRepoRoot()), out);
            Set<Component> comps = Component.parse(names);
            switch (command) {
                case "up" -> ds.up(comps);
                case "down" -> ds.down(comps);
                case "status" -> ds.status(comps).forEach(out::println);
                case "logs" -> {
                    if (names.size() != 1) {
                        return usage(err, "logs needs exactly one component");
                    }
                    out.println(ds.logs(Component.of(names.get(0)), lines));
                }
                case "reset" -> ds.reset(names.isEmpty() ? List.of() : comps);
                default -> {
                    return usage(err, "unknown command '" + command + "'");
                }
            }
            return 0;
        } catch (DevstackException e) {
            err.println("devstack: " + e.getMessage());
            return 1;
        }
    }

    private static int usage(PrintStream s, String problem) {
        if (problem != null) {
            s.println("devstack: " + problem);
        }
        s.println("usage: bin/devstack up|down|status|reset [--profile dev|test] [component...]");
        s.println("       bin/devstack logs <component> [--profile dev|test] [-n lines]");
        s.println("components: postgres, redis, kafka, opensearch, mongo, keycloak, mail, s3 (default: all)");
        return problem == null ? 0 : 2;
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
