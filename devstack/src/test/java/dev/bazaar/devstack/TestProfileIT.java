package dev.bazaar.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bazaar.devstack.testing.DevstackTestResource;
import dev.bazaar.devstack.testing.KeycloakTokens;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against the real test profile (shared with the other modules' tests; left running). */
class TestProfileIT {
    private static Map<String, String> config;

    @BeforeAll
    static void ensure() {
        DevstackTestResource resource = new DevstackTestResource();
        resource.init(Map.of("components", "postgres,kafka,keycloak", "database", "catalog"));
        config = resource.start();
    }

    @Test
    void configPointsAtTheTestProfile() {
        if (External.isExternal(Component.POSTGRES)
                || External.isExternal(Component.KAFKA)
                || External.isExternal(Component.KEYCLOAK)) {
            return;
        }
        assertThat(config)
                .containsEntry("quarkus.datasource.reactive.url", "postgresql://localhost:15432/catalog")
                .containsEntry("quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:15432/catalog")
                .containsEntry("quarkus.datasource.username", "bazaar_catalog")
                .containsEntry("quarkus.datasource.password", "bazaar_catalog")
                .containsEntry("kafka.bootstrap.servers", "localhost:19092")
                .containsEntry("quarkus.oidc.auth-server-url", "http://localhost:18180/realms/bazaar")
                .containsEntry("bazaar.keycloak.url", "http://localhost:18180");
    }

    @Test
    void eachDatabaseBelongsToItsServicesRoleAndTheToolingRoleReachesThemAll() throws Exception {
        if (External.isExternal(Component.POSTGRES)) {
            return;
        }
        for (String db : Probes.DATABASES) {
            String url = config.get("quarkus.datasource.jdbc.url").replace("/catalog", "/" + db);
            try (Connection con = DriverManager.getConnection(url, Databases.role(db), Databases.password(db));
                    Statement st = con.createStatement();
                    ResultSet rs = st.executeQuery(
                            "SELECT current_user, pg_catalog.pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(Databases.role(db));
                assertThat(rs.getString(2)).as(db + " owner").isEqualTo(Databases.role(db));
            }
            try (Connection con = DriverManager.getConnection(url, "bazaar", "bazaar")) {
                assertThat(con.isValid(5)).as("the tooling role reaches " + db).isTrue();
            }
        }
    }

    @Test
    void catalogsCredentialsCannotReadPayments() throws Exception {
        if (External.isExternal(Component.POSTGRES)) {
            return;
        }
        String payments = config.get("quarkus.datasource.jdbc.url").replace("/catalog", "/payments");
        String user = config.get("quarkus.datasource.username");
        String password = config.get("quarkus.datasource.password");
        assertThat(user).isEqualTo("bazaar_catalog");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DriverManager.getConnection(payments, user, password))
                .isInstanceOf(java.sql.SQLException.class)
                .hasMessageContaining("permission denied for database");
        // and a role is only let in with its own password
        String catalog = config.get("quarkus.datasource.jdbc.url");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> DriverManager.getConnection(catalog, "bazaar_payment", "not-its-password"))
                .isInstanceOf(java.sql.SQLException.class)
                .hasMessageContaining("password authentication failed");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> DriverManager.getConnection(catalog, "bazaar_payment", "bazaar_payment"))
                .isInstanceOf(java.sql.SQLException.class)
                .hasMessageContaining("permission denied for database");
    }

    @Test
    void kafkaTopicsExistWithSixPartitions() throws Exception {
        try (Admin admin = Probes.kafkaAdmin(config.get("kafka.bootstrap.servers"))) {
            Map<String, TopicDescription> topics =
                    admin.describeTopics(Probes.topics()).allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(topics).hasSize(Probes.topics().size());
            assertThat(topics.values())
                    .allSatisfy(t -> assertThat(t.partitions()).hasSize(6));
            assertThat(topics)
                    .containsKeys(
                            "order.events",
                            "order.events.dlq",
                            "catalog.shop-events",
                            "checkout.events.dlq",
                            "review.events",
                            "catalog.product-events");
        }
    }

    @Test
    void keycloakTokensCarryAudienceIssuerAndRoles() throws Exception {
        String issuer = config.get("quarkus.oidc.auth-server-url");
        JsonNode alice = claims(KeycloakTokens.user("alice"));
        assertThat(alice.get("iss").asText()).isEqualTo(issuer);
        assertThat(audiences(alice)).contains("bazaar-api");
        assertThat(roles(alice)).contains("buyer").doesNotContain("seller", "admin", "service");

        JsonNode bob = claims(KeycloakTokens.user("bob"));
        assertThat(audiences(bob)).contains("bazaar-api");
        assertThat(roles(bob)).contains("seller").doesNotContain("buyer");

        JsonNode load = claims(KeycloakTokens.user("load500"));
        assertThat(roles(load)).contains("buyer");

        JsonNode service = claims(KeycloakTokens.service());
        assertThat(audiences(service)).contains("bazaar-api");
        assertThat(roles(service)).contains("service");

        assertThat(KeycloakTokens.user("alice")).as("cached").isEqualTo(KeycloakTokens.user("alice"));
    }

    private static JsonNode claims(String jwt) throws Exception {
        String payload = jwt.split("\\.")[1];
        return new ObjectMapper().readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    }

    private static java.util.List<String> audiences(JsonNode claims) {
        JsonNode aud = claims.get("aud");
        java.util.List<String> l = new java.util.ArrayList<>();
        if (aud == null) {
            return l;
        }
        if (aud.isArray()) {
            aud.forEach(a -> l.add(a.asText()));
        } else {
            l.add(aud.asText());
        }
        return l;
    }

    private static java.util.List<String> roles(JsonNode claims) {
        java.util.List<String> l = new java.util.ArrayList<>();
        claims.path("realm_access").path("roles").forEach(r -> l.add(r.asText()));
        return l;
    }

    @SuppressWarnings("unused")
    private static EnumSet<Component> components() {
        return EnumSet.of(Component.POSTGRES, Component.KAFKA, Component.KEYCLOAK);
    }
}
