package dev.bazaar.kit.schema;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * Creates and evolves the kit's own tables (outbox, processed messages, Idempotency-Keys) in the service's database,
 * with a Flyway history of their own ({@code kit_schema_history}) so the kit's migrations never interleave with the
 * service's version numbers. Runs once at start-up on the migration-only JDBC datasource.
 */
@ApplicationScoped
@IfBuildProperty(name = "bazaar.kit.postgres.enabled", stringValue = "true")
public class KitSchema {

    private static final Logger LOG = Logger.getLogger(KitSchema.class);

    static final String HISTORY_TABLE = "kit_schema_history";
    static final String LOCATION = "classpath:db/kit";

    private final AgroalDataSource dataSource;

    public KitSchema(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    void migrate(@Observes @Priority(1) StartupEvent start) {
        var result = Flyway.configure(KitSchema.class.getClassLoader())
                .dataSource(dataSource)
                .table(HISTORY_TABLE)
                .locations(LOCATION)
                // the service's own tables are already there: start the kit's history at version 0
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        LOG.infof(
                "platform-kit schema at version %s (%d migration(s) applied)",
                result.targetSchemaVersion, result.migrationsExecuted);
    }
}
