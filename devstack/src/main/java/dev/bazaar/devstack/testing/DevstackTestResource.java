package dev.bazaar.devstack.testing;

import dev.bazaar.devstack.Component;
import dev.bazaar.devstack.Devstack;
import dev.bazaar.devstack.External;
import dev.bazaar.devstack.Profile;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ensures the test-profile devstack components a module needs are up (starting those that are not, reusing running
 * ones) and injects their addresses. Servers are shared across modules and test runs: {@link #stop()} leaves them up.
 *
 * <pre>
 * &#64;QuarkusTestResource(value = DevstackTestResource.class, restrictToAnnotatedClass = false, initArgs = {
 *     &#64;ResourceArg(name = "components", value = "postgres,kafka,keycloak"),
 *     &#64;ResourceArg(name = "database", value = "catalog") })
 * </pre>
 *
 * {@code mail} sets Quarkus Mailer on the test profile's SMTP server (and turns its mock off); tests read what was
 * delivered with {@link Mailbox}. {@code s3} sets the Quarkus S3 client (quarkus.s3.*: endpoint, path-style, static
 * key) and {@code bazaar.s3.bucket} / {@code bazaar.s3.public-base-url} on S3Proxy's bucket. Env overrides
 * (BAZAAR_PG_HOST, BAZAAR_KAFKA, BAZAAR_KEYCLOAK_URL, BAZAAR_SMTP, BAZAAR_S3_ENDPOINT, ...) point at other servers
 * instead.
 */
public class DevstackTestResource implements QuarkusTestResourceLifecycleManager {
    private Set<Component> components = new LinkedHashSet<>(List.of(Component.values()));
    private String database = "postgres";

    @Override
    public void init(Map<String, String> initArgs) {
        String c = initArgs.get("components");
        if (c != null && !c.isBlank()) {
            components = new LinkedHashSet<>(Component.parse(List.of(c)));
        }
        String db = initArgs.get("database");
        if (db != null && !db.isBlank()) {
            database = db.trim();
        }
    }

    @Override
    public Map<String, String> start() {
        return ensure(components, database);
    }

    /** Ensures the components (test profile) and returns the Quarkus configuration pointing at them. */
    public static Map<String, String> ensure(Set<Component> components, String database) {
        Profile profile = Profile.test(Profile.findRepoRoot());
        new Devstack(profile, System.out).up(components);
        return config(profile, components, database);
    }

    static Map<String, String> config(Profile p, Set<Component> components, String database) {
        Map<String, String> cfg = new HashMap<>();
        for (Component c : components) {
            switch (c) {
                case POSTGRES -> {
                    String hostPort = External.pgHost() + ":" + External.pgPort(p);
                    cfg.put("quarkus.datasource.reactive.url", "postgresql://" + hostPort + "/" + database);
                    cfg.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + hostPort + "/" + database);
                    cfg.put("quarkus.datasource.username", External.pgUser(database));
                    cfg.put("quarkus.datasource.password", External.pgPassword(database));
                }
                case REDIS -> cfg.put("quarkus.redis.hosts", External.redisUrl(p));
                case KAFKA -> cfg.put("kafka.bootstrap.servers", External.kafka(p));
                case OPENSEARCH -> cfg.put("quarkus.elasticsearch.hosts", External.openSearch(p));
                case MONGO -> cfg.put("quarkus.mongodb.connection-string", External.mongoUrl(p));
                case KEYCLOAK -> {
                    String kc = External.keycloakUrl(p);
                    cfg.put("quarkus.oidc.auth-server-url", kc + "/realms/bazaar");
                    cfg.put("bazaar.keycloak.url", kc);
                }
                case MAIL -> {
                    // Quarkus Mailer only pretends to send in dev and test unless told otherwise: send for real
                    String smtp = External.smtp(p);
                    cfg.put("quarkus.mailer.mock", "false");
                    cfg.put("quarkus.mailer.host", smtp.substring(0, smtp.lastIndexOf(':')));
                    cfg.put("quarkus.mailer.port", smtp.substring(smtp.lastIndexOf(':') + 1));
                    cfg.put("quarkus.mailer.start-tls", "DISABLED");
                }
                case S3 -> {
                    // the Quarkus amazon-services S3 client on the devstack's S3Proxy: path-style, its key, its bucket
                    cfg.put("quarkus.s3.endpoint-override", External.s3Endpoint(p));
                    cfg.put("quarkus.s3.path-style-access", "true");
                    cfg.put("quarkus.s3.aws.region", "us-east-1");
                    cfg.put("quarkus.s3.aws.credentials.type", "static");
                    cfg.put("quarkus.s3.aws.credentials.static-provider.access-key-id", External.s3AccessKey());
                    cfg.put("quarkus.s3.aws.credentials.static-provider.secret-access-key", External.s3SecretKey());
                    cfg.put("bazaar.s3.bucket", External.s3Bucket());
                    cfg.put("bazaar.s3.public-base-url", External.s3Endpoint(p) + "/" + External.s3Bucket());
                }
            }
        }
        return cfg;
    }

    @Override
    public void stop() {
        // shared across modules and runs: .ci/run (or bin/devstack down --profile test) stops the test stack
    }
}
