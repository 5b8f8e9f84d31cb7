package dev.bazaar.kit.warmup;

import dev.bazaar.kit.config.KitSettings;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Opens {@code bazaar.kit.warm-up.connections} of the reactive pool's connections before the service is ready, and
 * gives them back to the pool open. A pool opens connections only when a request finds none idle, so a replica that
 * has just started meets its first burst with a TCP handshake, a SCRAM exchange and a backend start per request, each
 * on both sides' cold code — which is when its callers' timeouts are tightest. The connections are held together, so
 * the pool cannot hand the same one out twice and really opens that many.
 */
@ApplicationScoped
@IfBuildProperty(name = "bazaar.kit.postgres.enabled", stringValue = "true")
public class PoolWarmUp implements WarmUpTask {

    private final Pool pool;
    private final KitSettings.Kit settings;

    public PoolWarmUp(Pool pool, KitSettings.Kit settings) {
        this.pool = pool;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "postgres-pool";
    }

    @Override
    public Uni<Void> run() {
        int n = settings.warmUp().connections();
        return Multi.createFrom()
                .range(0, n)
                .onItem()
                .transformToUniAndMerge(i -> pool.getConnection()
                        .flatMap(c -> c.query("SELECT 1")
                                .execute()
                                .onFailure()
                                .recoverWithNull()
                                .replaceWith(c))
                        // a connection that could not be opened now is opened later, by a request, as before
                        .onFailure()
                        .recoverWithNull())
                .collect()
                .asList()
                .call(PoolWarmUp::closeAll)
                .replaceWithVoid();
    }

    private static Uni<Void> closeAll(List<SqlConnection> held) {
        return Multi.createFrom()
                .iterable(held)
                .onItem()
                .transformToUniAndMerge(SqlConnection::close)
                .collect()
                .last()
                .replaceWithVoid();
    }
}
