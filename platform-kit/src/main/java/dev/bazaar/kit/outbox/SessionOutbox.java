package dev.bazaar.kit.outbox;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.Message;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * {@link Outbox} for services that change their aggregates through Hibernate Reactive: appends the same kit_outbox
 * row (headers and the current trace's {@code traceparent} included) with a native INSERT in the session's
 * transaction, then {@code NOTIFY kit_outbox}, so the message commits or rolls back with the entity change.
 * <p>
 * Call it inside the transaction ({@code @WithTransaction}, {@code Panache.withTransaction} or
 * {@code session.withTransaction}) after locking the aggregate's row — load it with
 * {@code LockModeType.PESSIMISTIC_WRITE} or {@code session.lock(entity, LockMode.PESSIMISTIC_WRITE)}: as with
 * {@link Outbox}, the lock orders the appends of one key, so the relay's id order is the commit order per key. The
 * session is flushed before the INSERT, so the entity's pending UPDATE (and its version) precedes the row in the
 * transaction.
 * <p>
 * Only for services that have the Hibernate Reactive extension themselves: the kit depends on it optionally.
 */
public final class SessionOutbox {

    // ?6 goes through text: a String bound straight to a jsonb parameter would be stored as a JSON string
    private static final String INSERT = """
            INSERT INTO kit_outbox (message_id, topic, message_key, type, payload, headers)
            VALUES (?1, ?2, ?3, ?4, ?5, CAST(CAST(?6 AS text) AS jsonb))""";

    private SessionOutbox() {}

    /** Appends a contracts envelope to its payload's topic, keyed by the payload's key. */
    public static Uni<Void> append(Mutiny.Session session, Envelope<? extends Message> envelope) {
        return append(session, Outbox.message(envelope));
    }

    public static Uni<Void> append(Mutiny.Session session, OutboxMessage message) {
        Outbox.Row row = Outbox.Row.of(message);
        return session.flush()
                .chain(() -> session.createNativeQuery(INSERT)
                        .setParameter(1, row.messageId())
                        .setParameter(2, row.topic())
                        .setParameter(3, row.key())
                        .setParameter(4, row.type())
                        .setParameter(5, row.payload())
                        .setParameter(6, row.headers().encode())
                        .executeUpdate())
                .flatMap(inserted ->
                        session.createNativeQuery("NOTIFY " + Outbox.CHANNEL).executeUpdate())
                .replaceWithVoid();
    }
}
