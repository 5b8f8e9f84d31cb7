package dev.bazaar.portal.client;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * The dead-letter API of each service the portal talks to, by name, built once ({@link AdminServices}). A call waits
 * for its answer at most {@code bazaar.portal.admin-calls.read-timeout} (5 s by default; a replay of a long queue may
 * take longer: the page then says the service did not answer, and the replay goes on there).
 */
@ApplicationScoped
public class DeadLetters {

    private final Map<String, DeadLetterClient> clients;

    public DeadLetters(AdminServices services) {
        this.clients = services.clients(DeadLetterClient.class);
    }

    /** The services by name, in the order the page shows them. */
    public Map<String, DeadLetterClient> services() {
        return clients;
    }
}
