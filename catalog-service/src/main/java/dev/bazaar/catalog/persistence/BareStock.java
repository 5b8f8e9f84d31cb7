package dev.bazaar.catalog.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * The benchmark's stock yardstick (BareCatalogRoutes, bench/run): the reservation's conditional stock update and its
 * release, two auto-committed statements on the reactive pool, nothing else — the raw store cost a reservation is
 * compared with. Stock is unchanged afterwards.
 */
@ApplicationScoped
public class BareStock {

    static final String HOLD = "UPDATE inventory SET reserved = reserved + 1, version = version + 1 "
            + "WHERE variant_id = $1 AND on_hand - reserved >= 1";
    static final String UNHOLD = "UPDATE inventory SET reserved = reserved - 1, version = version + 1 "
            + "WHERE variant_id = $1 AND reserved >= 1";

    private final Pool pool;

    public BareStock(Pool pool) {
        this.pool = pool;
    }

    /** Holds one unit and releases it; answers how many were held (0 when none was free). */
    public Uni<Integer> holdAndRelease(UUID variant) {
        return pool.preparedQuery(HOLD)
                .execute(Tuple.of(variant))
                .flatMap(held -> held.rowCount() == 0
                        ? Uni.createFrom().item(0)
                        : pool.preparedQuery(UNHOLD).execute(Tuple.of(variant)).map(x -> held.rowCount()));
    }
}
