package dev.bazaar.devstack.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Users made for one test on the running test Keycloak, through its admin API as the bootstrap admin (master realm,
 * admin/admin: a devstack credential), so a right given to them never leaks into another test. Their password is
 * their user name, like every dev user's.
 */
public final class KeycloakUsers {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private KeycloakUsers() {}

    /** A user made for one test. */
    public record User(String username, String subject) {
        /** A new token with the roles Keycloak maps now (never a cached one). */
        public String token() {
            return KeycloakTokens.fresh(username);
        }
    }

    /**
     * A new user ({@code prefix} and a random part) with the realm role {@code seller} and no shop: a shop's staff
     * member as catalog leaves them after an invitation.
     */
    public static User seller(String prefix) {
        String username = prefix + UUID.randomUUID().toString().substring(0, 12);
        String admin = adminToken();
        String realm = KeycloakTokens.url() + "/admin/realms/bazaar";
        HttpResponse<String> created = send(
                admin,
                "POST",
                realm + "/users",
                Map.of(
                        "username",
                        username,
                        "enabled",
                        true,
                        "email",
                        username + "@bazaar.test",
                        "emailVerified",
                        true,
                        "firstName",
                        "Stan",
                        "lastName",
                        "Staff",
                        "credentials",
                        List.of(Map.of("type", "password", "value", username, "temporary", false))),
                201);
        String location = created.headers().firstValue("Location").orElseThrow();
        String subject = location.substring(location.lastIndexOf('/') + 1);
        JsonNode seller =
                read(send(admin, "GET", realm + "/roles/seller", null, 200).body());
        send(admin, "POST", realm + "/users/" + subject + "/role-mappings/realm", List.of(seller), 204);
        return new User(username, subject);
    }

    private static String adminToken() {
        String form = "grant_type=password&client_id=admin-cli&username=admin&password="
                + URLEncoder.encode("admin", StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(KeycloakTokens.url() + "/realms/master/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return read(expect(call(request), 200, "admin token").body())
                .path("access_token")
                .asText();
    }

    private static HttpResponse<String> send(String token, String method, String url, Object body, int status) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token);
            if (body == null) {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                b.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            }
            return expect(call(b.build()), status, method + " " + url);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the request to " + url, e);
        }
    }

    private static HttpResponse<String> call(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Keycloak not reachable at " + request.uri()
                            + " (is the test devstack up? bin/devstack up --profile test keycloak)",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> expect(HttpResponse<String> r, int status, String what) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(
                    what + ": HTTP " + r.statusCode() + " (expected " + status + ") " + r.body());
        }
        return r;
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable Keycloak answer: " + body, e);
        }
    }
}
