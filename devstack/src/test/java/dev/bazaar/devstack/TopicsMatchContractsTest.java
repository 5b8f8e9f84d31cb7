package dev.bazaar.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.contracts.messaging.Topic;
import org.junit.jupiter.api.Test;

class TopicsMatchContractsTest {

    @Test
    void theDevstackCreatesExactlyTheTopicsTheContractsDeclare() {
        assertThat(Probes.topics()).containsExactlyInAnyOrderElementsOf(Topic.allTopicNames());
        assertThat(Probes.PARTITIONS).isEqualTo(Topic.PARTITIONS);
    }
}
