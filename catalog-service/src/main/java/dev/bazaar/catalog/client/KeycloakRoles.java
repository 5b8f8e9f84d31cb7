package dev.bazaar.catalog.client;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.List;

/**
 * Keycloak's admin API for the realm ({@code bazaar.keycloak.realm}, part of the client's URL), called with the token
 * of catalog's own confidential client {@code bazaar-onboarding} (the named OIDC client "onboarding", so catalog's
 * bearer-token checks are untouched). Its service account holds realm-management's {@code manage-users} and nothing
 * else (ADR 0024): enough to read a user's role mappings and add one, not enough to create clients, change the
 * realm or grant Keycloak's own administration roles.
 */
@RegisterRestClient(configKey = "keycloak-admin")
@OidcClientFilter("onboarding")
@Produces(MediaType.APPLICATION_JSON)
public interface KeycloakRoles {

    /** The fields of Keycloak's RoleRepresentation a mapping needs (the rest is ignored). */
    record Role(String id, String name) {
    }

    /**
     * The realm roles the caller may map to the user and the user does not have directly. Keycloak checks a mapping by
     * the role's id and name, so the id is read here, never guessed; reading a role by name
     * ({@code GET /roles/{name}}) would need {@code view-realm}, which this client does not hold.
     */
    @GET
    @Path("/users/{id}/role-mappings/realm/available")
    Uni<List<Role>> available(@PathParam("id") String subject);

    /** The realm roles mapped to the user directly. */
    @GET
    @Path("/users/{id}/role-mappings/realm")
    Uni<List<Role>> mapped(@PathParam("id") String subject);

    /** Adds realm roles to a user; adding one the user already has changes nothing (Keycloak answers 204 again). */
    @POST
    @Path("/users/{id}/role-mappings/realm")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Void> grant(@PathParam("id") String subject, List<Role> roles);

    /** The fields of Keycloak's UserRepresentation a staff invitation needs (the rest is ignored). */
    record User(String id, String username, Boolean enabled) {
    }

    /**
     * Users whose user name is exactly {@code username} (Keycloak keeps user names lower-case and unique, so at most
     * one); manage-users includes reading users, so no further right is needed (ADR 0027).
     */
    @GET
    @Path("/users")
    Uni<List<User>> byUsername(@QueryParam("username") String username, @QueryParam("exact") boolean exact);

    /** Removes realm roles from a user; removing one the user does not have changes nothing. */
    @DELETE
    @Path("/users/{id}/role-mappings/realm")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Void> revoke(@PathParam("id") String subject, List<Role> roles);
}
