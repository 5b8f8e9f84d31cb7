package dev.bazaar.kit.outbox;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.Message;
import dev.bazaar.contracts.messaging.MessageCodec;
import dev.bazaar.contracts.messaging.Topic;
import dev.bazaar.kit.tracing.TraceContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Writes outbox rows. Call {@link #append} with the connection of the transaction that changes the aggregate, after
 * taking the aggregate's row lock ({@code SELECT ... FOR UPDATE} or the UPDATE itself): the lock orders the appends
 * of one key, so the relay's id order is the commit order per key. Nothing is published if the transaction rolls back.
 * A service that changes its aggregates through Hibernate Reactive appends with {@link SessionOutbox} instead, in the
 * session's transaction; both write the same {@link Row}.
 */
public final class Outbox {

    /** The channel the relay listens on; a NOTIFY is delivered at commit, so the relay wakes when there is work. */
    public static final String CHANNEL = "kit_outbox";

    private Outbox() {}

    /** Appends a contracts envelope to its payload's topic, keyed by the payload's key. */
    public static Uni<Void> append(SqlClient tx, Envelope<? extends Message> envelope) {
        return append(tx, message(envelope));
    }

    public static Uni<Void> append(SqlClient tx, OutboxMessage message) {
        Row row = Row.of(message);
        return tx.preparedQuery("""
                INSERT INTO kit_outbox (message_id, topic, message_key, type, payload, headers)
                VALUES ($1, $2, $3, $4, $5, $6)""")
                .execute(Tuple.of(row.messageId(), row.topic(), row.key(), row.type(), row.payload(), row.headers()))
                .flatMap(inserted -> tx.query("NOTIFY " + CHANNEL).execute())
                .replaceWithVoid();
    }

    /** The outbox message of a contracts envelope: its payload's topic, keyed by the payload's key. */
    static OutboxMessage message(Envelope<? extends Message> envelope) {
        return new OutboxMessage(
                envelope.id(),
                Topic.of(envelope.payload()).topicName(),
                envelope.key(),
                envelope.type(),
                MessageCodec.encodeToString(envelope));
    }

    /**
     * One kit_outbox row as both appenders write it: the message's columns and its Kafka headers, with the current
     * trace's {@code traceparent} added unless the message carries one.
     */
    record Row(UUID messageId, String topic, String key, String type, String payload, JsonObject headers) {

        static Row of(OutboxMessage message) {
            Map<String, Object> headers = new HashMap<>(message.headers());
            TraceContext.currentTraceparent().ifPresent(tp -> headers.putIfAbsent(TraceContext.TRACEPARENT, tp));
            return new Row(
                    message.messageId(),
                    message.topic(),
                    message.key(),
                    message.type(),
                    message.payload(),
                    new JsonObject(headers));
        }
    }
}
