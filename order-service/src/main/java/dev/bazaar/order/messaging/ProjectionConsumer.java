package dev.bazaar.order.messaging;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.Topic;
import dev.bazaar.kit.consumer.Inbound;
import dev.bazaar.kit.consumer.Replayable;
import dev.bazaar.kit.consumer.Transients;
import dev.bazaar.order.service.Projector;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The read models follow our own {@code order.events}: each record names an order and a sequence, which the
 * {@link Projector} folds and projects (the Kafka offset is its checkpoint). A replay of {@code order.events.dlq}
 * projects through the same handler (kit DeadLetters).
 */
@ApplicationScoped
public class ProjectionConsumer implements Replayable {

    private final Projector projector;

    public ProjectionConsumer(Projector projector) {
        this.projector = projector;
    }

    @Override
    public Map<String, Function<String, Uni<Void>>> replayHandlers() {
        return Map.of(Topic.ORDER_EVENTS.topicName(), this::onEvent);
    }

    @Incoming("order-projections")
    public Uni<Void> onEvent(String json) {
        Envelope<?> env = Inbound.decode(Topic.ORDER_EVENTS, json);
        return Transients.retried(
                "order projections " + env.type(),
                () -> projector.project(UUID.fromString(env.aggregateId()), env.aggregateVersion()));
    }
}
