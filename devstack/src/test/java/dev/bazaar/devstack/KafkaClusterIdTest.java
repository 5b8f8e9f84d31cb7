package dev.bazaar.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;

/**
 * The cluster id of a fresh Kafka storage: one in 64 base64-encoded random UUIDs begins with '-', which the storage
 * tool's argument parser took for an option (1 in 64 first {@code bin/bazaar up} runs failed). Real format runs with
 * such an id: {@code KafkaStorageFormatIT}.
 */
class KafkaClusterIdTest {

    /** 200 reset/up cycles need 200 good ids; 100,000 of them make a '-' (p = 1/64 each) practically certain to show. */
    @Test
    void noGeneratedIdBeginsWithADashAndEveryOneIsAUuidTheToolAccepts() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String id = Devstack.kafkaClusterId();
            assertThat(id).as("id #%d", i).hasSize(22).matches("[A-Za-z0-9_][A-Za-z0-9_-]{21}");
            Uuid parsed = Uuid.fromString(id);
            assertThat(parsed).isNotEqualTo(Uuid.ZERO_UUID).isNotEqualTo(Uuid.METADATA_TOPIC_ID);
            assertThat(parsed.toString()).isEqualTo(id);
            seen.add(id);
        }
        assertThat(seen).as("random, not repeated").hasSize(100_000);
    }

    @Test
    void theOldEncodingDidBeginWithADashOnceIn64() {
        // the failure mode itself, so the test above is known to look at the right thing
        int dashes = 0;
        for (int i = 0; i < 64_000; i++) {
            java.util.UUID u = java.util.UUID.randomUUID();
            if (new Uuid(u.getMostSignificantBits(), u.getLeastSignificantBits())
                    .toString()
                    .startsWith("-")) {
                dashes++;
            }
        }
        assertThat(dashes).as("about 1,000 of 64,000").isBetween(800, 1_200);
    }

    @Test
    void theFormatCommandPassesTheIdInsideOneArgumentSoItCanNeverReadAsAnOption() {
        String id = "-" + "A".repeat(21);
        List<String> cmd =
                Devstack.kafkaFormat("cp", Path.of("/x/log4j2.properties"), Path.of("/x/server.properties"), id);
        assertThat(cmd).contains("--cluster-id=" + id).doesNotContain(id, "-t", "--cluster-id");
        assertThat(cmd.subList(cmd.indexOf("kafka.tools.StorageTool"), cmd.size()))
                .containsExactly(
                        "kafka.tools.StorageTool", "format", "--cluster-id=" + id, "--config=/x/server.properties");
    }
}
