package dev.bazaar.devstack;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Process helpers: detached start, identity by (pid, start time), trees, kill, who holds a port. */
final class Procs {
    private Procs() {}

    /** A process identity: pid plus start time (guards against pid reuse). */
    record Pid(long pid, long start) {
        static Pid of(ProcessHandle h) {
            return new Pid(h.pid(), startOf(h));
        }

        static Pid parse(String s) {
            String[] p = s.trim().split("@");
            return new Pid(Long.parseLong(p[0]), p.length > 1 ? Long.parseLong(p[1]) : 0);
        }

        @Override
        public String toString() {
            return pid + "@" + start;
        }

        boolean alive() {
            Optional<ProcessHandle> h = ProcessHandle.of(pid);
            if (h.isEmpty() || !h.get().isAlive()) {
                return false;
            }
            if (zombie(pid)) {
                return false;
            }
            long now = startOf(h.get());
            return start == 0 || now == 0 || Math.abs(now - start) < 2000;
        }

        Optional<ProcessHandle> handle() {
            return alive() ? ProcessHandle.of(pid) : Optional.empty();
        }
    }

    /** A zombie (exited, not yet reaped) counts as dead. */
    static boolean zombie(long pid) {
        if (!LINUX) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int i = stat.lastIndexOf(')');
            return i > 0 && i + 2 < stat.length() && (stat.charAt(i + 2) == 'Z' || stat.charAt(i + 2) == 'X');
        } catch (IOException e) {
            return false;
        }
    }

    static long startOf(ProcessHandle h) {
        return h.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    static final boolean LINUX = System.getProperty("os.name").toLowerCase().contains("linux");

    static Optional<String> which(String exe) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, exe);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return Optional.of(p.toString());
            }
        }
        return Optional.empty();
    }

    /** Starts a command detached (own session via setsid when available), output appended to the log. */
    static Process startDetached(List<String> command, Path workDir, Path log, Map<String, String> env)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        Optional<String> setsid = which("setsid");
        if (setsid.isPresent()) {
            cmd.add(setsid.get());
        }
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        return pb.start();
    }

    static String commandLine(long pid) {
        if (LINUX) {
            try {
                byte[] b = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
                return new String(b, StandardCharsets.UTF_8).replace('\0', ' ').trim();
            } catch (IOException e) {
                // fall through
            }
        }
        return ProcessHandle.of(pid).flatMap(h -> h.info().commandLine()).orElse("?");
    }

    static String exe(long pid) {
        if (LINUX) {
            try {
                return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe"))
                        .toString();
            } catch (IOException | UnsupportedOperationException e) {
                // fall through
            }
        }
        return ProcessHandle.of(pid).flatMap(h -> h.info().command()).orElse("");
    }

    /** The process and all its living descendants. */
    static Set<Pid> tree(Pid root) {
        Set<Pid> all = new LinkedHashSet<>();
        root.handle().ifPresent(h -> {
            all.add(root);
            h.descendants().forEach(d -> all.add(Pid.of(d)));
        });
        return all;
    }

    static void signal(long pid, String sig) {
        try {
            Process p = new ProcessBuilder("kill", "-s", sig, Long.toString(pid))
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops processes: sends {@code firstSignal} to the first one (the component's main process) and TERM to the
     * others after a grace, waits up to {@code graceMillis}, then KILLs whatever is left.
     */
    static void stop(List<Pid> pids, String firstSignal, long graceMillis) {
        List<Pid> alive = pids.stream().filter(Pid::alive).toList();
        if (alive.isEmpty()) {
            return;
        }
        signal(alive.get(0).pid(), firstSignal);
        long deadline = System.currentTimeMillis() + graceMillis;
        long termOthersAt = System.currentTimeMillis() + graceMillis / 2;
        boolean termed = false;
        while (System.currentTimeMillis() < deadline) {
            if (alive.stream().noneMatch(Pid::alive)) {
                return;
            }
            if (!termed
                    && (System.currentTimeMillis() > termOthersAt
                            || !alive.get(0).alive())) {
                for (Pid p : alive.subList(1, alive.size())) {
                    if (p.alive()) {
                        signal(p.pid(), "TERM");
                    }
                }
                termed = true;
            }
            sleep(100);
        }
        for (Pid p : alive) {
            if (p.alive()) {
                p.handle().ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        long killDeadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < killDeadline && alive.stream().anyMatch(Pid::alive)) {
            sleep(50);
        }
    }

    /**
     * An exclusive lock on the file, waiting for other processes, and for other class loaders of this JVM (Quarkus tests
     * load this library more than once; the JVM refuses overlapping locks instead of waiting for them).
     */
    static java.nio.channels.FileLock lock(java.nio.channels.FileChannel ch, Runnable onWait) throws IOException {
        boolean told = false;
        while (true) {
            try {
                java.nio.channels.FileLock l = ch.tryLock();
                if (l != null) {
                    return l;
                }
            } catch (java.nio.channels.OverlappingFileLockException e) {
                // held elsewhere in this JVM
            }
            if (!told) {
                onWait.run();
                told = true;
            }
            sleep(200);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevstackException("interrupted");
        }
    }

    /** Who listens on a TCP port: empty when nobody does; pid -1 when someone does but we cannot tell who. */
    static Optional<Long> portHolder(int port) {
        if (LINUX) {
            Set<String> inodes = new LinkedHashSet<>();
            for (String f : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                try {
                    List<String> lines = Files.readAllLines(Path.of(f));
                    for (String line : lines.subList(1, lines.size())) {
                        String[] c = line.trim().split("\\s+");
                        if (c.length < 10 || !"0A".equals(c[3])) {
                            continue;
                        }
                        String local = c[1];
                        int p = Integer.parseInt(local.substring(local.indexOf(':') + 1), 16);
                        if (p == port) {
                            inodes.add(c[9]);
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // ignore
                }
            }
            if (!inodes.isEmpty()) {
                return Optional.of(findSocketOwner(inodes).orElse(-1L));
            }
            return canConnect(port) ? Optional.of(-1L) : Optional.empty();
        }
        return canConnect(port) ? Optional.of(-1L) : Optional.empty();
    }

    private static Optional<Long> findSocketOwner(Set<String> inodes) {
        File[] procs = new File("/proc").listFiles((d, n) -> n.chars().allMatch(Character::isDigit));
        if (procs == null) {
            return Optional.empty();
        }
        for (File p : procs) {
            File[] fds = new File(p, "fd").listFiles();
            if (fds == null) {
                continue;
            }
            for (File fd : fds) {
                try {
                    String link = Files.readSymbolicLink(fd.toPath()).toString();
                    if (link.startsWith("socket:[")) {
                        String inode = link.substring(8, link.length() - 1);
                        if (inodes.contains(inode)) {
                            return Optional.of(Long.parseLong(p.getName()));
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // process went away or not ours to read
                }
            }
        }
        return Optional.empty();
    }

    static boolean canConnect(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static String describe(long pid) {
        if (pid < 0) {
            return "an unknown process (run 'ss -ltnp' to see it)";
        }
        String cmd = commandLine(pid);
        if (cmd.length() > 300) {
            cmd = cmd.substring(0, 300) + "...";
        }
        return "pid " + pid + " (" + cmd + ")";
    }

    static String tail(Path file, int lines) {
        if (!Files.exists(file)) {
            return "(no log at " + file + ")";
        }
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    static String tail(String text, int lines) {
        String[] all = text.split("\n");
        StringBuilder sb = new StringBuilder();
        for (int i = Math.max(0, all.length - lines); i < all.length; i++) {
            sb.append(all[i]).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    /** Runs a command to completion, output captured; returns exit code and output. */
    record Result(int exit, String output) {}

    static Result run(List<String> cmd, Path dir, Map<String, String> env, long timeoutSeconds) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            pb.environment().putAll(env);
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            Process p = pb.start();
            byte[][] out = new byte[1][];
            Thread reader = new Thread(() -> {
                try (InputStream in = p.getInputStream()) {
                    out[0] = in.readAllBytes();
                } catch (IOException e) {
                    out[0] = new byte[0];
                }
            });
            reader.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                reader.join(2000);
                return new Result(
                        -1,
                        (out[0] == null ? "" : new String(out[0], StandardCharsets.UTF_8)) + "\n(timed out after "
                                + timeoutSeconds + " s)");
            }
            reader.join();
            return new Result(p.exitValue(), new String(out[0], StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, "cannot run " + cmd.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevstackException("interrupted");
        }
    }
}
