package dev.bazaar.notification.client;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * Keycloak's admin API for one user of the realm ({@code bazaar.keycloak.realm}, part of the client's URL), read with the services' client-credentials token
 * ({@code bazaar-services}, whose service account has realm-management's {@code view-users}): where a recipient's
 * email goes and how to greet them. The only source of addresses; nothing of it is stored or logged.
 */
@RegisterRestClient(configKey = "keycloak")
@OidcClientFilter
@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
public interface KeycloakUsers {

    /** The fields read of Keycloak's UserRepresentation (the rest is ignored). */
    record User(String id, String username, String email, String firstName, String lastName) {}

    @GET
    @Path("{id}")
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    Uni<User> user(@PathParam("id") String subject);
}
