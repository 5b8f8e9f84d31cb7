package dev.bazaar.contracts.messaging;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What travels on every topic (ARCHITECTURE.md), as JSON {@code { id, type, schemaVersion, aggregateId,
 * aggregateVersion, occurredAt, correlationId, causationId, payload }}.
 * <ul>
 * <li>{@code id}: the message's own id — what idempotent consumers remember.</li>
 * <li>{@code type}: the payload's type name within its topic ({@link Message#type()}).</li>
 * <li>{@code schemaVersion}: the version of the payload's schema (for consumers to adapt; a newer one than the
 * reader knows is dead-lettered), not to be confused with</li>
 * <li>{@code aggregateVersion}: the sequence of the aggregate's state this message reflects (for version-guarded
 * writes: apply only when newer), {@code ≥ 0}.</li>
 * <li>{@code aggregateId}: always the payload's {@link Message#key()} — the Kafka key (saga id or aggregate id).</li>
 * <li>{@code correlationId}: ties a whole flow together (the checkout saga's id); {@code causationId}: the id of the
 * message that caused this one. Both optional.</li>
 * </ul>
 * {@code traceparent} is not here: it travels in a Kafka header.
 */
public record Envelope<P extends Message>(
        UUID id,
        String type,
        int schemaVersion,
        String aggregateId,
        long aggregateVersion,
        Instant occurredAt,
        UUID correlationId,
        UUID causationId,
        P payload) {

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
        if (aggregateVersion < 0) {
            throw new IllegalArgumentException("aggregateVersion is not negative, got " + aggregateVersion);
        }
        String key = Objects.requireNonNull(payload.key(), "the payload's key");
        if (!aggregateId.equals(key)) {
            throw new IllegalArgumentException("aggregateId " + aggregateId + " is not the payload's key " + key);
        }
    }

    /** A new message: fresh id, current schema, keyed and aggregated by the payload's key. */
    public static <P extends Message> Envelope<P> of(
            P payload, long aggregateVersion, Instant occurredAt, UUID correlationId, UUID causationId) {
        return new Envelope<>(
                UUID.randomUUID(),
                payload.type(),
                CURRENT_SCHEMA_VERSION,
                payload.key(),
                aggregateVersion,
                occurredAt,
                correlationId,
                causationId,
                payload);
    }

    /**
     * A message caused by {@code cause} (a reply to a command, an event from a command): it keeps the cause's
     * correlation id (or takes the cause's id when it had none) and names the cause as its causation.
     */
    public static <P extends Message> Envelope<P> causedBy(
            Envelope<?> cause, P payload, long aggregateVersion, Instant occurredAt) {
        UUID correlation = cause.correlationId() != null ? cause.correlationId() : cause.id();
        return of(payload, aggregateVersion, occurredAt, correlation, cause.id());
    }

    /** The topic this message goes to. */
    public Topic topic() {
        return Topic.of(payload);
    }

    /** The Kafka key: the payload's key (saga id or aggregate id). */
    public String key() {
        return payload.key();
    }
}
