package dev.bazaar.checkout.config;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/**
 * The default datasource's own Quarkus settings ({@code quarkus.datasource.*}), read again for the one connection the
 * reactive pool does not lend: SagaNotifications' LISTEN connection, which PgSubscriber opens and keeps itself. No
 * defaults here: they are the pool's settings, set in application.properties for every profile (and by the devstack
 * in tests), so both connections always reach the same database as the same user.
 */
@ConfigMapping(prefix = "quarkus.datasource")
public interface DatasourceSettings {

    Reactive reactive();

    Optional<String> username();

    Optional<String> password();

    interface Reactive {

        /** E.g. {@code postgresql://localhost:5432/checkout} (a {@code vertx-reactive:} prefix is allowed). */
        String url();
    }
}
