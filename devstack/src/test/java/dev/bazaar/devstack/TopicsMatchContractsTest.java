package dev.bazaar.devstack;

import dev.bazaar.contracts.messaging.Topic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicsMatchContractsTest {

    @Test
    void theDevstackCreatesExactlyTheTopicsTheContractsDeclare() {
        assertThat(Probes.topics()).containsExactlyInAnyOrderElementsOf(Topic.allTopicNames());
        assertThat(Probes.PARTITIONS).isEqualTo(Topic.PARTITIONS);
    }
}
