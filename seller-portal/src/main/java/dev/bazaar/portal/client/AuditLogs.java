package dev.bazaar.portal.client;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * The audit log API of each service with admin endpoints, by name, built once ({@link AdminServices}: a service slower
 * than {@code bazaar.portal.admin-calls.read-timeout}, 5 s by default, is named on the page as not answering, and the
 * others are still shown).
 */
@ApplicationScoped
public class AuditLogs {

    private final Map<String, AuditClient> clients;

    public AuditLogs(AdminServices services) {
        this.clients = services.clients(AuditClient.class);
    }

    /** The services by name. */
    public Map<String, AuditClient> services() {
        return clients;
    }
}
