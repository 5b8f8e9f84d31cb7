package dev.bazaar.contracts.messaging;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What travels on every topic (ARCHITECTURE.md). {@code schemaVersion} is the version of the payload's schema (for
 * consumers to adapt); {@code aggregateVersion} is the sequence of the aggregate's state this message reflects (for
 * version-guarded writes) — two different things. {@code correlationId} ties a whole flow together (the checkout
 * saga), {@code causationId} is the id of the message that caused this one. {@code traceparent} is not here: it
 * travels in a Kafka header.
 */
public record Envelope<P extends Message>(UUID id, String type, int schemaVersion, String aggregateId,
        long aggregateVersion, Instant occurredAt, UUID correlationId, UUID causationId, P payload) {

    public static final int CURRENT_SCHEMA_VERSION = 1;

    public Envelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(payload, "payload");
        if (!type.equals(payload.type())) {
            throw new IllegalArgumentException("type " + type + " does not match payload " + payload.type());
        }
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schemaVersion starts at 1");
        }
    }

    /** A new message: fresh id, current schema, keyed and aggregated by the payload's key. */
    public static <P extends Message> Envelope<P> of(P payload, long aggregateVersion, Instant occurredAt,
            UUID correlationId, UUID causationId) {
        return new Envelope<>(UUID.randomUUID(), payload.type(), CURRENT_SCHEMA_VERSION, payload.key(),
                aggregateVersion, occurredAt, correlationId, causationId, payload);
    }

    /** The Kafka key: the payload's key (saga id or aggregate id). */
    public String key() {
        return payload.key();
    }
}
