package dev.bazaar.contracts.messaging;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.UUID;

/**
 * JSON for envelopes, configured once. Decoding never throws on bad input: a message that is not JSON, lacks an
 * envelope field, has a type its topic does not carry, a schema version newer than we read, or a payload that does
 * not fit its type comes back as {@link Decoded.DeadLetter} with the reason, for the consumer to route to the
 * topic's {@code .dlq}. Unknown fields are ignored, so adding a field never breaks an older consumer.
 */
public final class MessageCodec {

    /** The newest payload schema version this code reads. */
    public static final int MAX_SCHEMA_VERSION = Envelope.CURRENT_SCHEMA_VERSION;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private MessageCodec() {
    }

    public static ObjectMapper json() {
        return JSON;
    }

    /** The result of decoding one record. */
    public sealed interface Decoded {
        record Ok(Topic topic, Envelope<? extends Message> envelope) implements Decoded {
        }

        record DeadLetter(Topic topic, String reason) implements Decoded {
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

    public static Decoded decode(Topic topic, byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException | RuntimeException e) {
            return new Decoded.DeadLetter(topic, "not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            return new Decoded.DeadLetter(topic, "not a JSON object");
        }
        String type = root.path("type").asText(null);
        if (type == null) {
            return new Decoded.DeadLetter(topic, "no type");
        }
        var payloadClass = topic.type(type);
        if (payloadClass.isEmpty()) {
            return new Decoded.DeadLetter(topic, "type " + type + " is not carried by " + topic.topicName());
        }
        int schemaVersion = root.path("schemaVersion").asInt(0);
        if (schemaVersion < 1 || schemaVersion > MAX_SCHEMA_VERSION) {
            return new Decoded.DeadLetter(topic, "unsupported schemaVersion " + root.path("schemaVersion"));
        }
        try {
            JsonNode payloadNode = root.get("payload");
            if (payloadNode == null || !payloadNode.isObject()) {
                return new Decoded.DeadLetter(topic, "no payload");
            }
            Message payload = JSON.treeToValue(payloadNode, payloadClass.get());
            Envelope<Message> envelope = new Envelope<>(
                    UUID.fromString(required(root, "id")), type, schemaVersion, required(root, "aggregateId"),
                    root.path("aggregateVersion").asLong(0), Instant.parse(required(root, "occurredAt")),
                    optionalUuid(root, "correlationId"), optionalUuid(root, "causationId"), payload);
            return new Decoded.Ok(topic, envelope);
        } catch (IOException | RuntimeException e) {
            return new Decoded.DeadLetter(topic, "unreadable " + type + ": " + e.getMessage());
        }
    }

    public static Decoded decode(Topic topic, String json) {
        return decode(topic, json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String required(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
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
