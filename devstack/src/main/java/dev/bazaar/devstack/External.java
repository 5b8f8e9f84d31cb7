package dev.bazaar.devstack;

import java.net.URI;
import java.util.Optional;

/**
 * Environment overrides: a set variable means "use this server, don't start ours". BAZAAR_PG_HOST/PORT/USER/PASSWORD,
 * BAZAAR_REDIS_URL (redis://host:port), BAZAAR_KAFKA (host:port), BAZAAR_OPENSEARCH (host:port), BAZAAR_MONGO_URL
 * (mongodb://host:port), BAZAAR_KEYCLOAK_URL (http://host:port), BAZAAR_SMTP (host:port; with BAZAAR_MAIL_API,
 * http://host:port, where tests read what was delivered when that server is a GreenMail too), BAZAAR_S3_ENDPOINT
 * (http://host:port of any S3 API; with BAZAAR_S3_BUCKET, BAZAAR_S3_ACCESS_KEY and BAZAAR_S3_SECRET_KEY).
 */
public final class External {
    private External() {}

    static String env(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            v = System.getProperty(name);
        }
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** The variable that points component c at an external server, if one is set. */
    public static Optional<String> variable(Component c) {
        String name = switch (c) {
            case POSTGRES -> "BAZAAR_PG_HOST";
            case REDIS -> "BAZAAR_REDIS_URL";
            case KAFKA -> "BAZAAR_KAFKA";
            case OPENSEARCH -> "BAZAAR_OPENSEARCH";
            case MONGO -> "BAZAAR_MONGO_URL";
            case KEYCLOAK -> "BAZAAR_KEYCLOAK_URL";
            case MAIL -> "BAZAAR_SMTP";
            case S3 -> "BAZAAR_S3_ENDPOINT";
        };
        if (c == Component.POSTGRES && env(name) == null && env("BAZAAR_PG_PORT") != null) {
            return Optional.of("BAZAAR_PG_PORT");
        }
        return env(name) != null ? Optional.of(name) : Optional.empty();
    }

    public static boolean isExternal(Component c) {
        return variable(c).isPresent();
    }

    public static String pgHost() {
        return orElse(env("BAZAAR_PG_HOST"), "localhost");
    }

    public static int pgPort(Profile p) {
        String v = env("BAZAAR_PG_PORT");
        return v != null ? Integer.parseInt(v) : p.port(Component.POSTGRES);
    }

    /** The devstack's tooling role: a member of every service's role, so tests and tools can inspect every database. */
    public static String pgUser() {
        return orElse(env("BAZAAR_PG_USER"), "bazaar");
    }

    public static String pgPassword() {
        return orElse(env("BAZAAR_PG_PASSWORD"), "bazaar");
    }

    /**
     * The role a service signs in with to its own database (least privilege: it can reach no other database). An
     * external PostgreSQL ({@code BAZAAR_PG_USER}) keeps its one user for everything.
     */
    public static String pgUser(String database) {
        return env("BAZAAR_PG_USER") != null ? pgUser() : Databases.role(database);
    }

    public static String pgPassword(String database) {
        return env("BAZAAR_PG_USER") != null ? pgPassword() : Databases.password(database);
    }

    public static String redisUrl(Profile p) {
        return orElse(env("BAZAAR_REDIS_URL"), "redis://localhost:" + p.port(Component.REDIS));
    }

    public static String kafka(Profile p) {
        return orElse(env("BAZAAR_KAFKA"), "localhost:" + p.port(Component.KAFKA));
    }

    public static String openSearch(Profile p) {
        return orElse(env("BAZAAR_OPENSEARCH"), "localhost:" + p.port(Component.OPENSEARCH));
    }

    public static String mongoUrl(Profile p) {
        return orElse(env("BAZAAR_MONGO_URL"), "mongodb://localhost:" + p.port(Component.MONGO));
    }

    public static String keycloakUrl(Profile p) {
        String v = env("BAZAAR_KEYCLOAK_URL");
        if (v != null || p == null) {
            return v == null ? "http://localhost:18180" : v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
        }
        return "http://localhost:" + p.port(Component.KEYCLOAK);
    }

    /** The SMTP server services send through: host:port. */
    public static String smtp(Profile p) {
        return orElse(env("BAZAAR_SMTP"), "localhost:" + p.port(Component.MAIL));
    }

    /** GreenMail's HTTP API (read a mailbox, purge): http://host:port, no trailing slash. */
    public static String mailApi(Profile p) {
        String v = env("BAZAAR_MAIL_API");
        if (v != null) {
            return v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
        }
        return "http://localhost:" + p.thirdPort(Component.MAIL);
    }

    /** The devstack's bucket (made before S3Proxy starts): product media. */
    public static final String S3_BUCKET = "bazaar-media";
    /** The devstack's S3 access key and secret: development only, like every other devstack password. */
    public static final String S3_ACCESS_KEY = "bazaar-devstack";

    public static final String S3_SECRET_KEY = "bazaar-devstack-secret";

    /** The S3 API's endpoint, path-style: http://host:port, no trailing slash. */
    public static String s3Endpoint(Profile p) {
        String v = env("BAZAAR_S3_ENDPOINT");
        if (v != null) {
            return v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
        }
        return "http://localhost:" + p.port(Component.S3);
    }

    public static String s3Bucket() {
        return orElse(env("BAZAAR_S3_BUCKET"), S3_BUCKET);
    }

    public static String s3AccessKey() {
        return orElse(env("BAZAAR_S3_ACCESS_KEY"), S3_ACCESS_KEY);
    }

    public static String s3SecretKey() {
        return orElse(env("BAZAAR_S3_SECRET_KEY"), S3_SECRET_KEY);
    }

    /** host:port of a URL like redis://h:p. */
    static String hostPort(String url) {
        URI u = URI.create(url);
        return u.getHost() + ":" + u.getPort();
    }

    private static String orElse(String v, String d) {
        return v != null ? v : d;
    }
}
