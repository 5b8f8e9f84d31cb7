package dev.bazaar.kit.warmup;

import dev.bazaar.kit.config.KitSettings;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Has the reactive pool open up to {@code bazaar.kit.warm-up.connections} connections before the service is ready. A
 * pool opens connections only when a request finds none idle, so a replica that has just started meets its first
 * burst with a TCP handshake, a SCRAM exchange and a backend start per request, on both sides' cold code — which is
 * when its callers' timeouts are tightest. The warm-up sends that many short queries at once: each finds no idle
 * connection and the pool opens one for it, up to its size. It holds no connection itself: connections held by the
 * service's own leases and listeners leave the pool fewer to open, and a query that has to wait for one is only
 * slower, never stuck (holding them all, a first version waited out the 30 s on notification's pool of 8).
 */
@Singleton
@IfBuildProperty(name = "bazaar.kit.postgres.enabled", stringValue = "true")
public class PoolWarmUp extends RepeatedWarmUp {

    /** Long enough that the queries sent at once overlap, so none finds another's connection idle. */
    private static final String QUERY = "SELECT pg_sleep(0.1)";

    private final Pool pool;
    private final int connections;

    public PoolWarmUp(Pool pool, KitSettings.Kit settings) {
        super("postgres-pool", 1, Duration.ofSeconds(10));
        this.pool = pool;
        this.connections = settings.warmUp().connections();
    }

    @Override
    protected Uni<?> call(int i) {
        return Multi.createFrom()
                .range(0, connections)
                .onItem()
                .transformToUniAndMerge(q -> pool.query(QUERY).execute())
                .collect()
                .last();
    }
}
