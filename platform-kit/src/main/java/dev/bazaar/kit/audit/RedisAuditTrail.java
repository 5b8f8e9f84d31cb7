package dev.bazaar.kit.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit log of a service whose only store is Redis (cart-service, whose admin action is a dead-letter replay):
 * rows as JSON in one sorted set scored by a sequence from {@code INCR}, so pages read newest first by score. Nothing
 * in the code path removes or rewrites a member; the set lives under the same persistence as the carts.
 */
@ApplicationScoped
@IfBuildProperty(name = "bazaar.kit.audit.store", stringValue = "redis")
public class RedisAuditTrail implements AuditTrail {

    static final String KEY = "kit:admin-audit";
    static final String SEQ = "kit:admin-audit:seq";

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper json;

    public RedisAuditTrail(ReactiveRedisDataSource redis, ObjectMapper json) {
        this.redis = redis;
        this.json = json;
    }

    @Override
    public Uni<Void> append(AuditEntry e) {
        return redis.value(Long.class)
                .incr(SEQ)
                .flatMap(seq -> {
                    AuditEntry row = new AuditEntry(
                            seq,
                            e.requestId(),
                            e.phase(),
                            Instant.now(),
                            null,
                            e.actor(),
                            e.actorName(),
                            e.method(),
                            e.path(),
                            e.status(),
                            AuditEntry.clip(e.request()),
                            AuditEntry.clip(e.before()),
                            AuditEntry.clip(e.after()));
                    return redis.sortedSet(String.class).zadd(KEY, seq, write(row));
                })
                .replaceWithVoid();
    }

    @Override
    public Uni<List<AuditEntry>> latest(int limit, Long beforeSeq) {
        // ZRANGE … BYSCORE REV takes the range from its top: (before (exclusive) down to -inf
        String top = beforeSeq == null ? "+inf" : "(" + beforeSeq;
        return redis.execute("ZRANGE", KEY, top, "-inf", "BYSCORE", "REV", "LIMIT", "0", String.valueOf(limit))
                .map(rows -> {
                    List<AuditEntry> out = new ArrayList<>();
                    rows.forEach(row -> out.add(read(row.toString())));
                    return out;
                });
    }

    private String write(AuditEntry row) {
        try {
            return json.writeValueAsString(row);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private AuditEntry read(String text) {
        try {
            return json.readValue(text, AuditEntry.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
