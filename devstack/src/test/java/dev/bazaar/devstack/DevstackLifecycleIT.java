package dev.bazaar.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bazaar.devstack.Procs.Pid;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The lifecycle on the cheap components (redis, mongo) in a private profile: own state folder, own free ports. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DevstackLifecycleIT {
    private static final Set<Component> CHEAP = Set.of(Component.REDIS, Component.MONGO);
    private static Devstack devstack;
    private static Profile profile;
    private static final ByteArrayOutputStream OUT = new ByteArrayOutputStream();

    @BeforeAll
    static void isolatedProfile() throws IOException {
        Path repo = Profile.findRepoRoot();
        Path state = repo.resolve(
                "devstack/target/devstack-it-" + ProcessHandle.current().pid());
        Files.createDirectories(state);
        profile = Profile.isolated("it" + ProcessHandle.current().pid(), repo, state, freePortBlock());
        devstack = new Devstack(profile, new PrintStream(OUT, true, StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stopAll() {
        if (devstack != null) {
            devstack.down(List.of());
        }
    }

    private static int freePortBlock() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(40000, 50000);
            boolean free = true;
            for (int p = base; p < base + 13 && free; p++) {
                try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
                    s.setReuseAddress(true);
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no free port block");
    }

    @Test
    @Order(1)
    void upTwiceReusesTheSameProcesses() {
        devstack.up(CHEAP);
        long redis = devstack.pid(Component.REDIS);
        long mongo = devstack.pid(Component.MONGO);
        assertThat(redis).isPositive();
        assertThat(mongo).isPositive();
        assertThat(Procs.canConnect(profile.port(Component.REDIS))).isTrue();

        devstack.up(CHEAP);
        assertThat(devstack.pid(Component.REDIS)).isEqualTo(redis);
        assertThat(devstack.pid(Component.MONGO)).isEqualTo(mongo);
        assertThat(devstack.status(CHEAP)).allSatisfy(s -> assertThat(s.state()).isEqualTo("running"));
    }

    @Test
    @Order(2)
    void afterKillingOneUpRestartsOnlyThatOne() throws Exception {
        long redis = devstack.pid(Component.REDIS);
        long mongo = devstack.pid(Component.MONGO);
        ProcessHandle h = ProcessHandle.of(mongo).orElseThrow();
        h.destroyForcibly();
        h.onExit().get();

        devstack.up(CHEAP);
        assertThat(devstack.pid(Component.REDIS)).isEqualTo(redis);
        assertThat(devstack.pid(Component.MONGO)).isPositive().isNotEqualTo(mongo);
        Probes.mongoPing("localhost", profile.port(Component.MONGO));
    }

    @Test
    @Order(3)
    void aPortHeldByAForeignProcessIsAClearError() throws Exception {
        devstack.down(Set.of(Component.REDIS));
        int port = profile.port(Component.REDIS);
        try (ServerSocket foreign = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> devstack.up(Set.of(Component.REDIS)))
                    .isInstanceOf(DevstackException.class)
                    .hasMessageContaining("Port " + port)
                    .hasMessageContaining("pid " + ProcessHandle.current().pid())
                    .hasMessageContaining("java");
        }
        assertThat(devstack.pid(Component.REDIS)).isEqualTo(-1);
        devstack.up(Set.of(Component.REDIS));
        assertThat(devstack.pid(Component.REDIS)).isPositive();
    }

    @Test
    @Order(4)
    void downLeavesNoRecordedProcessAlive() {
        List<Pid> recorded = new ArrayList<>();
        for (Component c : CHEAP) {
            Devstack.Record r = devstack.read(c);
            assertThat(r).as(c.id()).isNotNull();
            recorded.addAll(r.all());
        }
        devstack.down(List.of());
        assertThat(recorded).noneMatch(Pid::alive);
        assertThat(devstack.status(CHEAP)).allSatisfy(s -> assertThat(s.state()).isEqualTo("stopped"));
        assertThat(Procs.canConnect(profile.port(Component.REDIS))).isFalse();
        assertThat(Procs.canConnect(profile.port(Component.MONGO))).isFalse();
    }
}
