package dev.bazaar.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;

/**
 * The devstack's real Kafka storage tool, given a cluster id that begins with '-' (what broke 1 in 64 first runs):
 * the devstack's format command accepts it; the old spelling ({@code -t <id>}) did not.
 */
class KafkaStorageFormatIT {

    @Test
    void aClusterIdThatBeginsWithADashFormatsTheStorage() throws IOException {
        Path repo = Profile.findRepoRoot();
        Path state = Files.createTempDirectory(repo.resolve("devstack/target"), "kafka-format-it-");
        Devstack devstack = new Devstack(
                Profile.isolated("kafkaformat", repo, state, 47000), new PrintStream(OutputStream.nullOutputStream()));
        devstack.ensureRuntime(Component.KAFKA);
        String id = dashedId();

        Path dir = state.resolve("kafka");
        devstack.kafkaConfig(dir);
        Procs.Result formatted = devstack.formatKafkaStorage(dir, id);
        assertThat(formatted.exit()).as(formatted.output()).isZero();
        assertThat(Files.readString(dir.resolve("data/meta.properties"))).contains("cluster.id=" + id);

        // the old command line, for contrast: the parser takes the id for an option
        Path old = state.resolve("kafka-old");
        devstack.kafkaConfig(old);
        List<String> cmd = Devstack.kafkaFormat(
                new Runtimes(repo).classpath(Component.KAFKA).toString(),
                old.resolve("log4j2.properties"),
                old.resolve("server.properties"),
                id);
        List<String> oldCmd = new ArrayList<>(cmd.subList(0, cmd.indexOf("format") + 1));
        oldCmd.addAll(List.of("-t", id, "-c", old.resolve("server.properties").toString()));
        Procs.Result refused = Procs.run(oldCmd, old, Map.of(), 180);
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.output()).contains("expected one argument");
        assertThat(old.resolve("data/meta.properties")).doesNotExist();
    }

    /** A valid random id (a UUID in Kafka's encoding) whose first character is '-'. */
    private static String dashedId() {
        while (true) {
            UUID u = UUID.randomUUID();
            String id = new Uuid(u.getMostSignificantBits(), u.getLeastSignificantBits()).toString();
            if (id.startsWith("-")) {
                return id;
            }
        }
    }
}
