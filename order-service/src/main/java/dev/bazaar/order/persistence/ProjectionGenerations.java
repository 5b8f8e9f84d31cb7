package dev.bazaar.order.persistence;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import dev.bazaar.order.config.OrderConfig;
import io.quarkus.mongodb.panache.reactive.ReactivePanacheMongoRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/**
 * The generations of the read models ({@code projection_meta}). Every read-model collection exists per generation: the
 * collection {@code buyer_orders} of generation {@code g1746...} is {@code buyer_orders_g1746...}; the original
 * generation has the empty suffix and the plain names. A rebuild fills a fresh generation while live writes go to
 * both, then makes it the active one ({@link #activate}) and drops the old.
 * <p>
 * Reads and writes go through the typed {@link #mongoCollection()}, not Panache's find/persistOrUpdate/deleteById:
 * those look up a client session among the Vert.x context's locals, which a root context (a projection continuing
 * from a PostgreSQL callback) refuses; the generation is read on every projection, from wherever it runs.
 * <p>
 * Every projection and every read needs the generations, so a replica keeps them for {@code generations-cache} (1 s)
 * instead of asking MongoDB each time; its own changes take effect at once, another replica's within that time (the
 * rebuild waits for it: {@link #settled}).
 */
@ApplicationScoped
public class ProjectionGenerations implements ReactivePanacheMongoRepositoryBase<ProjectionMeta, String> {

    public static final String COLLECTION = "projection_meta";

    private static final String ACTIVE = "active";
    private static final String REBUILD = "rebuild";

    /** The generation readers use ("" = the original collections) and the one being rebuilt, if any (else null). */
    public record Generations(String active, String rebuilding) {}

    private record Cached(Generations value, long readAtNanos) {}

    private final Duration ttl;
    private volatile Cached cached;

    public ProjectionGenerations(OrderConfig config) {
        this.ttl = config.generationsCache();
    }

    /** The collection {@code base} of generation {@code suffix}. */
    public static String collectionName(String base, String suffix) {
        return suffix.isEmpty() ? base : base + "_" + suffix;
    }

    /** The generations, as this replica last read them if that was less than {@code generations-cache} ago. */
    public Uni<Generations> current() {
        Cached c = cached;
        if (c != null && System.nanoTime() - c.readAtNanos() < ttl.toNanos()) {
            return Uni.createFrom().item(c.value());
        }
        return read().invoke(g -> cached = new Cached(g, System.nanoTime()));
    }

    /** Waits until every replica reads the generations as they are now (twice {@code generations-cache}). */
    public Uni<Void> settled() {
        return Uni.createFrom().voidItem().onItem().delayIt().by(ttl.multipliedBy(2));
    }

    private Uni<Generations> read() {
        return mongoCollection()
                .find(Filters.in("_id", List.of(ACTIVE, REBUILD)))
                .collect()
                .asList()
                .map(docs -> {
                    String active = "";
                    String rebuilding = null;
                    for (ProjectionMeta m : docs) {
                        if (ACTIVE.equals(m.id)) {
                            active = m.suffix;
                        } else {
                            rebuilding = m.suffix;
                        }
                    }
                    return new Generations(active, rebuilding);
                });
    }

    public Uni<String> active() {
        return current().map(Generations::active);
    }

    /** From now on, projections are written into {@code suffix} too. */
    public Uni<Void> startRebuild(String suffix) {
        return set(REBUILD, suffix);
    }

    /** Readers switch to {@code suffix}, which is no longer being rebuilt. */
    public Uni<Void> activate(String suffix) {
        return set(ACTIVE, suffix)
                .flatMap(x -> mongoCollection().deleteOne(Filters.eq("_id", REBUILD)))
                .invoke(() -> cached = null)
                .replaceWithVoid();
    }

    private Uni<Void> set(String id, String suffix) {
        cached = null;
        return mongoCollection()
                .replaceOne(Filters.eq("_id", id), new ProjectionMeta(id, suffix), new ReplaceOptions().upsert(true))
                .replaceWithVoid();
    }
}
