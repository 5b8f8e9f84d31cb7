package dev.bazaar.kit.audit;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** The audit log in the service's PostgreSQL database ({@code kit_admin_audit}, append-only by trigger). */
@ApplicationScoped
@IfBuildProperty(name = "bazaar.kit.postgres.enabled", stringValue = "true")
public class PgAuditTrail implements AuditTrail {

    private final Pool pool;

    public PgAuditTrail(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<Void> append(AuditEntry e) {
        return pool.preparedQuery("""
                INSERT INTO kit_admin_audit (request_id, phase, actor, actor_name, method, path, status, request_body,
                                             before_state, after_state)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)""")
                .execute(Tuple.from(new Object[] {
                    e.requestId(),
                    e.phase().name(),
                    e.actor(),
                    e.actorName(),
                    e.method(),
                    e.path(),
                    e.status(),
                    AuditEntry.clip(e.request()),
                    AuditEntry.clip(e.before()),
                    AuditEntry.clip(e.after())
                }))
                .replaceWithVoid();
    }

    @Override
    public Uni<List<AuditEntry>> latest(int limit, Long beforeSeq) {
        return pool.preparedQuery("""
                SELECT seq, request_id, phase, at, actor, actor_name, method, path, status, request_body, before_state,
                       after_state
                FROM kit_admin_audit WHERE ($1::bigint IS NULL OR seq < $1) ORDER BY seq DESC LIMIT $2""").execute(Tuple.of(beforeSeq, limit)).map(rows -> {
            List<AuditEntry> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(new AuditEntry(
                        r.getLong("seq"),
                        r.getUUID("request_id"),
                        AuditEntry.Phase.valueOf(r.getString("phase")),
                        r.get(OffsetDateTime.class, "at").toInstant(),
                        null,
                        r.getString("actor"),
                        r.getString("actor_name"),
                        r.getString("method"),
                        r.getString("path"),
                        r.getInteger("status"),
                        r.getString("request_body"),
                        r.getString("before_state"),
                        r.getString("after_state")));
            }
            return out;
        });
    }
}
