package dev.bazaar.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bazaar.devstack.testing.KeycloakTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A test fixture on the running test Keycloak: gives the services' account ({@code bazaar-services}) realm-management's
 * {@code view-users}, as the realm file does since #24 — a Keycloak that imported the realm before that change lacks
 * it until it re-imports (restart). Idempotent. Signs in as the test Keycloak's bootstrap admin (master realm,
 * admin/admin: a devstack credential). Also tells tests a named user's subject ({@link #subject(String)}).
 */
public class KeycloakViewUsers implements QuarkusTestResourceLifecycleManager {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Map<String, String> start() {
        try {
            String admin = adminToken();
            String realm = KeycloakTokens.url() + "/admin/realms/bazaar";
            String svc = get(admin, realm + "/clients?clientId=bazaar-services")
                    .get(0)
                    .get("id")
                    .asText();
            String account = get(admin, realm + "/clients/" + svc + "/service-account-user")
                    .get("id")
                    .asText();
            String mgmt = get(admin, realm + "/clients?clientId=realm-management")
                    .get(0)
                    .get("id")
                    .asText();
            JsonNode role = get(admin, realm + "/clients/" + mgmt + "/roles/view-users");
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(realm + "/users/" + account + "/role-mappings/clients/" + mgmt))
                            .header("Authorization", "Bearer " + admin)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("[" + role + "]"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("granting view-users: HTTP " + r.statusCode() + " " + r.body());
            }
            return Map.of();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        // the grant stays: it is what the realm file says
    }

    /** The subject (Keycloak user id) of a user of the realm, by user name. */
    public static String subject(String username) {
        try {
            JsonNode users = get(
                    adminToken(),
                    KeycloakTokens.url() + "/admin/realms/bazaar/users?exact=true&username="
                            + URLEncoder.encode(username, StandardCharsets.UTF_8));
            return users.get(0).get("id").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String adminToken() throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(
                                URI.create(KeycloakTokens.url() + "/realms/master/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "grant_type=password&client_id=admin-cli&username=admin&password=admin"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("Keycloak master admin token: HTTP " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).get("access_token").asText();
    }

    private static JsonNode get(String token, String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }
}
