package dev.bazaar.payment.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What a reconciliation reads of the books, and its runs ({@code reconciliation_run}). */
@ApplicationScoped
public class ReconciliationStore {

    /** A run as stored; {@code differences} is its findings' JSON array. */
    public record StoredRun(UUID id, Instant ranAt, Instant since, int checked, String differences) {}

    /**
     * A payment as the books have it: captured, refunded (succeeded refunds other than a lost dispute's), and whether
     * a refund of it is still waiting for the provider.
     */
    public record BookedPayment(
            UUID id, String status, String providerReference, long captured, long refunded, boolean refundInFlight) {}

    /** A payout's status and amount. */
    public record BookedPayout(UUID id, String status, long amount) {}

    private final Pool pool;

    public ReconciliationStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<StoredRun>> lastRun() {
        return pool.query("SELECT * FROM reconciliation_run ORDER BY ran_at DESC LIMIT 1")
                .execute()
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return Optional.empty();
                    }
                    Row r = rows.iterator().next();
                    return Optional.of(new StoredRun(
                            r.getUUID("id"),
                            r.getOffsetDateTime("ran_at").toInstant(),
                            r.getOffsetDateTime("since").toInstant(),
                            r.getInteger("checked"),
                            r.getValue("differences").toString()));
                });
    }

    public Uni<Void> saveRun(StoredRun run) {
        return pool.preparedQuery("INSERT INTO reconciliation_run (id, ran_at, since, checked, differences) "
                        + "VALUES ($1, $2, $3, $4, $5::text::jsonb)")
                .execute(Tuple.of(
                        run.id(),
                        run.ranAt().atOffset(ZoneOffset.UTC),
                        run.since().atOffset(ZoneOffset.UTC),
                        run.checked(),
                        run.differences()))
                .replaceWithVoid();
    }

    /** Payments made since {@code since} that reached the provider and are settled (at most 5000, oldest first). */
    public Uni<List<BookedPayment>> paymentsSince(Instant since) {
        return pool.preparedQuery("""
                SELECT p.id, p.status, p.provider_reference, p.captured_minor,
                       (SELECT coalesce(sum(r.amount_minor), 0) FROM refund r WHERE r.payment_id = p.id
                          AND r.status = 'SUCCEEDED' AND r.source <> 'DISPUTE') AS refunded,
                       EXISTS (SELECT 1 FROM refund r WHERE r.payment_id = p.id AND r.status = 'PENDING') AS in_flight
                FROM payment p
                WHERE p.created_at >= $1 AND p.provider_reference IS NOT NULL
                  AND p.status IN ('CAPTURED', 'VOIDED', 'CAPTURE_FAILED')
                ORDER BY p.created_at LIMIT 5000""")
                .execute(Tuple.of(since.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    List<BookedPayment> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new BookedPayment(
                                r.getUUID("id"),
                                r.getString("status"),
                                r.getString("provider_reference"),
                                r.getLong("captured_minor"),
                                r.getLong("refunded"),
                                r.getBoolean("in_flight")));
                    }
                    return out;
                });
    }

    /** Payouts created since {@code since}. */
    public Uni<List<BookedPayout>> payoutsSince(Instant since) {
        return pool.preparedQuery("""
                SELECT id, status, amount_minor FROM payout WHERE created_at >= $1""")
                .execute(Tuple.of(since.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    List<BookedPayout> out = new ArrayList<>();
                    rows.forEach(r -> out.add(
                            new BookedPayout(r.getUUID("id"), r.getString("status"), r.getLong("amount_minor"))));
                    return out;
                });
    }
}
