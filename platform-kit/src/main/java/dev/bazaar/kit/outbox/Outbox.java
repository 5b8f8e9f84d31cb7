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

/**
 * Writes outbox rows. Call {@link #append} with the connection of the transaction that changes the aggregate, after
 * taking the aggregate's row lock ({@code SELECT ... FOR UPDATE} or the UPDATE itself): the lock orders the appends
 * of one key, so the relay's id order is the commit order per key. Nothing is published if the transaction rolls back.
 */
public final class Outbox {

    /** The channel the relay listens on; a NOTIFY is delivered at commit, so the relay wakes when there is work. */
    public static final String CHANNEL = "kit_outbox";

    private Outbox() {
    }

    /** Appends a contracts envelope to its payload's topic, keyed by the payload's key. */
    public static Uni<Void> append(SqlClient tx, Envelope<? extends Message> envelope) {
        return append(tx, new OutboxMessage(envelope.id(), Topic.of(envelope.payload()).topicName(), envelope.key(),
                envelope.type(), MessageCodec.encodeToString(envelope)));
    }

    public static Uni<Void> append(SqlClient tx, OutboxMessage message) {
        Map<String, String> headers = new HashMap<>(message.headers());
        TraceContext.currentTraceparent().ifPresent(tp -> headers.putIfAbsent(TraceContext.TRACEPARENT, tp));
        return tx.preparedQuery("""
                INSERT INTO kit_outbox (message_id, topic, message_key, type, payload, headers)
                VALUES ($1, $2, $3, $4, $5, $6)""")
                .execute(Tuple.of(message.messageId(), message.topic(), message.key(), message.type(),
                        message.payload(), new JsonObject(new HashMap<String, Object>(headers))))
                .flatMap(inserted -> tx.query("NOTIFY " + CHANNEL).execute())
                .replaceWithVoid();
    }
}
