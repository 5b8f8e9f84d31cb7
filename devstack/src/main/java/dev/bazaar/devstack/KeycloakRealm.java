package dev.bazaar.devstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The {@code bazaar} realm: the template resource {@code keycloak/bazaar-realm.json} (roles, clients with their
 * {@code bazaar-api} audience mappers, the named users) plus the generated load users load001..load500 (buyers).
 * Passwords equal user names (dev only); the realm's password policy uses a cheap hash so that the import of 505 users
 * and their logins stay fast.
 */
public final class KeycloakRealm {
    public static final String RESOURCE = "keycloak/bazaar-realm.json";
    public static final int LOAD_USERS = 500;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private KeycloakRealm() {}

    /** The realm representation as Keycloak imports it. */
    public static ObjectNode generate() {
        try (InputStream in = KeycloakRealm.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            ObjectNode realm = (ObjectNode) JSON.readTree(in);
            ArrayNode users = (ArrayNode) realm.get("users");
            for (int i = 1; i <= LOAD_USERS; i++) {
                String name = String.format("load%03d", i);
                ObjectNode u = users.addObject();
                u.put("username", name);
                u.put("enabled", true);
                u.put("email", name + "@bazaar.test");
                u.put("emailVerified", true);
                u.put("firstName", "Load");
                u.put("lastName", "User " + i);
                ObjectNode cred = u.putArray("credentials").addObject();
                cred.put("type", "password");
                cred.put("value", name);
                cred.put("temporary", false);
                u.putArray("realmRoles").add("buyer");
                u.putArray("requiredActions");
            }
            return realm;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }

    public static byte[] bytes() {
        try {
            return JSON.writeValueAsBytes(generate());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes the realm to {@code <data>/import/bazaar-realm.json}. Keycloak imports a realm only when it is absent, so
     * when the generated realm changed since the last import the H2 database is wiped to re-import it.
     */
    static void install(Path data, PrintStream out) throws IOException {
        byte[] realm = bytes();
        Path importDir = data.resolve("import");
        Files.createDirectories(importDir);
        String hash = sha256(realm);
        Path hashFile = data.resolve(".bazaar-realm.sha256");
        String previous = Files.exists(hashFile) ? Files.readString(hashFile).trim() : null;
        if (previous != null && !previous.equals(hash) && Files.exists(data.resolve("h2"))) {
            out.println("keycloak   realm definition changed: wiping " + data.resolve("h2") + " to re-import it");
            Runtimes.deleteTree(data.resolve("h2"));
        } else if (previous == null && Files.exists(data.resolve("h2"))) {
            Runtimes.deleteTree(data.resolve("h2"));
        }
        Files.write(importDir.resolve("bazaar-realm.json"), realm);
        Files.writeString(hashFile, hash);
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The user names of the realm (for tests and docs). */
    public static List<String> namedUsers() {
        return List.of("alice", "carol", "bob", "sam", "admin");
    }
}
