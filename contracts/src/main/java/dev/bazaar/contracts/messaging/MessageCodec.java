package dev.bazaar.contracts.messaging;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * JSON for envelopes, configured once for every service.
 *
 * <p>Publishing: {@code Outbox.append(tx, Envelope.of(payload, version, now, correlation, causation))} — the outbox
 * stores {@link #encodeToString} under {@link Envelope#topic()} and {@link Envelope#key()}.
 *
 * <p>Consuming: {@code switch (MessageCodec.decode(Topic.X, bytes)) { case Decoded.Ok ok -> handle(ok.payload());
 * case Decoded.DeadLetter dead -> sendTo(dead.dlq(), bytes, dead.reason()); }}. Decoding never throws on bad input:
 * an empty record, bytes that are not a JSON envelope, a type unknown to the topic (or another topic's), a schema
 * version newer than this code reads, or a payload that does not fit its type or breaks its invariants all come back
 * as {@link Decoded.DeadLetter} with a {@link Problem} and a reason, for the consumer to route to the topic's
 * {@code .dlq} instead of crashing or blocking its partition.
 *
 * <p>Compatibility: unknown fields are ignored and a missing field reads as null, so adding a field never breaks an
 * older consumer; an unknown value of an enum with a default reads as that default. Removing or changing a field is
 * a new {@code schemaVersion}. Instants are ISO-8601 strings; money amounts must be JSON integers.
 */
public final class MessageCodec {

    /** The newest payload schema version this code reads. */
    public static final int MAX_SCHEMA_VERSION = Envelope.CURRENT_SCHEMA_VERSION;

    private static final ObjectMapper JSON = configure();

    private MessageCodec() {}

    private static ObjectMapper configure() {
        JsonMapper mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
                .build();
        // "12" is not 12 and 12 is not "12": a producer sending the wrong shape is a bug to see, not to paper over
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return mapper;
    }

    /** The configured mapper (for tests and tools; services encode and decode through this class). */
    public static ObjectMapper json() {
        return JSON;
    }

    /** Why a record could not be read. */
    public enum Problem {
        /** a Kafka tombstone or an empty value */
        EMPTY,
        /** not JSON, or not a JSON object */
        MALFORMED_JSON,
        /** an envelope field is missing or unreadable (id, type, occurredAt, payload...) */
        MALFORMED_ENVELOPE,
        /** a type no topic carries */
        UNKNOWN_TYPE,
        /** a type another topic carries */
        WRONG_TOPIC,
        /** a schemaVersion this code does not read (a newer producer, or garbage) */
        UNSUPPORTED_SCHEMA_VERSION,
        /** the payload does not fit its type or breaks one of its invariants */
        INVALID_PAYLOAD
    }

    /** The result of decoding one record: exactly one of {@link Ok} or {@link DeadLetter}. */
    public sealed interface Decoded {

        Topic topic();

        /** A readable message of {@code topic}. */
        record Ok(Topic topic, Envelope<? extends Message> envelope) implements Decoded {

            public Message payload() {
                return envelope.payload();
            }

            /** The envelope typed by its topic's payload interface, e.g. {@code ok.envelope(OrderEvent.class)}. */
            @SuppressWarnings("unchecked")
            public <P extends Message> Envelope<P> envelope(Class<P> payloadType) {
                if (!payloadType.isInstance(envelope.payload())) {
                    throw new ClassCastException(envelope.type() + " is not a " + payloadType.getSimpleName());
                }
                return (Envelope<P>) envelope;
            }
        }

        /** A record to route to {@link #dlq()}, with why. */
        record DeadLetter(Topic topic, Problem problem, String reason) implements Decoded {

            public DeadLetter {
                Objects.requireNonNull(topic, "topic");
                Objects.requireNonNull(problem, "problem");
            }

            /** The dead-letter topic to send the record to. */
            public String dlq() {
                return topic.dlq();
            }
        }
    }

    public static byte[] encode(Envelope<? extends Message> envelope) {
        try {
            return JSON.writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + envelope.type(), e);
        }
    }

    public static String encodeToString(Envelope<? extends Message> envelope) {
        try {
            return JSON.writeValueAsString(envelope);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + envelope.type(), e);
        }
    }

    /** Reads one record of {@code topic}; never throws for bad bytes (see the class comment). */
    public static Decoded decode(Topic topic, byte[] bytes) {
        Objects.requireNonNull(topic, "topic");
        if (bytes == null || bytes.length == 0) {
            return dead(topic, Problem.EMPTY, "empty record");
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException | RuntimeException e) {
            return dead(topic, Problem.MALFORMED_JSON, "not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            return dead(topic, Problem.MALFORMED_JSON, "not a JSON object");
        }
        JsonNode typeNode = root.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            return dead(topic, Problem.MALFORMED_ENVELOPE, "no type");
        }
        String type = typeNode.asText();
        var payloadClass = topic.type(type);
        if (payloadClass.isEmpty()) {
            var elsewhere = Topic.carrying(type);
            return elsewhere.isEmpty()
                    ? dead(topic, Problem.UNKNOWN_TYPE, "type " + type + " is not carried by " + topic.topicName())
                    : dead(
                            topic,
                            Problem.WRONG_TOPIC,
                            "type " + type + " is not carried by " + topic.topicName() + " but by "
                                    + elsewhere.getFirst().topicName());
        }
        JsonNode version = root.get("schemaVersion");
        if (version == null
                || !version.canConvertToExactIntegral()
                || !version.canConvertToInt()
                || version.asInt() < 1
                || version.asInt() > MAX_SCHEMA_VERSION) {
            return dead(
                    topic,
                    Problem.UNSUPPORTED_SCHEMA_VERSION,
                    "unsupported schemaVersion " + version + " (this code reads 1.." + MAX_SCHEMA_VERSION + ")");
        }
        JsonNode payloadNode = root.get("payload");
        if (payloadNode == null || !payloadNode.isObject()) {
            return dead(topic, Problem.MALFORMED_ENVELOPE, "no payload");
        }
        UUID id;
        String aggregateId;
        long aggregateVersion;
        Instant occurredAt;
        UUID correlationId;
        UUID causationId;
        try {
            id = UUID.fromString(requiredText(root, "id"));
            aggregateId = requiredText(root, "aggregateId");
            JsonNode av = root.get("aggregateVersion");
            if (av == null || !av.canConvertToExactIntegral() || !av.canConvertToLong()) {
                throw new IllegalArgumentException("aggregateVersion is not an integer: " + av);
            }
            aggregateVersion = av.asLong();
            occurredAt = Instant.parse(requiredText(root, "occurredAt"));
            correlationId = optionalUuid(root, "correlationId");
            causationId = optionalUuid(root, "causationId");
        } catch (RuntimeException e) {
            return dead(topic, Problem.MALFORMED_ENVELOPE, "unreadable " + type + " envelope: " + e.getMessage());
        }
        try {
            Message payload = JSON.treeToValue(payloadNode, payloadClass.get());
            var envelope = new Envelope<>(
                    id,
                    type,
                    version.asInt(),
                    aggregateId,
                    aggregateVersion,
                    occurredAt,
                    correlationId,
                    causationId,
                    payload);
            return new Decoded.Ok(topic, envelope);
        } catch (IOException | RuntimeException e) {
            return dead(topic, Problem.INVALID_PAYLOAD, "unreadable " + type + ": " + e.getMessage());
        }
    }

    /** {@link #decode(Topic, byte[])} of a UTF-8 string (a null string is an empty record). */
    public static Decoded decode(Topic topic, String json) {
        return decode(topic, json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    private static Decoded dead(Topic topic, Problem problem, String reason) {
        return new Decoded.DeadLetter(topic, problem, reason);
    }

    private static String requiredText(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return n.asText();
    }

    private static UUID optionalUuid(JsonNode root, String field) {
        JsonNode n = root.get(field);
        return n == null || n.isNull() ? null : UUID.fromString(n.asText());
    }

    /** For tests and tools: a copy of the envelope JSON with one field replaced. */
    static byte[] withField(byte[] json, String field, String value) throws IOException {
        ObjectNode node = (ObjectNode) JSON.readTree(json);
        node.put(field, value);
        return JSON.writeValueAsBytes(node);
    }
}
