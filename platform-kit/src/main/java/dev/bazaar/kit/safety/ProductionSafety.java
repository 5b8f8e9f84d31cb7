package dev.bazaar.kit.safety;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules every service obeys in the prod profile (ADR 0011), as pure functions of the {@link Settings}:
 * <ol>
 * <li><b>No development secret</b>: no password, secret or key setting may hold a value from the repository's dev
 * configuration ({@link #DEV_SECRETS}), nor may an infrastructure URL or Kafka's SASL login carry one as its
 * password.</li>
 * <li><b>No identity provider on this host</b>: {@code quarkus.oidc.auth-server-url} (and the OIDC client's, and any
 * tenant's) must not point at localhost — that is the devstack's realm. No opt-out.</li>
 * <li><b>No infrastructure on this host</b>: datasource URLs, Redis hosts, Kafka bootstrap servers, the MongoDB
 * connection string, Elasticsearch/OpenSearch hosts and REST clients' URLs must not point at localhost, unless a
 * single-host install says so with {@code bazaar.safety.allow-localhost-infrastructure=true}
 * ({@code BAZAAR_ALLOW_LOCALHOST_INFRASTRUCTURE=true}); then each is logged as a warning at start. The OpenTelemetry
 * endpoint is not checked: a collector agent on localhost is a production pattern.</li>
 * </ol>
 * A refusal names the setting and the environment variable to set instead, never a secret's value.
 */
public final class ProductionSafety implements ProductionRules {

    /** The single-host install's opt-out for infrastructure on localhost, and its short environment variable. */
    public static final String ALLOW_LOCALHOST = "bazaar.safety.allow-localhost-infrastructure";

    public static final String ALLOW_LOCALHOST_ENV = "BAZAAR_ALLOW_LOCALHOST_INFRASTRUCTURE";

    /**
     * Secrets that are public because they are in this repository: the devstack's database password, the dev realm's
     * client secrets (bazaar-onboarding's too), the portal's dev cookie secret, the dev and test Stripe webhook secrets, the dev and test carrier
     * webhook secrets, the dev and test unsubscribe-link secrets, Keycloak's dev admin, the devstack's Kafka users'
     * passwords — and the usual placeholders.
     */
    public static final Set<String> DEV_SECRETS = Set.of(
            "bazaar",
            "bazaar_catalog",
            "bazaar_checkout",
            "bazaar_order",
            "bazaar_payment",
            "bazaar_notification",
            "bazaar-admin",
            "bazaar-catalog",
            "bazaar-cart",
            "bazaar-checkout",
            "bazaar-order",
            "bazaar-payment",
            "bazaar-notification",
            "bazaar-review",
            "admin",
            "bazaar-services-secret",
            "bazaar-onboarding-secret",
            "seller-portal-secret",
            "dev-only-seller-portal-cookie-secret-32chars",
            "whsec_dev_platform_secret",
            "whsec_dev_connect_secret",
            "whsec_test_platform_secret",
            "whsec_test_connect_secret",
            "carrier_dev_test_secret",
            "carrier_test_test_secret",
            "dev-only-notification-unsubscribe-secret",
            "test-only-notification-unsubscribe-secret",
            "password",
            "secret",
            "changeme",
            "change-me");

    /** Where the scans for more settings of a kind look: Quarkus's, Bazaar's, Kafka's and messaging's own names. */
    private static final Pattern OWNED = Pattern.compile("(?:quarkus|bazaar|kafka|mp\\.messaging)\\.");

    /** Secret-bearing settings checked whether or not they are set; any other name ending so is checked too. */
    static final List<String> SECRET_SETTINGS = List.of(
            "quarkus.datasource.password",
            "quarkus.oidc.credentials.secret",
            "quarkus.oidc.credentials.client-secret.value",
            "quarkus.oidc-client.credentials.secret",
            "quarkus.oidc-client.credentials.client-secret.value",
            "quarkus.oidc.token-state-manager.encryption-secret",
            "quarkus.redis.password",
            "quarkus.elasticsearch.password",
            "quarkus.mongodb.credentials.password",
            "bazaar.webhooks.stripe-secret",
            "bazaar.webhooks.stripe-connect-secret",
            "bazaar.stripe.api-key");

    private static final Pattern SECRET_NAME =
            Pattern.compile("[a-z0-9.\"_-]*\\.(?:password|secret|api-key|[a-z0-9-]*-password|[a-z0-9-]*-secret)");

    /** Kafka's SASL login ({@code …ScramLoginModule required username="…" password="…";}). */
    private static final Pattern JAAS_NAME = Pattern.compile("(?:[^%]+\\.)?sasl\\.jaas\\.config");

    private static final Pattern JAAS_PASSWORD = Pattern.compile("password\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern URL_PASSWORD = Pattern.compile("[?&;]password=([^&;]*)");

    static final List<String> IDENTITY_SETTINGS =
            List.of("quarkus.oidc.auth-server-url", "quarkus.oidc-client.auth-server-url");
    private static final Pattern IDENTITY_NAME =
            Pattern.compile("quarkus\\.oidc(?:-client)?\\.(?:[^%]+\\.)?auth-server-url");

    static final List<String> INFRASTRUCTURE_SETTINGS = List.of(
            "quarkus.datasource.jdbc.url",
            "quarkus.datasource.reactive.url",
            "quarkus.redis.hosts",
            "kafka.bootstrap.servers",
            "quarkus.mongodb.connection-string",
            "quarkus.mongodb.hosts",
            "quarkus.elasticsearch.hosts");
    /** A MongoDB client's {@code hosts} (default 127.0.0.1:27017) is used only without a connection string. */
    private static final Pattern MONGO_HOSTS = Pattern.compile("(quarkus\\.mongodb\\.(?:[^%]+\\.)?)hosts");

    private static final Pattern INFRASTRUCTURE_NAME = Pattern.compile(String.join(
            "|",
            "quarkus\\.datasource\\.(?:[^%]+\\.)?(?:jdbc|reactive)\\.url",
            "quarkus\\.redis\\.(?:[^%]+\\.)?hosts",
            "(?:[^%]+\\.)?bootstrap\\.servers",
            "quarkus\\.mongodb\\.(?:[^%]+\\.)?(?:connection-string|hosts)",
            "quarkus\\.elasticsearch\\.hosts",
            "quarkus\\.rest-client\\.[^%]+\\.(?:url|uri)"));
    private static final Pattern REST_CLIENT = Pattern.compile("quarkus\\.rest-client\\.\"?([^.\"]+)\"?\\.(?:url|uri)");

    /** The production environment variables behind the settings (README, "Production settings"). */
    private static final Map<String, String> ENV = Map.ofEntries(
            Map.entry("quarkus.datasource.password", "DB_PASSWORD"),
            Map.entry("quarkus.datasource.jdbc.url", "DB_HOST (with DB_PORT and DB_NAME)"),
            Map.entry("quarkus.datasource.reactive.url", "DB_HOST (with DB_PORT and DB_NAME)"),
            Map.entry("quarkus.redis.hosts", "REDIS_URL"),
            Map.entry("kafka.bootstrap.servers", "KAFKA_BOOTSTRAP_SERVERS"),
            Map.entry("quarkus.mongodb.connection-string", "MONGODB_URL"),
            Map.entry("quarkus.elasticsearch.hosts", "OPENSEARCH_HOSTS"),
            Map.entry("quarkus.elasticsearch.password", "OPENSEARCH_PASSWORD"),
            Map.entry("quarkus.oidc.auth-server-url", "OIDC_AUTH_SERVER_URL"),
            Map.entry("quarkus.oidc-client.auth-server-url", "OIDC_AUTH_SERVER_URL"),
            Map.entry("quarkus.oidc-client.credentials.secret", "OIDC_CLIENT_SECRET"),
            Map.entry("quarkus.oidc-client.onboarding.credentials.secret", "ONBOARDING_CLIENT_SECRET"),
            Map.entry("bazaar.webhooks.stripe-secret", "STRIPE_WEBHOOK_SECRET"),
            Map.entry("bazaar.webhooks.stripe-connect-secret", "STRIPE_CONNECT_WEBHOOK_SECRET"),
            Map.entry("bazaar.stripe.api-key", "STRIPE_API_KEY"),
            Map.entry("bazaar.notifications.unsubscribe-secret", "UNSUBSCRIBE_SECRET"),
            Map.entry("kafka.sasl.jaas.config", "KAFKA_SASL_PASSWORD"));

    /** Runs the kit's rules, then each service's, over the same settings. */
    public static Findings evaluate(Settings settings, Iterable<? extends ProductionRules> serviceRules) {
        Findings findings = new Findings();
        new ProductionSafety().check(settings, findings);
        for (ProductionRules rules : serviceRules) {
            rules.check(settings, findings);
        }
        return findings;
    }

    @Override
    public void check(Settings settings, Findings findings) {
        noDevelopmentSecret(settings, findings);
        noIdentityProviderOnThisHost(settings, findings);
        noInfrastructureOnThisHost(settings, findings);
    }

    /** Rule 1: no secret setting holds a development value, no infrastructure URL carries one as its password. */
    static void noDevelopmentSecret(Settings settings, Findings findings) {
        for (String name : named(settings, SECRET_SETTINGS, SECRET_NAME)) {
            if (settings.get(name).filter(ProductionSafety::isDevSecret).isPresent()) {
                findings.refuse(
                        name,
                        "is a development secret (a value from the repository's dev configuration; " + "not shown)",
                        "set " + envFor(name) + " to the real secret");
            }
        }
        for (String name : named(settings, INFRASTRUCTURE_SETTINGS, INFRASTRUCTURE_NAME)) {
            if (settings.get(name)
                    .flatMap(ProductionSafety::embeddedPassword)
                    .filter(ProductionSafety::isDevSecret)
                    .isPresent()) {
                findings.refuse(
                        name,
                        "carries a development password (not shown)",
                        "set " + envFor(name) + " with the real credentials");
            }
        }
        for (String name : named(settings, List.of("kafka.sasl.jaas.config"), JAAS_NAME)) {
            Optional<String> password = settings.get(name)
                    .map(JAAS_PASSWORD::matcher)
                    .filter(Matcher::find)
                    .map(m -> m.group(1));
            if (password.filter(ProductionSafety::isDevSecret).isPresent()) {
                findings.refuse(
                        name,
                        "carries a development password (not shown)",
                        "set " + envFor(name) + " to the service's real Kafka password");
            }
        }
    }

    /** Rule 2: the identity provider is not the devstack's realm on this host (no opt-out). */
    static void noIdentityProviderOnThisHost(Settings settings, Findings findings) {
        for (String name : named(settings, IDENTITY_SETTINGS, IDENTITY_NAME)) {
            List<String> hosts =
                    settings.get(name).map(ProductionSafety::loopbackHosts).orElse(List.of());
            if (!hosts.isEmpty()) {
                findings.refuse(
                        name,
                        "points at an identity provider on this host (" + String.join(", ", hosts)
                                + "), the development realm",
                        "set " + envFor(name) + " to the production realm, e.g. https://sso.example.com/realms/bazaar");
            }
        }
    }

    /** Rule 3: infrastructure is not on this host, unless a single-host install opts out (then: warnings). */
    static void noInfrastructureOnThisHost(Settings settings, Findings findings) {
        boolean singleHost = settings.isTrue(ALLOW_LOCALHOST, ALLOW_LOCALHOST_ENV);
        List<String> local = new ArrayList<>();
        for (String name : named(settings, INFRASTRUCTURE_SETTINGS, INFRASTRUCTURE_NAME)) {
            List<String> hosts =
                    settings.get(name).map(ProductionSafety::loopbackHosts).orElse(List.of());
            Matcher mongo = MONGO_HOSTS.matcher(name);
            if (hosts.isEmpty()
                    || mongo.matches()
                            && settings.get(mongo.group(1) + "connection-string")
                                    .isPresent()) {
                continue;
            }
            local.add(name);
            if (!singleHost) {
                findings.refuse(
                        name,
                        "points at this host (" + String.join(", ", hosts) + "), the devstack's address",
                        "set " + envFor(name) + " to the production address, or " + ALLOW_LOCALHOST_ENV
                                + "=true on a single-host install");
            }
        }
        if (singleHost && !local.isEmpty()) {
            findings.warn(ALLOW_LOCALHOST_ENV + "=true (a single-host install): " + String.join(", ", local)
                    + " point at this host");
        }
    }

    /** The environment variable to set for a setting in production. */
    public static String envFor(String setting) {
        String env = ENV.get(setting);
        if (env != null) {
            return env;
        }
        Matcher client = REST_CLIENT.matcher(setting);
        if (client.matches()) {
            return client.group(1).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_URL";
        }
        return setting.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    public static boolean isDevSecret(String value) {
        String v = value.trim();
        return DEV_SECRETS.stream().anyMatch(v::equalsIgnoreCase);
    }

    /** The hosts of a value among those in {@link #hosts(String)} that are this machine. */
    public static List<String> loopbackHosts(String value) {
        return hosts(value).stream()
                .filter(ProductionSafety::isLoopback)
                .distinct()
                .toList();
    }

    /**
     * The hosts a setting names: a URL ({@code scheme://[user[:password]@]host[:port][/…]}, {@code jdbc:…} too), a
     * {@code host[:port]}, or a comma-separated list of either (Kafka, Elasticsearch, Redis, a MongoDB replica set).
     */
    public static List<String> hosts(String value) {
        List<String> hosts = new ArrayList<>();
        for (String part : value.split(",")) {
            String s = part.trim();
            int scheme = s.indexOf("://");
            if (scheme >= 0) {
                s = s.substring(scheme + 3);
            }
            int end = indexOfAny(s, "/?#");
            if (end >= 0) {
                s = s.substring(0, end);
            }
            int at = s.lastIndexOf('@');
            if (at >= 0) {
                s = s.substring(at + 1);
            }
            String host;
            if (s.startsWith("[")) {
                int close = s.indexOf(']');
                host = close > 0 ? s.substring(1, close) : s.substring(1);
            } else if (s.indexOf(':') != s.lastIndexOf(':')) {
                host = s; // an IPv6 address without brackets (no port)
            } else {
                int colon = s.indexOf(':');
                host = colon >= 0 ? s.substring(0, colon) : s;
            }
            if (!host.isEmpty()) {
                hosts.add(host.toLowerCase(Locale.ROOT));
            }
        }
        return hosts;
    }

    /** localhost (and *.localhost), 127.0.0.0/8, ::1 and the unspecified addresses 0.0.0.0 and ::. */
    public static boolean isLoopback(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost")
                || h.endsWith(".localhost")
                || h.equals("localhost.localdomain")
                || h.matches("127(?:\\.\\d{1,3}){3}")
                || h.equals("0.0.0.0")
                || h.equals("::1")
                || h.equals("::")
                || h.matches("(?:0{1,4}:){7}0{0,3}1")
                || h.matches("(?:0{1,4}:){7}0{1,4}")
                || h.matches("::ffff:127(?:\\.\\d{1,3}){3}");
    }

    /** The password in a URL's user info ({@code user:password@}) or its {@code password=} parameter. */
    static Optional<String> embeddedPassword(String value) {
        for (String part : value.split(",")) {
            int scheme = part.indexOf("://");
            String rest = scheme >= 0 ? part.substring(scheme + 3) : part;
            int at = rest.lastIndexOf('@');
            int slash = indexOfAny(rest, "/?#");
            if (at >= 0 && (slash < 0 || at < slash)) {
                String userInfo = rest.substring(0, at);
                int colon = userInfo.indexOf(':');
                if (colon >= 0 && colon < userInfo.length() - 1) {
                    return Optional.of(decode(userInfo.substring(colon + 1)));
                }
            }
            Matcher parameter = URL_PASSWORD.matcher(part);
            if (parameter.find()) {
                return Optional.of(decode(parameter.group(1)));
            }
        }
        return Optional.empty();
    }

    /**
     * The listed names plus every other setting of Quarkus, Bazaar, Kafka or messaging that matches: the settings a
     * rule looks at, in a stable order. (Other names — e.g. {@code db.password}, which is how the environment
     * variable {@code DB_PASSWORD} may appear among the names — are read only through the settings that use them.)
     */
    private static Set<String> named(Settings settings, List<String> listed, Pattern pattern) {
        Set<String> names = new LinkedHashSet<>(listed);
        new TreeSet<>(settings.names())
                .stream()
                        .filter(n -> OWNED.matcher(n).lookingAt()
                                && pattern.matcher(n).matches())
                        .forEach(names::add);
        return names;
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static String decode(String s) {
        try {
            return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
