package dev.bazaar.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class KeycloakRealmTest {

    private final ObjectNode realm = KeycloakRealm.generate();

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> l = new ArrayList<>();
        array.forEach(l::add);
        return l;
    }

    private static List<String> texts(JsonNode array) {
        return list(array).stream().map(JsonNode::asText).toList();
    }

    @Test
    void realmAndRoles() {
        assertThat(realm.get("realm").asText()).isEqualTo("bazaar");
        assertThat(realm.get("enabled").asBoolean()).isTrue();
        assertThat(list(realm.at("/roles/realm")).stream()
                        .map(r -> r.get("name").asText()))
                .containsExactlyInAnyOrder("buyer", "seller", "admin", "service");
    }

    @Test
    void fourClientsEachWithTheBazaarApiAudienceMapper() {
        Map<String, JsonNode> clients = list(realm.get("clients")).stream()
                .collect(Collectors.toMap(c -> c.get("clientId").asText(), c -> c));
        assertThat(clients).containsOnlyKeys("bazaar-web", "seller-portal", "bazaar-services", "bazaar-onboarding");
        for (JsonNode c : clients.values()) {
            assertThat(list(c.get("protocolMappers"))).anySatisfy(m -> {
                assertThat(m.get("protocolMapper").asText()).isEqualTo("oidc-audience-mapper");
                assertThat(m.at("/config/included.custom.audience").asText()).isEqualTo("bazaar-api");
                assertThat(m.at("/config/access.token.claim").asText()).isEqualTo("true");
            });
        }
        JsonNode web = clients.get("bazaar-web");
        assertThat(web.get("publicClient").asBoolean()).isTrue();
        assertThat(web.get("directAccessGrantsEnabled").asBoolean()).isTrue();
        assertThat(web.at("/attributes/pkce.code.challenge.method").asText()).isEqualTo("S256");

        JsonNode portal = clients.get("seller-portal");
        assertThat(portal.get("publicClient").asBoolean()).isFalse();
        assertThat(portal.get("secret").asText()).isEqualTo("seller-portal-secret");
        assertThat(portal.get("standardFlowEnabled").asBoolean()).isTrue();
        assertThat(texts(portal.get("redirectUris")))
                .as("the dev portal and the system tests' portal")
                .containsExactly("http://localhost:8086/*", "http://localhost:28086/*");

        JsonNode services = clients.get("bazaar-services");
        assertThat(services.get("publicClient").asBoolean()).isFalse();
        assertThat(services.get("secret").asText()).isEqualTo("bazaar-services-secret");
        assertThat(services.get("serviceAccountsEnabled").asBoolean()).isTrue();

        // catalog's own client for granting the seller role (ADR 0024): no person signs in with it
        JsonNode onboarding = clients.get("bazaar-onboarding");
        assertThat(onboarding.get("publicClient").asBoolean()).isFalse();
        assertThat(onboarding.get("secret").asText()).isEqualTo("bazaar-onboarding-secret");
        assertThat(onboarding.get("serviceAccountsEnabled").asBoolean()).isTrue();
        assertThat(onboarding.get("standardFlowEnabled").asBoolean()).isFalse();
        assertThat(onboarding.get("directAccessGrantsEnabled").asBoolean()).isFalse();
    }

    @Test
    void usersWithRolesPasswordsAndProfiles() {
        List<JsonNode> users = list(realm.get("users")).stream()
                .filter(u -> !u.has("serviceAccountClientId"))
                .toList();
        assertThat(users).hasSize(505);
        Map<String, JsonNode> byName =
                users.stream().collect(Collectors.toMap(u -> u.get("username").asText(), u -> u));
        assertThat(texts(byName.get("alice").get("realmRoles"))).containsExactly("buyer");
        assertThat(texts(byName.get("carol").get("realmRoles"))).containsExactly("buyer");
        assertThat(texts(byName.get("bob").get("realmRoles"))).containsExactly("seller");
        assertThat(texts(byName.get("sam").get("realmRoles"))).containsExactly("seller");
        assertThat(texts(byName.get("admin").get("realmRoles"))).containsExactly("admin");
        for (int i = 1; i <= 500; i++) {
            String name = String.format("load%03d", i);
            assertThat(byName).containsKey(name);
            assertThat(texts(byName.get(name).get("realmRoles"))).containsExactly("buyer");
        }
        for (JsonNode u : users) {
            String name = u.get("username").asText();
            assertThat(u.get("email").asText()).as(name).isNotBlank();
            assertThat(u.get("firstName").asText()).as(name).isNotBlank();
            assertThat(u.get("lastName").asText()).as(name).isNotBlank();
            assertThat(u.get("emailVerified").asBoolean()).as(name).isTrue();
            assertThat(u.get("enabled").asBoolean()).as(name).isTrue();
            assertThat(u.at("/credentials/0/value").asText()).as(name).isEqualTo(name);
            assertThat(u.at("/credentials/0/temporary").asBoolean()).as(name).isFalse();
        }
    }

    @Test
    void serviceAccountsHoldOnlyTheirRights() {
        Map<String, JsonNode> accounts = list(realm.get("users")).stream()
                .filter(u -> u.has("serviceAccountClientId"))
                .collect(Collectors.toMap(u -> u.get("serviceAccountClientId").asText(), u -> u));
        assertThat(accounts).containsOnlyKeys("bazaar-services", "bazaar-onboarding");
        assertThat(texts(accounts.get("bazaar-services").get("realmRoles"))).containsExactly("service");
        // the onboarding account maps roles to users and nothing else: no realm role, only manage-users
        JsonNode onboarding = accounts.get("bazaar-onboarding");
        assertThat(onboarding.has("realmRoles")).isFalse();
        assertThat(texts(onboarding.at("/clientRoles/realm-management"))).containsExactly("manage-users");
    }

    @Test
    void generationIsDeterministic() {
        assertThat(KeycloakRealm.sha256(KeycloakRealm.bytes())).isEqualTo(KeycloakRealm.sha256(KeycloakRealm.bytes()));
    }

    @Test
    void kafkaClusterIdLooksLikeAKafkaUuid() {
        assertThat(Devstack.kafkaClusterId()).matches("[A-Za-z0-9_-]{22}");
    }
}
