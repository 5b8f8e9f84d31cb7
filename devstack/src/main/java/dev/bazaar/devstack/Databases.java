package dev.bazaar.devstack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The devstack's databases and the role that owns each: every service signs in as its own role, which may connect to
 * its own database only (CONNECT is revoked from PUBLIC). The same names as the production roles in the chart's
 * documentation. {@code platform} (shared test scratch) stays with the tooling role {@code bazaar}, which is a member
 * of every service role.
 */
public final class Databases {

    static final Map<String, String> OWNERS = ownersInOrder();

    private Databases() {}

    private static Map<String, String> ownersInOrder() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("catalog", "bazaar_catalog");
        m.put("checkout", "bazaar_checkout");
        m.put("orders", "bazaar_order");
        m.put("payments", "bazaar_payment");
        m.put("notifications", "bazaar_notification");
        m.put("platform", "bazaar");
        return m;
    }

    public static List<String> names() {
        return List.copyOf(OWNERS.keySet());
    }

    /** The role that owns {@code database}; unknown databases belong to the tooling role. */
    public static String role(String database) {
        return OWNERS.getOrDefault(database, "bazaar");
    }

    /** The development password of that role (its name: a devstack secret, refused in production). */
    public static String password(String database) {
        return role(database);
    }
}
