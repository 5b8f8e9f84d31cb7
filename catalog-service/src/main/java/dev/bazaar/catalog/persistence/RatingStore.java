package dev.bazaar.catalog.persistence;

import dev.bazaar.catalog.domain.Rating;
import dev.bazaar.contracts.messaging.ReviewEvent.Subject;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Products' and shops' ratings as review-service last announced them (table {@code rating}), SQL on the reactive
 * client (ADR 0016): the write is a version-guarded upsert — the kit's VersionGuard rule, in PostgreSQL's form — so
 * a redelivered or reordered RatingChanged changes nothing.
 */
@ApplicationScoped
public class RatingStore {

    private final Pool pool;

    public RatingStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Stores the subject's rating as of {@code sequence} unless the stored one is as new or newer (one statement, so
     * two deliveries racing each other cannot both win); answers whether it was stored.
     */
    public Uni<Boolean> store(Subject subject, UUID subjectId, Rating rating, List<Long> histogram, long sequence) {
        return pool.preparedQuery("""
                INSERT INTO rating (subject, subject_id, average_tenths, count, histogram, sequence)
                VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (subject_id, subject) DO UPDATE
                    SET average_tenths = EXCLUDED.average_tenths, count = EXCLUDED.count,
                        histogram = EXCLUDED.histogram, sequence = EXCLUDED.sequence, updated_at = now()
                    WHERE rating.sequence < EXCLUDED.sequence""")
                .execute(Tuple.from(List.of(
                        subject.name(),
                        subjectId,
                        rating.averageTenths(),
                        rating.count(),
                        histogram.toArray(new Long[0]),
                        sequence)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The subject's rating ({@link Rating#NONE} when review-service has announced none). */
    public Uni<Rating> of(Subject subject, UUID subjectId) {
        return pool.preparedQuery("SELECT average_tenths, count FROM rating WHERE subject = $1 AND subject_id = $2")
                .execute(Tuple.of(subject.name(), subjectId))
                .map(rows ->
                        rows.size() == 0 ? Rating.NONE : rating(rows.iterator().next()));
    }

    /** A row's rating from its {@code average_tenths} and {@code count} columns (null: none). */
    static Rating rating(Row r) {
        Integer tenths = r.getInteger("average_tenths");
        return tenths == null ? Rating.NONE : new Rating(tenths, r.getLong("count"));
    }
}
