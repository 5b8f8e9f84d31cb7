package dev.bazaar.catalog.persistence;

import dev.bazaar.catalog.domain.CommissionSchedule;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The SQL of volume-tier commission (V11): categories' schedules and the shops' trailing GMV. On the reactive client,
 * not Hibernate (ADR 0016): the lookup's extra queries are two plain reads, each one round trip however many lines.
 */
@ApplicationScoped
public class CommissionStore {

    /** A stored schedule and its category. */
    public record StoredSchedule(UUID categoryId, CommissionSchedule schedule) {}

    /** What deleting a schedule found. */
    public enum Deleted {
        DELETED,
        IN_FORCE,
        NOT_FOUND
    }

    private static final String COLUMNS =
            "id, category_id, effective_from, base_rate_bps, tier_above_minor, tier_rate_bps";

    private final Pool pool;

    public CommissionStore(Pool pool) {
        this.pool = pool;
    }

    /** Every schedule of a category, oldest first. */
    public Uni<List<CommissionSchedule>> schedules(UUID categoryId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM commission_schedule WHERE category_id = $1 "
                        + "ORDER BY effective_from")
                .execute(Tuple.of(categoryId))
                .map(rows -> {
                    List<CommissionSchedule> out = new ArrayList<>();
                    rows.forEach(r -> out.add(schedule(r)));
                    return out;
                });
    }

    /**
     * Per category, the schedule in force at {@code at} (the latest started one); {@code categoryIds} null means every
     * category. Categories without one are absent.
     */
    public Uni<Map<UUID, CommissionSchedule>> inForce(Collection<UUID> categoryIds, Instant at) {
        String where = categoryIds == null ? "" : "category_id = ANY($2) AND ";
        Tuple args = categoryIds == null
                ? Tuple.of(at.atOffset(ZoneOffset.UTC))
                : Tuple.of(at.atOffset(ZoneOffset.UTC), categoryIds.toArray(UUID[]::new));
        return pool.preparedQuery("SELECT DISTINCT ON (category_id) " + COLUMNS + " FROM commission_schedule WHERE "
                        + where + "effective_from <= $1 ORDER BY category_id, effective_from DESC")
                .execute(args)
                .map(rows -> {
                    Map<UUID, CommissionSchedule> out = new HashMap<>();
                    rows.forEach(r -> out.put(r.getUUID("category_id"), schedule(r)));
                    return out;
                });
    }

    /** Stores a new schedule; a second one for the same category and instant is a unique violation. */
    public Uni<CommissionSchedule> insert(UUID categoryId, CommissionSchedule s, String createdBy) {
        Long[] above =
                s.tiers().stream().map(CommissionSchedule.Tier::aboveMinor).toArray(Long[]::new);
        Integer[] rates =
                s.tiers().stream().map(CommissionSchedule.Tier::rateBps).toArray(Integer[]::new);
        return pool.preparedQuery("""
                INSERT INTO commission_schedule (id, category_id, effective_from, base_rate_bps, tier_above_minor,
                                                 tier_rate_bps, created_by)
                VALUES ($1, $2, $3, $4, $5, $6, $7)""")
                .execute(Tuple.from(List.of(
                        s.id(),
                        categoryId,
                        s.effectiveFrom().atOffset(ZoneOffset.UTC),
                        s.baseRateBps(),
                        above,
                        rates,
                        createdBy)))
                .replaceWith(s);
    }

    /** Deletes a schedule that has not started by {@code now}; one in force or past is kept (orders were quoted on it). */
    public Uni<Deleted> deleteNotYetInForce(UUID categoryId, UUID scheduleId, Instant now) {
        return pool.preparedQuery("""
                DELETE FROM commission_schedule WHERE id = $1 AND category_id = $2 AND effective_from > $3
                RETURNING id""")
                .execute(Tuple.of(scheduleId, categoryId, now.atOffset(ZoneOffset.UTC)))
                .flatMap(deleted -> deleted.rowCount() > 0
                        ? Uni.createFrom().item(Deleted.DELETED)
                        : pool.preparedQuery("SELECT 1 FROM commission_schedule WHERE id = $1 AND category_id = $2")
                                .execute(Tuple.of(scheduleId, categoryId))
                                .map(found -> found.rowCount() > 0 ? Deleted.IN_FORCE : Deleted.NOT_FOUND));
    }

    /**
     * Per shop, the goods of its paid, uncancelled orders placed after {@code since} (minor units); shops without any
     * are absent. One query for all the shops (the partial index shop_sale_trailing_idx).
     */
    public Uni<Map<UUID, Long>> trailingGmv(Collection<UUID> shopIds, Instant since) {
        return pool.preparedQuery("""
                SELECT shop_id, sum(goods_minor) AS gmv FROM shop_sale
                WHERE shop_id = ANY($1) AND paid AND NOT cancelled AND placed_at > $2
                GROUP BY shop_id""")
                .execute(Tuple.of(shopIds.toArray(UUID[]::new), since.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    Map<UUID, Long> out = new HashMap<>();
                    rows.forEach(r -> out.put(r.getUUID("shop_id"), r.getLong("gmv")));
                    return out;
                });
    }

    /** One shop's trailing GMV (0 without sales). */
    public Uni<Long> trailingGmv(UUID shopId, Instant since) {
        return trailingGmv(List.of(shopId), since)
                .map(m -> Optional.ofNullable(m.get(shopId)).orElse(0L));
    }

    private static CommissionSchedule schedule(Row r) {
        Long[] above = r.getArrayOfLongs("tier_above_minor");
        Integer[] rates = r.getArrayOfIntegers("tier_rate_bps");
        List<CommissionSchedule.Tier> tiers = new ArrayList<>();
        for (int i = 0; i < above.length; i++) {
            tiers.add(new CommissionSchedule.Tier(above[i], rates[i]));
        }
        return new CommissionSchedule(
                r.getUUID("id"),
                r.getOffsetDateTime("effective_from").toInstant(),
                r.getInteger("base_rate_bps"),
                tiers);
    }
}
