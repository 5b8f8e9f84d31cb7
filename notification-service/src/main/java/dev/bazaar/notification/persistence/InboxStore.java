package dev.bazaar.notification.persistence;

import dev.bazaar.notification.domain.InboxRules.Item;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The inbox items of sellers and of the admins' shared inbox in {@code inbox_item} (V3). Every read and change is
 * scoped to the caller's recipients (their own subject, and {@code role:admin} for an admin): an item of someone else
 * is not found. Adding or reading items announces the recipient on channel
 * {@code bazaar_inbox} at commit (V3's trigger), which {@link InboxNotifications} listens to.
 */
@ApplicationScoped
public class InboxStore {

    /** An item as its recipient sees it. */
    public record Stored(UUID id, String type, String title, String link, Instant createdAt, boolean read) {}

    /** A page of a recipient's items, newest first, with how many there are and how many are unread. */
    public record Listing(List<Stored> items, long total, long unread) {}

    private final Pool pool;

    public InboxStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Adds the items of event {@code sourceEventId} in transaction {@code tx}; an item already there (a redelivery or
     * replay) is not added again. Returns how many are new.
     */
    public Uni<Integer> add(SqlClient tx, UUID sourceEventId, List<Item> items) {
        if (items.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<Tuple> rows = new ArrayList<>();
        for (Item i : items) {
            rows.add(Tuple.of(
                    UUID.randomUUID(), i.recipient(), sourceEventId, i.type().name(), i.title(), i.link()));
        }
        return tx.preparedQuery("""
                INSERT INTO inbox_item (id, recipient, source_event_id, type, title, link)
                VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT ON CONSTRAINT inbox_item_once DO NOTHING""").executeBatch(rows).map(result -> {
            int n = 0;
            for (var r = result; r != null; r = r.next()) {
                n += r.rowCount();
            }
            return n;
        });
    }

    /**
     * The recipients' items (only the unread ones when {@code unreadOnly}) from {@code offset} on, newest first,
     * {@code limit} of them, with the counts (the total of the unread ones when {@code unreadOnly}).
     */
    public Uni<Listing> list(List<String> recipients, long offset, int limit, boolean unreadOnly) {
        return pool.preparedQuery("""
                SELECT id, type, title, link, created_at, read_at IS NOT NULL AS read
                FROM inbox_item WHERE recipient = ANY($1) AND (NOT $4 OR read_at IS NULL)
                ORDER BY created_at DESC, id DESC OFFSET $2 LIMIT $3""")
                .execute(Tuple.of(array(recipients), offset, limit, unreadOnly))
                .flatMap(rows -> counts(recipients).map(c -> {
                    List<Stored> items = new ArrayList<>();
                    for (Row r : rows) {
                        items.add(new Stored(
                                r.getUUID("id"),
                                r.getString("type"),
                                r.getString("title"),
                                r.getString("link"),
                                r.getOffsetDateTime("created_at").toInstant(),
                                r.getBoolean("read")));
                    }
                    return new Listing(items, unreadOnly ? c[1] : c[0], c[1]);
                }));
    }

    /** How many of the recipients' items are unread. */
    public Uni<Long> unread(List<String> recipients) {
        return pool.preparedQuery("SELECT count(*) AS n FROM inbox_item WHERE recipient = ANY($1) AND read_at IS NULL")
                .execute(Tuple.of(array(recipients)))
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    /** Marks one of the recipients' items read (an item already read keeps its time); false when it is not theirs. */
    public Uni<Boolean> markRead(List<String> recipients, UUID id) {
        return pool.preparedQuery("""
                UPDATE inbox_item SET read_at = coalesce(read_at, now())
                WHERE id = $1 AND recipient = ANY($2) RETURNING id""").execute(Tuple.of(id, array(recipients))).map(rows -> rows.rowCount() > 0);
    }

    /** Marks all of the recipients' unread items read; returns how many. */
    public Uni<Integer> markAllRead(List<String> recipients) {
        return pool.preparedQuery("UPDATE inbox_item SET read_at = now() WHERE recipient = ANY($1) AND read_at IS NULL")
                .execute(Tuple.of(array(recipients)))
                .map(rows -> rows.rowCount());
    }

    private Uni<long[]> counts(List<String> recipients) {
        return pool.preparedQuery("""
                SELECT count(*) AS total, count(*) FILTER (WHERE read_at IS NULL) AS unread
                FROM inbox_item WHERE recipient = ANY($1)""").execute(Tuple.of(array(recipients))).map(rows -> {
            Row r = rows.iterator().next();
            return new long[] {r.getLong("total"), r.getLong("unread")};
        });
    }

    /** A text[] parameter (as an Object: a single value, not the tuple's elements). */
    private static Object array(List<String> recipients) {
        return recipients.toArray(new String[0]);
    }
}
