package dev.bazaar.kit.outbox;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A message to publish once the caller's transaction commits. {@code key} is the Kafka key (saga id for commands and
 * replies, aggregate id for events): messages of one key are published in the order they were appended.
 * {@code payload} is the serialised envelope (JSON); {@code headers} are extra Kafka headers.
 */
public record OutboxMessage(
        UUID messageId, String topic, String key, String type, String payload, Map<String, String> headers) {

    public OutboxMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public OutboxMessage(UUID messageId, String topic, String key, String type, String payload) {
        this(messageId, topic, key, type, payload, Map.of());
    }
}
