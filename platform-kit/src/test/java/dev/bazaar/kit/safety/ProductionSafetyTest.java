package dev.bazaar.kit.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kit's production rules as plain functions of the settings: each refuses the dev value and accepts a real one. */
class ProductionSafetyTest {

    /** What a well-configured production service has. */
    static Map<String, String> production() {
        Map<String, String> s = new HashMap<>();
        s.put("quarkus.profile", "prod");
        s.put("quarkus.application.name", "catalog-service");
        s.put("quarkus.datasource.username", "bazaar");
        s.put("quarkus.datasource.password", "9cQv7-real-database-password");
        s.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://postgresql.bazaar-infra.svc:5432/catalog");
        s.put("quarkus.datasource.reactive.url", "postgresql://postgresql.bazaar-infra.svc:5432/catalog");
        s.put("quarkus.redis.hosts", "redis://redis.bazaar-infra.svc:6379");
        s.put("kafka.bootstrap.servers", "kafka-0.bazaar-infra.svc:9092,kafka-1.bazaar-infra.svc:9092");
        s.put(
                "quarkus.mongodb.connection-string",
                "mongodb://orders:s3cr3t@mongo-0.internal:27017,mongo-1.internal:27017/?replicaSet=rs0");
        s.put("quarkus.elasticsearch.hosts", "opensearch.bazaar-infra.svc:9200");
        // the MongoDB client's default, unused beside a connection string
        s.put("quarkus.mongodb.hosts", "127.0.0.1:27017");
        s.put("quarkus.rest-client.catalog.url", "http://bazaar-catalog:8081");
        s.put("quarkus.oidc.auth-server-url", "https://sso.example.com/realms/bazaar");
        s.put("quarkus.oidc-client.auth-server-url", "https://sso.example.com/realms/bazaar");
        s.put("quarkus.oidc-client.credentials.secret", "a-real-client-secret-from-keycloak");
        s.put("bazaar.webhooks.stripe-secret", "whsec_live_platform_1234");
        // a collector agent beside the pod is a production pattern: not checked
        s.put("quarkus.otel.exporter.otlp.endpoint", "http://localhost:4317");
        return s;
    }

    static Findings check(Map<String, String> settings) {
        return ProductionSafety.evaluate(Settings.of(settings), List.of());
    }

    static Findings with(String name, String value) {
        Map<String, String> s = production();
        s.put(name, value);
        return check(s);
    }

    static List<String> refused(Findings findings) {
        return findings.refusals().stream().map(Findings.Refusal::setting).toList();
    }

    @Test
    void realProductionSettingsPass() {
        Findings findings = check(production());
        assertThat(findings.refusals()).isEmpty();
        assertThat(findings.warnings()).isEmpty();
    }

    // --- rule 1: no development secret

    @Test
    void everyDevelopmentSecretOfTheRepositoryIsRefusedAndNeverShown() {
        for (String dev : List.of(
                "bazaar",
                "bazaar_catalog",
                "bazaar_payment",
                "bazaar-services-secret",
                "bazaar-onboarding-secret",
                "seller-portal-secret",
                "dev-only-seller-portal-cookie-secret-32chars",
                "whsec_dev_platform_secret",
                "whsec_dev_connect_secret",
                "whsec_test_platform_secret",
                "whsec_test_connect_secret",
                "carrier_dev_test_secret",
                "carrier_test_test_secret")) {
            Findings findings = with("quarkus.datasource.password", dev);
            assertThat(refused(findings)).as(dev).containsExactly("quarkus.datasource.password");
            assertThat(findings.message("catalog-service"))
                    .as(dev)
                    .contains("DB_PASSWORD")
                    .doesNotContain(dev);
        }
    }

    @Test
    void eachSecretSettingIsCheckedWithItsEnvironmentVariable() {
        assertThat(with("quarkus.oidc-client.credentials.secret", "bazaar-services-secret")
                        .refusals())
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.setting()).isEqualTo("quarkus.oidc-client.credentials.secret");
                    assertThat(r.fix()).contains("OIDC_CLIENT_SECRET");
                });
        assertThat(with("bazaar.webhooks.stripe-secret", "whsec_dev_platform_secret")
                        .refusals())
                .singleElement()
                .satisfies(r -> assertThat(r.fix()).contains("STRIPE_WEBHOOK_SECRET"));
        // catalog's onboarding client (ADR 0024): a named OIDC client, found by its name, with its own variable
        assertThat(with("quarkus.oidc-client.onboarding.credentials.secret", "bazaar-onboarding-secret")
                        .refusals())
                .singleElement()
                .satisfies(r -> assertThat(r.fix()).contains("ONBOARDING_CLIENT_SECRET"));
        assertThat(with("quarkus.oidc.credentials.secret", "seller-portal-secret")
                        .refusals())
                .hasSize(1);
        assertThat(with(
                                "quarkus.oidc.token-state-manager.encryption-secret",
                                "dev-only-seller-portal-cookie-secret-32chars")
                        .refusals())
                .hasSize(1);
        // a secret setting the kit does not list is found by its name
        assertThat(with("quarkus.elasticsearch.password", "admin").refusals())
                .singleElement()
                .satisfies(r -> assertThat(r.fix()).contains("OPENSEARCH_PASSWORD"));
        assertThat(with("bazaar.something.signing-secret", "secret").refusals())
                .singleElement()
                .satisfies(r -> assertThat(r.fix()).contains("BAZAAR_SOMETHING_SIGNING_SECRET"));
        // a carrier's webhook secret (order-service), whatever the carrier's name
        assertThat(with("bazaar.orders.carriers.dhl.secret", "carrier_dev_test_secret")
                        .refusals())
                .singleElement()
                .satisfies(r -> assertThat(r.fix()).contains("BAZAAR_ORDERS_CARRIERS_DHL_SECRET"));
        // real values pass
        assertThat(with("quarkus.elasticsearch.password", "Xq8-opensearch").refusals())
                .isEmpty();
        assertThat(with("quarkus.oidc.credentials.secret", "kc-generated-7d1f").refusals())
                .isEmpty();
    }

    @Test
    void environmentVariablesAmongTheNamesAreNotSettings() {
        // DB_PASSWORD appears among the names as db.password: only quarkus.datasource.password, which uses it, counts
        Findings findings = with("db.password", "bazaar");
        assertThat(findings.refusals()).isEmpty();
    }

    @Test
    void aDevelopmentPasswordInsideAnInfrastructureUrlIsRefused() {
        assertThat(refused(with("quarkus.mongodb.connection-string", "mongodb://bazaar:bazaar@mongo.internal:27017")))
                .containsExactly("quarkus.mongodb.connection-string");
        assertThat(refused(with("quarkus.redis.hosts", "redis://:bazaar@redis.internal:6379")))
                .containsExactly("quarkus.redis.hosts");
        assertThat(refused(with(
                        "quarkus.datasource.jdbc.url",
                        "jdbc:postgresql://db.internal:5432/catalog?user=bazaar&password=bazaar")))
                .containsExactly("quarkus.datasource.jdbc.url");
        assertThat(with("quarkus.redis.hosts", "redis://:K7-real@redis.internal:6379")
                        .refusals())
                .isEmpty();
        String jaas =
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"cart\" password=\"%s\";";
        assertThat(with("kafka.sasl.jaas.config", jaas.formatted("bazaar")).refusals())
                .singleElement()
                .satisfies(r -> assertThat(r.fix()).contains("KAFKA_SASL_PASSWORD"));
        assertThat(with("kafka.sasl.jaas.config", jaas.formatted("Zx81-scram")).refusals())
                .isEmpty();
        // the devstack's Kafka users sign in with their names as passwords: public, so refused
        for (String devUser : List.of(
                "bazaar-admin",
                "bazaar-cart",
                "bazaar-order",
                "bazaar-payment",
                "bazaar-notification",
                "bazaar-review")) {
            assertThat(with("kafka.sasl.jaas.config", jaas.formatted(devUser)).refusals())
                    .as(devUser)
                    .hasSize(1);
        }
        assertThat(with("quarkus.mongodb.connection-string", "mongodb://bazaar:bazaar@mongo.internal:27017")
                        .message("order-service"))
                .doesNotContain("bazaar@");
    }

    // --- rule 2: no identity provider on this host

    @Test
    void anIdentityProviderOnThisHostIsRefusedEvenOnASingleHostInstall() {
        for (String url : List.of(
                "http://localhost:8180/realms/bazaar",
                "http://127.0.0.1:18180/realms/bazaar",
                "http://[::1]:8180/realms/bazaar")) {
            Map<String, String> s = production();
            s.put("quarkus.oidc.auth-server-url", url);
            s.put(ProductionSafety.ALLOW_LOCALHOST, "true");
            Findings findings = check(s);
            assertThat(refused(findings)).as(url).containsExactly("quarkus.oidc.auth-server-url");
            assertThat(findings.refusals().getFirst().fix()).contains("OIDC_AUTH_SERVER_URL");
        }
        assertThat(refused(with("quarkus.oidc-client.auth-server-url", "http://localhost:8180/realms/bazaar")))
                .containsExactly("quarkus.oidc-client.auth-server-url");
        assertThat(refused(with("quarkus.oidc.tenant-a.auth-server-url", "http://localhost:8180/realms/other")))
                .containsExactly("quarkus.oidc.tenant-a.auth-server-url");
        assertThat(with("quarkus.oidc.auth-server-url", "https://auth.example.com/realms/bazaar")
                        .refusals())
                .isEmpty();
    }

    // --- rule 3: no infrastructure on this host, unless a single-host install says so

    @Test
    void infrastructureOnThisHostIsRefusedSettingBySetting() {
        Map<String, String> dev = Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:5432/catalog",
                "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:15432/catalog",
                "quarkus.redis.hosts", "redis://localhost:6379",
                "kafka.bootstrap.servers", "kafka.internal:9092,localhost:19092",
                "quarkus.mongodb.connection-string", "mongodb://mongo.internal:27017,[::1]:37017/?replicaSet=rs0",
                "quarkus.elasticsearch.hosts", "localhost:9200",
                "quarkus.rest-client.cart.url", "http://localhost:8082",
                "mp.messaging.incoming.orders.bootstrap.servers", "0.0.0.0:9092");
        Map<String, String> env = Map.of(
                "quarkus.datasource.jdbc.url",
                "DB_HOST",
                "quarkus.datasource.reactive.url",
                "DB_HOST",
                "quarkus.redis.hosts",
                "REDIS_URL",
                "kafka.bootstrap.servers",
                "KAFKA_BOOTSTRAP_SERVERS",
                "quarkus.mongodb.connection-string",
                "MONGODB_URL",
                "quarkus.elasticsearch.hosts",
                "OPENSEARCH_HOSTS",
                "quarkus.rest-client.cart.url",
                "CART_URL",
                "mp.messaging.incoming.orders.bootstrap.servers",
                "MP_MESSAGING_INCOMING_ORDERS_BOOTSTRAP_SERVERS");
        Map<String, String> noConnectionString = production();
        noConnectionString.remove("quarkus.mongodb.connection-string");
        assertThat(refused(check(noConnectionString))).containsExactly("quarkus.mongodb.hosts");
        dev.forEach((name, value) -> {
            Findings findings = with(name, value);
            assertThat(refused(findings)).as(name).containsExactly(name);
            assertThat(findings.refusals().getFirst().fix())
                    .as(name)
                    .contains(env.get(name))
                    .contains("BAZAAR_ALLOW_LOCALHOST_INFRASTRUCTURE=true");
        });
    }

    @Test
    void aSingleHostInstallOptsOutWithAWarningNamingTheSettings() {
        for (String optOut : List.of(ProductionSafety.ALLOW_LOCALHOST, ProductionSafety.ALLOW_LOCALHOST_ENV)) {
            Map<String, String> s = production();
            s.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:5432/catalog");
            s.put("kafka.bootstrap.servers", "localhost:9092");
            s.put(optOut, "true");
            Findings findings = check(s);
            assertThat(findings.refusals()).as(optOut).isEmpty();
            assertThat(findings.warnings())
                    .as(optOut)
                    .singleElement()
                    .asString()
                    .contains(
                            "BAZAAR_ALLOW_LOCALHOST_INFRASTRUCTURE=true",
                            "quarkus.datasource.jdbc.url",
                            "kafka.bootstrap.servers");
        }
        Map<String, String> s = production();
        s.put("kafka.bootstrap.servers", "localhost:9092");
        s.put(ProductionSafety.ALLOW_LOCALHOST, "false");
        assertThat(refused(check(s))).containsExactly("kafka.bootstrap.servers");
    }

    // --- the parts

    @Test
    void hostsAreReadFromEveryShapeOfAddress() {
        assertThat(ProductionSafety.hosts("jdbc:postgresql://db.internal:5432/payments"))
                .containsExactly("db.internal");
        assertThat(ProductionSafety.hosts("postgresql://a:5432,b:5433/payments"))
                .containsExactly("a", "b");
        assertThat(ProductionSafety.hosts("redis://:pw@Cache.Internal:6379/0")).containsExactly("cache.internal");
        assertThat(ProductionSafety.hosts("PLAINTEXT://k1:9092, k2:9092")).containsExactly("k1", "k2");
        assertThat(ProductionSafety.hosts("mongodb://u:p@m1:27017,m2/?replicaSet=rs0"))
                .containsExactly("m1", "m2");
        assertThat(ProductionSafety.hosts("http://[::1]:8180/realms/bazaar")).containsExactly("::1");
        assertThat(ProductionSafety.hosts("::1")).containsExactly("::1");
        assertThat(ProductionSafety.hosts("search.internal")).containsExactly("search.internal");
    }

    @Test
    void loopbackIsLocalhostAnd127AndIpv6LoopbackAndUnspecified() {
        for (String local : List.of(
                "localhost",
                "LOCALHOST",
                "api.localhost",
                "127.0.0.1",
                "127.1.2.3",
                "::1",
                "[::1]",
                "0:0:0:0:0:0:0:1",
                "0.0.0.0",
                "::")) {
            assertThat(ProductionSafety.isLoopback(local)).as(local).isTrue();
        }
        for (String remote :
                List.of("db.internal", "10.0.0.5", "localhost-db.internal", "128.0.0.1", "::2", "sso.example.com")) {
            assertThat(ProductionSafety.isLoopback(remote)).as(remote).isFalse();
        }
    }

    @Test
    void theMessageNamesEverySettingAndWhatToSetAndTheAdr() {
        Map<String, String> s = production();
        s.put("quarkus.datasource.password", "bazaar");
        s.put("quarkus.redis.hosts", "redis://localhost:6379");
        s.put("quarkus.oidc.auth-server-url", "http://localhost:8180/realms/bazaar");
        String message = check(s).message("cart-service");
        assertThat(message)
                .startsWith("cart-service refuses to start in the prod profile: 3 settings are unsafe")
                .contains(
                        "  - quarkus.datasource.password is a development secret",
                        "Set DB_PASSWORD",
                        "  - quarkus.redis.hosts points at this host (localhost)",
                        "Set REDIS_URL",
                        "  - quarkus.oidc.auth-server-url points at an identity provider on this host",
                        "Set OIDC_AUTH_SERVER_URL",
                        Findings.ADR);
    }

    @Test
    void aServicesOwnRulesRunWithTheKitsInOneVerdict() {
        Map<String, String> s = production();
        s.put("quarkus.datasource.password", "bazaar");
        ProductionRules service = (settings, findings) -> findings.refuse("bazaar.thing", "is wrong", "set THING");
        Findings findings = ProductionSafety.evaluate(Settings.of(s), List.of(service));
        assertThat(refused(findings)).containsExactly("quarkus.datasource.password", "bazaar.thing");
    }

    @Test
    void theCheckRunsInTheProdProfileOnly() {
        assertThat(ProductionSafetyCheck.isProd(Settings.of(Map.of("quarkus.profile", "prod"))))
                .isTrue();
        assertThat(ProductionSafetyCheck.isProd(Settings.of(Map.of("quarkus.profile", "prod,staging"))))
                .isTrue();
        assertThat(ProductionSafetyCheck.isProd(Settings.of(Map.of("quarkus.profile", "dev"))))
                .isFalse();
        assertThat(ProductionSafetyCheck.isProd(Settings.of(Map.of("quarkus.profile", "dev,load"))))
                .isFalse();
        assertThat(ProductionSafetyCheck.isProd(Settings.of(Map.of("quarkus.profile", "test"))))
                .isFalse();
    }
}
