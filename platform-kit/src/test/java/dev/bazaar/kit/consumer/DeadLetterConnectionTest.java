package dev.bazaar.kit.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** With SASL on, the DLQ tools sign in as the service itself, not anonymously. */
class DeadLetterConnectionTest {

    @Test
    void theServicesKafkaCredentialsAndOnlyThoseAreCarriedOver() {
        var config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(
                        Map.of(
                                "kafka.bootstrap.servers", "kafka:9092",
                                "kafka.security.protocol", "SASL_SSL",
                                "kafka.sasl.mechanism", "SCRAM-SHA-512",
                                "kafka.sasl.jaas.config",
                                        "org.apache.kafka.common.security.scram.ScramLoginModule required "
                                                + "username=\"cart\" password=\"s3cret\";",
                                "kafka.ssl.truststore.location", "/etc/kafka/ca.p12",
                                "kafka.health.enabled", "true",
                                "mp.messaging.incoming.x.topic", "t"),
                        "test",
                        100))
                .build();
        Properties p = DeadLetters.connection(config);
        assertThat(p)
                .containsEntry("bootstrap.servers", "kafka:9092")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.location", "/etc/kafka/ca.p12")
                .containsKey("sasl.jaas.config")
                .doesNotContainKey("health.enabled")
                .hasSize(5);
    }
}
