package dev.bazaar.kit.outbox;

import dev.bazaar.kit.config.KitSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs the service's {@link OutboxRelay} from start-up to shutdown. Every replica runs one; only the leader
 * publishes. The producer uses the service's Kafka settings ({@code kafka.*}) with idempotence and acks=all.
 */
@ApplicationScoped
@IfBuildProperty(name = "bazaar.kit.postgres.enabled", stringValue = "true")
public class OutboxRelayService {

    private final OutboxRelay relay;
    private final KafkaProducer<String, String> producer;
    private final boolean enabled;

    public OutboxRelayService(
            Vertx vertx,
            Pool pool,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            Instance<MeterRegistry> metrics,
            @ConfigProperty(name = "quarkus.application.name") String service,
            KitSettings.Outbox outbox) {
        Duration pollInterval = outbox.pollInterval();
        this.enabled = outbox.relay().enabled();
        Map<String, Object> config = new HashMap<>();
        kafka.forEach((k, v) -> {
            // the Quarkus map carries every kafka.* property; keep the client ones
            if (!k.startsWith("health") && !k.startsWith("devservices") && !k.startsWith("snappy")) {
                config.put(k, v);
            }
        });
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, service + "-outbox");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        this.producer = new KafkaProducer<>(config);
        OutboxRelay.Settings defaults = OutboxRelay.Settings.defaults(service);
        OutboxRelay.Settings settings = new OutboxRelay.Settings(
                defaults.lockName(),
                pollInterval,
                defaults.batchSize(),
                defaults.initialBackoff(),
                defaults.maxBackoff(),
                defaults.sendTimeout(),
                defaults.retention());
        this.relay = new OutboxRelay(vertx, pool, producer, settings, metrics.isResolvable() ? metrics.get() : null);
    }

    void start(@Observes StartupEvent start) {
        if (enabled) {
            relay.start();
        }
    }

    void stop(@Observes ShutdownEvent stop) {
        relay.stop().await().atMost(Duration.ofSeconds(5));
        producer.close(Duration.ofSeconds(5));
    }

    public OutboxRelay relay() {
        return relay;
    }
}
