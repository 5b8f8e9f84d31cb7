package dev.bazaar.notification.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bazaar.notification.domain.InboxRules;
import dev.bazaar.notification.domain.NotificationPlan.Planned;
import dev.bazaar.notification.domain.NotificationStatus;
import dev.bazaar.notification.domain.NotificationType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The queue of sends in {@code notification}, where the statements are the guarantees: a planned send is inserted
 * once per (event, recipient, type) — the unique key, so a redelivered or replayed event adds nothing — and due sends
 * are claimed with {@code FOR UPDATE SKIP LOCKED}, so two senders never take the same row. A claim pushes the row's
 * due time past the claim timeout: a sender that dies mid-send leaves it due again later, never lost.
 */
@ApplicationScoped
public class NotificationQueue {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private static final String[] KNOWN_TYPES = java.util.Arrays.stream(NotificationType.values())
            .map(NotificationType::name)
            .toArray(String[]::new);

    private final Pool pool;
    private final ObjectMapper json;
    /** The portal's inbox items of the same notifications, in the same transaction (#24). */
    @Inject
    InboxStore inbox;

    /** {@code json}: the application's configured mapper (Quarkus' Jackson), for the rows' template data. */
    public NotificationQueue(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** A claimed send: what to render and to whom (a subject), and how many attempts this one makes. */
    public record Claimed(
            UUID id, NotificationType type, String recipientSubject, Map<String, Object> data, int attempts) {}

    /**
     * Queues the planned sends of event {@code sourceEventId}, and their inbox items (InboxRules); returns how many
     * sends are new (0 for a replay).
     */
    public Uni<Integer> enqueue(SqlClient tx, UUID sourceEventId, List<Planned> planned) {
        if (planned.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<Tuple> rows = new ArrayList<>();
        for (Planned p : planned) {
            rows.add(Tuple.of(
                    UUID.randomUUID(),
                    sourceEventId,
                    p.recipientSubject(),
                    p.type().name(),
                    json(p.data())));
        }
        // one row per (event, recipient, type): the unique key notification_once makes a replay insert nothing
        return tx.preparedQuery("""
                INSERT INTO notification (id, source_event_id, recipient_subject, type, data, status)
                VALUES ($1, $2, $3, $4, $5::text::jsonb, 'QUEUED')
                ON CONFLICT ON CONSTRAINT notification_once DO NOTHING""")
                .executeBatch(rows)
                .map(result -> {
                    int n = 0;
                    for (var r = result; r != null; r = r.next()) {
                        n += r.rowCount();
                    }
                    return n;
                })
                .flatMap(n -> inbox.add(tx, sourceEventId, InboxRules.itemsOf(planned))
                        .replaceWith(n));
    }

    /**
     * Claims up to {@code limit} due sends (QUEUED or FAILED_RETRYING, due by {@code now}), counting the attempt and
     * holding them until {@code claimedUntil}. First attempts go first, then retries, each oldest due first: a backlog
     * of sends that keep failing (an unreachable recipient's, a rejected address) never holds up fresh mail. Only types
     * this version knows are claimed (during a rolling upgrade an older pod leaves a newer type to newer pods). Rows
     * another sender holds are skipped, not waited for.
     */
    public Uni<List<Claimed>> claimDue(Instant now, Instant claimedUntil, int limit) {
        return pool.preparedQuery("""
                UPDATE notification n
                SET attempts = n.attempts + 1, next_attempt_at = $2, updated_at = now(), version = n.version + 1
                FROM (SELECT id FROM notification
                      WHERE status IN ('QUEUED', 'FAILED_RETRYING') AND next_attempt_at <= $1 AND type = ANY($4)
                      ORDER BY attempts > 0, next_attempt_at LIMIT $3
                      FOR UPDATE SKIP LOCKED) due
                WHERE n.id = due.id
                RETURNING n.id, n.type, n.recipient_subject, n.data::text AS data, n.attempts""")
                .execute(Tuple.of(
                        now.atOffset(ZoneOffset.UTC), claimedUntil.atOffset(ZoneOffset.UTC), limit, KNOWN_TYPES))
                .map(rows -> {
                    List<Claimed> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new Claimed(
                                r.getUUID("id"),
                                NotificationType.valueOf(r.getString("type")),
                                r.getString("recipient_subject"),
                                map(r.getString("data")),
                                r.getInteger("attempts")));
                    }
                    return out;
                });
    }

    public Uni<Void> markSent(UUID id, Instant at) {
        return pool.preparedQuery("""
                UPDATE notification SET status = 'SENT', sent_at = $2, last_error = NULL, updated_at = now(),
                    version = version + 1
                WHERE id = $1""")
                .execute(Tuple.of(id, at.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /**
     * Marks a claimed send SUPPRESSED when its recipient muted its type (a row in {@code notification_mute}); true
     * when it did. One statement, at send time: a type muted after the send was queued stops it too.
     */
    public Uni<Boolean> suppressIfMuted(UUID id) {
        return pool.preparedQuery("""
                UPDATE notification n SET status = 'SUPPRESSED', updated_at = now(), version = n.version + 1
                WHERE n.id = $1 AND EXISTS (SELECT 1 FROM notification_mute m
                                            WHERE m.recipient_subject = n.recipient_subject AND m.type = n.type)""").execute(Tuple.of(id)).map(rows -> rows.rowCount() == 1);
    }

    /** A failed attempt: due again at {@code retryAt} (FAILED_RETRYING), or DEAD when {@code retryAt} is null. */
    public Uni<Void> markFailed(UUID id, Instant retryAt, String error) {
        NotificationStatus status = retryAt == null ? NotificationStatus.DEAD : NotificationStatus.FAILED_RETRYING;
        return pool.preparedQuery("""
                UPDATE notification SET status = $2, next_attempt_at = coalesce($3, next_attempt_at), last_error = $4,
                    updated_at = now(), version = version + 1
                WHERE id = $1""")
                .execute(Tuple.of(id, status.name(), retryAt == null ? null : retryAt.atOffset(ZoneOffset.UTC), error))
                .replaceWithVoid();
    }

    /** Sends not yet SENT nor DEAD (the queued gauge). */
    public Uni<Long> pending() {
        return pool.query("SELECT count(*) AS n FROM notification WHERE status IN ('QUEUED', 'FAILED_RETRYING')")
                .execute()
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    private String json(Map<String, Object> data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> map(String text) {
        try {
            return json.readValue(text, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable notification data", e);
        }
    }
}
