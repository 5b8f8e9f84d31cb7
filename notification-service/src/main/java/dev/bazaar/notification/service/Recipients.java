package dev.bazaar.notification.service;

import dev.bazaar.notification.client.KeycloakUsers;
import io.quarkus.cache.CacheResult;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * A recipient's address and name by their subject, from Keycloak, cached for a few minutes
 * ({@code quarkus.cache.caffeine."recipients"}): a burst of orders asks Keycloak once per person, and a changed address
 * is used within minutes. Never logged: the sender logs notification ids and subjects only.
 */
@ApplicationScoped
public class Recipients {

    /** Where to send and whom to greet. */
    public record Recipient(String email, String name) {
        @Override
        public String toString() {
            return "Recipient[redacted]";
        }
    }

    /** No email can ever reach this subject (no such user, or no address): the send is dead at once, not retried. */
    public static class Unreachable extends RuntimeException {
        public Unreachable(String subject, String why) {
            super("user " + subject + " " + why);
        }
    }

    private final KeycloakUsers users;

    public Recipients(@RestClient KeycloakUsers users) {
        this.users = users;
    }

    @CacheResult(cacheName = "recipients")
    public Uni<Recipient> of(String subject) {
        return users.user(subject)
                .onFailure(e -> e instanceof WebApplicationException w
                        && w.getResponse().getStatus() == 404)
                .transform(e -> new Unreachable(subject, "is not in Keycloak"))
                .map(u -> {
                    if (u == null || u.email() == null || u.email().isBlank()) {
                        throw new Unreachable(subject, "has no email address");
                    }
                    String name = u.firstName() != null && !u.firstName().isBlank() ? u.firstName() : u.username();
                    return new Recipient(u.email(), name == null ? "" : name);
                });
    }
}
