package dev.bazaar.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}, built in {@code package}; run by failsafe in
 * {@code verify}) started as production starts it — the default prod profile, settings from environment variables
 * only — refuses unsafe settings before it connects to anything (ADR 0011): it exits non-zero with one message naming
 * every offending setting and what to set instead, and never a secret's value. With real settings it gets past the
 * check (and then stops at the database, which does not exist here). No devstack needed.
 */
class ProductionSafetyIT {

    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    static final String REFUSED = "payment-service refuses to start in the prod profile";

    record Run(int exit, String output) {}

    @BeforeAll
    static void packaged() {
        assertThat(JAR)
                .as("the packaged service (./mvnw package -pl payment-service)")
                .exists();
    }

    /** Real-looking production settings: nothing on this host, no development value (.invalid never resolves). */
    static Map<String, String> production() {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", "0");
        env.put("DB_HOST", "postgresql.bazaar.invalid");
        env.put("DB_PORT", "5432");
        env.put("DB_NAME", "payments");
        env.put("DB_USER", "payments");
        env.put("DB_PASSWORD", "pg-Qm4v9-real");
        env.put("KAFKA_BOOTSTRAP_SERVERS", "kafka.bazaar.invalid:9092");
        env.put("OIDC_AUTH_SERVER_URL", "https://sso.bazaar.invalid/realms/bazaar");
        env.put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://localhost:4317");
        env.put("BAZAAR_PAYMENTS_PROVIDER", "stripe");
        env.put("STRIPE_API_KEY", "sk_live_bazaar_it");
        env.put("STRIPE_WEBHOOK_SECRET", "whsec_live_platform_it");
        env.put("STRIPE_CONNECT_WEBHOOK_SECRET", "whsec_live_connect_it");
        env.put("PORTAL_PUBLIC_URL", "https://sellers.bazaar.invalid");
        env.put("CORS_ORIGINS", "https://shop.bazaar.invalid");
        return env;
    }

    /** Starts the jar with exactly these environment variables (none of this machine's) and waits for it to stop. */
    static Run start(Map<String, String> env) throws IOException, InterruptedException {
        Path log = Files.createTempFile(Path.of("target"), "production-safety-", ".log");
        // a small, quickly started JVM: each run lasts a few seconds (the check comes before anything connects)
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx128m",
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-jar",
                        JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                fail("payment-service did not stop within 20 s:\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    @Test
    void theSandboxProviderIsRefused() throws Exception {
        Map<String, String> env = production();
        env.put("BAZAAR_PAYMENTS_PROVIDER", "sandbox");
        Run run = start(env);
        assertThat(run.exit()).as(run.output()).isNotZero();
        assertThat(run.output())
                .contains(
                        REFUSED + ": 1 setting is unsafe",
                        "bazaar.payments.provider is sandbox",
                        "Set BAZAAR_PAYMENTS_PROVIDER=stripe",
                        "BAZAAR_ALLOW_SANDBOX_PAYMENTS=true",
                        "docs/adr/0011-production-refuses-unsafe-settings.md")
                .doesNotContain("Flyway", "quarkus.datasource");
    }

    @Test
    void aPortalUrlOnLocalhostIsRefused() throws Exception {
        Map<String, String> env = production();
        env.put("PORTAL_PUBLIC_URL", "http://localhost:8086");
        Run run = start(env);
        assertThat(run.exit()).as(run.output()).isNotZero();
        assertThat(run.output())
                .contains(
                        REFUSED + ": 1 setting is unsafe",
                        "bazaar.portal.public-url points at this host",
                        "Set PORTAL_PUBLIC_URL");

        env.remove("PORTAL_PUBLIC_URL");
        run = start(env);
        assertThat(run.exit()).isNotZero();
        assertThat(run.output()).contains("bazaar.portal.public-url is not set", "Set PORTAL_PUBLIC_URL");
    }

    @Test
    void developmentPasswordsAndLocalhostAreRefusedAllInOneMessageWithoutTheirValues() throws Exception {
        Map<String, String> env = production();
        env.put("DB_HOST", "localhost");
        env.put("DB_PASSWORD", "bazaar");
        env.put("STRIPE_WEBHOOK_SECRET", "whsec_dev_platform_secret");
        env.put("STRIPE_CONNECT_WEBHOOK_SECRET", "whsec_test_connect_secret");
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
        env.put("OIDC_AUTH_SERVER_URL", "http://localhost:8180/realms/bazaar");
        Run run = start(env);
        assertThat(run.exit()).as(run.output()).isNotZero();
        assertThat(run.output())
                .contains(
                        REFUSED + ": 7 settings are unsafe",
                        "quarkus.datasource.password is a development secret",
                        "Set DB_PASSWORD",
                        "bazaar.webhooks.stripe-secret is a development secret",
                        "Set STRIPE_WEBHOOK_SECRET",
                        "bazaar.webhooks.stripe-connect-secret is a development secret",
                        "Set STRIPE_CONNECT_WEBHOOK_SECRET",
                        "quarkus.oidc.auth-server-url points at an identity provider on this host",
                        "Set OIDC_AUTH_SERVER_URL",
                        "quarkus.datasource.jdbc.url points at this host",
                        "quarkus.datasource.reactive.url points at this host",
                        "Set DB_HOST",
                        "kafka.bootstrap.servers points at this host (127.0.0.1)",
                        "Set KAFKA_BOOTSTRAP_SERVERS",
                        "BAZAAR_ALLOW_LOCALHOST_INFRASTRUCTURE=true")
                .doesNotContain("whsec_dev_platform_secret", "whsec_test_connect_secret", "Flyway");
    }

    @Test
    void realSettingsAndAStagingOptInGetPastTheCheckWithAWarning() throws Exception {
        Map<String, String> env = production();
        env.put("BAZAAR_PAYMENTS_PROVIDER", "sandbox");
        env.put("BAZAAR_ALLOW_SANDBOX_PAYMENTS", "true");
        Run run = start(env);
        // it starts for real, up to the database, which does not exist here
        assertThat(run.output())
                .doesNotContain("refuses to start")
                .contains(
                        "postgresql.bazaar.invalid",
                        "bazaar.payments.provider=sandbox in the prod profile (BAZAAR_ALLOW_SANDBOX_PAYMENTS=true): payments "
                                + "are SIMULATED and no money moves");
        assertThat(run.exit()).isNotZero();
    }
}
