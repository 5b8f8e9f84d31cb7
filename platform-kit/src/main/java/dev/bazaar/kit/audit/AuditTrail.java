package dev.bazaar.kit.audit;

import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * Where a service appends its admins' audit log and reads it back, newest first. Every service with admin endpoints
 * has exactly one: {@link PgAuditTrail} where the kit owns tables in PostgreSQL, {@link RedisAuditTrail} where Redis
 * is the only store (cart-service), its own where neither is (review-service: MongoDB). Appends never change or
 * remove an earlier row.
 */
public interface AuditTrail {

    /** Appends one row ({@code seq} and {@code service} of {@code entry} are ignored: the store assigns them). */
    Uni<Void> append(AuditEntry entry);

    /** Up to {@code limit} rows older than {@code beforeSeq} (null: the newest), newest first. */
    Uni<List<AuditEntry>> latest(int limit, Long beforeSeq);
}
