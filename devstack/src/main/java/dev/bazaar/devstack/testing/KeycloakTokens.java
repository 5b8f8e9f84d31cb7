package dev.bazaar.devstack.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bazaar.devstack.External;
import dev.bazaar.devstack.Profile;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Real access tokens from the test profile's Keycloak (or BAZAAR_KEYCLOAK_URL), cached until shortly before expiry.
 * {@link #user(String)}: password grant with client {@code bazaar-web} (password = user name);
 * {@link #service()}: client-credentials grant of {@code bazaar-services}.
 */
public final class KeycloakTokens {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();
    private static volatile String baseUrl;

    private record Cached(String token, long expiresAtMillis) {}

    private KeycloakTokens() {}

    /** Keycloak's base URL (http://localhost:18180 unless BAZAAR_KEYCLOAK_URL is set). */
    public static String url() {
        String u = baseUrl;
        if (u == null) {
            String env = System.getenv("BAZAAR_KEYCLOAK_URL");
            u = env != null && !env.isBlank()
                    ? External.keycloakUrl(null)
                    : "http://localhost:"
                            + Profile.test(Profile.findRepoRootOrCwd()).port(dev.bazaar.devstack.Component.KEYCLOAK);
            baseUrl = u;
        }
        return u;
    }

    public static String tokenEndpoint() {
        return url() + "/realms/bazaar/protocol/openid-connect/token";
    }

    public static String user(String username) {
        return cached(
                "user:" + username,
                () -> Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        "bazaar-web",
                        "username",
                        username,
                        "password",
                        username,
                        "scope",
                        "openid"));
    }

    /** A new password-grant token, never cached: for a user whose roles a test has just changed. */
    public static String fresh(String username) {
        return fetch(Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        "bazaar-web",
                        "username",
                        username,
                        "password",
                        username,
                        "scope",
                        "openid"))
                .token();
    }

    public static String service() {
        return cached(
                "service",
                () -> Map.of(
                        "grant_type",
                        "client_credentials",
                        "client_id",
                        "bazaar-services",
                        "client_secret",
                        "bazaar-services-secret"));
    }

    private static String cached(String key, java.util.function.Supplier<Map<String, String>> form) {
        Cached c = CACHE.get(key);
        if (c != null && System.currentTimeMillis() < c.expiresAtMillis()) {
            return c.token();
        }
        Cached fresh = fetch(form.get());
        CACHE.put(key, fresh);
        return fresh.token();
    }

    private static Cached fetch(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(tokenEndpoint()))
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("Keycloak token request (" + form.get("grant_type") + ", "
                        + form.getOrDefault("username", form.get("client_id")) + ") failed: HTTP " + r.statusCode()
                        + " " + r.body());
            }
            JsonNode json = JSON.readTree(r.body());
            long expiresIn = json.path("expires_in").asLong(60);
            long margin = Math.min(30, expiresIn / 4);
            return new Cached(
                    json.get("access_token").asText(), System.currentTimeMillis() + (expiresIn - margin) * 1000);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Keycloak not reachable at " + tokenEndpoint()
                            + " (is the test devstack up? bin/devstack up --profile test keycloak): " + e,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The {@code sub} claim of an access token: the subject services key tenancy on. */
    public static String subject(String accessToken) {
        return claims(accessToken).path("sub").asText();
    }

    /** The decoded payload of a JWT (no signature check: the services under test do that). */
    public static JsonNode claims(String accessToken) {
        String[] parts = accessToken.split("\\.");
        if (parts.length < 2) {
            throw new IllegalArgumentException("not a JWT");
        }
        try {
            return JSON.readTree(java.util.Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable JWT payload", e);
        }
    }

    /** Forgets cached tokens (e.g. after a Keycloak restart). */
    public static void clear() {
        CACHE.clear();
    }
}
