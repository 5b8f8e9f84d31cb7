package dev.bazaar.kit.pg;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The one PostgreSQL connection a service's pool does not lend: a {@code LISTEN} subscriber (checkout's status
 * streams, notification's inbox), opened on the database, as the user, that the reactive pool's own Quarkus settings
 * ({@code quarkus.datasource.reactive.url}, {@code .username}, {@code .password}) name — so both always reach the same
 * database. It reconnects by itself, backing off from 100 ms to 5 s.
 */
@ApplicationScoped
public class ListenConnections {

    private final Vertx vertx;
    private final Config config;

    public ListenConnections(Vertx vertx, Config config) {
        this.vertx = vertx;
        this.config = config;
    }

    /** A new subscriber, not yet connected ({@link PgSubscriber#connect()} when the service starts). */
    public PgSubscriber subscriber() {
        String url = config.getValue("quarkus.datasource.reactive.url", String.class);
        PgConnectOptions options = PgConnectOptions.fromUri(
                url.startsWith("vertx-reactive:") ? url.substring("vertx-reactive:".length()) : url);
        setting("quarkus.datasource.username").ifPresent(options::setUser);
        setting("quarkus.datasource.password").ifPresent(options::setPassword);
        return PgSubscriber.subscriber(vertx, options)
                .reconnectPolicy(retries -> Math.min(5_000L, 100L * (1L << Math.min(retries, 6))));
    }

    private Optional<String> setting(String name) {
        return config.getOptionalValue(name, String.class);
    }
}
