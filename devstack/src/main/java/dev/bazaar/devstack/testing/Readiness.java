package dev.bazaar.devstack.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks a SmallRye Health readiness body ({@code /q/health/ready}): overall UP, every check UP, and one check per
 * expected store (matched by a word of its name, e.g. "PostgreSQL", "Kafka", "Redis", "MongoDB", "Elasticsearch").
 */
public final class Readiness {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Readiness() {}

    public static void assertUpWith(String healthJson, String... expectedChecks) {
        JsonNode health;
        try {
            health = JSON.readTree(healthJson);
        } catch (IOException e) {
            throw new AssertionError("readiness body is not JSON: " + healthJson, e);
        }
        if (!"UP".equals(health.path("status").asText())) {
            throw new AssertionError("readiness is not UP: " + healthJson);
        }
        List<String> names = new ArrayList<>();
        for (JsonNode check : health.path("checks")) {
            names.add(check.path("name").asText());
            if (!"UP".equals(check.path("status").asText())) {
                throw new AssertionError("check " + check.path("name").asText() + " is not UP: " + healthJson);
            }
        }
        for (String expected : expectedChecks) {
            String e = expected.toLowerCase(Locale.ROOT);
            if (names.stream().noneMatch(n -> n.toLowerCase(Locale.ROOT).contains(e))) {
                throw new AssertionError("no readiness check for " + expected + " among " + names);
            }
        }
    }
}
