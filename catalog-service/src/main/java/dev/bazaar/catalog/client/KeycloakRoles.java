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
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * Keycloak's admin API for the realm ({@code bazaar.keycloak.realm}, part of the client's URL), called with the token
 * of catalog's own confidential client {@code bazaar-onboarding} (the named OIDC client "onboarding", so catalog's
 * bearer-token checks are untouched). Its service account holds realm-management's {@code manage-users} and nothing
 * else (ADR 0024): enough to read a user's role mappings and add one, not enough to create clients, change the
 * realm or grant Keycloak's own administration roles.
 * <p>
 * Every call is bounded by a 5 s timeout (the token fetch, connect and read together; the client's own read timeout is
 * 3 s) and has a circuit breaker that counts only calls Keycloak did not answer (unreachable, reset, timed out): an
 * answer, even a 404 for a user who is gone, comes back at once and opens nothing. Four calls, half of them failed,
 * open it for 10 s. The reads are tried once more after 200 ms when they got no answer; grants and revocations are not
 * repeated here (the admin approves again). The callers turn every failure, the timeout and the open breaker included,
 * into 503 {@code identity-provider-unavailable} with Retry-After. MicroProfile Config tunes each method, e.g.
 * {@code dev.bazaar.catalog.client.KeycloakRoles/grant/Timeout/value}.
 */
@RegisterRestClient(configKey = "keycloak-admin")
@OidcClientFilter("onboarding")
@Produces(MediaType.APPLICATION_JSON)
public interface KeycloakRoles {

    /** The fields of Keycloak's RoleRepresentation a mapping needs (the rest is ignored). */
    record Role(String id, String name) {}

    /**
     * The realm roles the caller may map to the user and the user does not have directly. Keycloak checks a mapping by
     * the role's id and name, so the id is read here, never guessed; reading a role by name
     * ({@code GET /roles/{name}}) would need {@code view-realm}, which this client does not hold.
     */
    @GET
    @Path("/users/{id}/role-mappings/realm/available")
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(
            maxRetries = 1,
            delay = 200,
            delayUnit = ChronoUnit.MILLIS,
            abortOn = {WebApplicationException.class, CircuitBreakerOpenException.class})
    @CircuitBreaker(
            requestVolumeThreshold = 4,
            failureRatio = 0.5,
            delay = 10,
            delayUnit = ChronoUnit.SECONDS,
            successThreshold = 1,
            skipOn = WebApplicationException.class)
    Uni<List<Role>> available(@PathParam("id") String subject);

    /** The realm roles mapped to the user directly. */
    @GET
    @Path("/users/{id}/role-mappings/realm")
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(
            maxRetries = 1,
            delay = 200,
            delayUnit = ChronoUnit.MILLIS,
            abortOn = {WebApplicationException.class, CircuitBreakerOpenException.class})
    @CircuitBreaker(
            requestVolumeThreshold = 4,
            failureRatio = 0.5,
            delay = 10,
            delayUnit = ChronoUnit.SECONDS,
            successThreshold = 1,
            skipOn = WebApplicationException.class)
    Uni<List<Role>> mapped(@PathParam("id") String subject);

    /** Adds realm roles to a user; adding one the user already has changes nothing (Keycloak answers 204 again). */
    @POST
    @Path("/users/{id}/role-mappings/realm")
    @Consumes(MediaType.APPLICATION_JSON)
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(
            requestVolumeThreshold = 4,
            failureRatio = 0.5,
            delay = 10,
            delayUnit = ChronoUnit.SECONDS,
            successThreshold = 1,
            skipOn = WebApplicationException.class)
    Uni<Void> grant(@PathParam("id") String subject, List<Role> roles);

    /** The fields of Keycloak's UserRepresentation a staff invitation needs (the rest is ignored). */
    record User(String id, String username, Boolean enabled) {}

    /**
     * Users whose user name is exactly {@code username} (Keycloak keeps user names lower-case and unique, so at most
     * one); manage-users includes reading users, so no further right is needed (ADR 0027).
     */
    @GET
    @Path("/users")
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(
            maxRetries = 1,
            delay = 200,
            delayUnit = ChronoUnit.MILLIS,
            abortOn = {WebApplicationException.class, CircuitBreakerOpenException.class})
    @CircuitBreaker(
            requestVolumeThreshold = 4,
            failureRatio = 0.5,
            delay = 10,
            delayUnit = ChronoUnit.SECONDS,
            successThreshold = 1,
            skipOn = WebApplicationException.class)
    Uni<List<User>> byUsername(@QueryParam("username") String username, @QueryParam("exact") boolean exact);

    /** Removes realm roles from a user; removing one the user does not have changes nothing. */
    @DELETE
    @Path("/users/{id}/role-mappings/realm")
    @Consumes(MediaType.APPLICATION_JSON)
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(
            requestVolumeThreshold = 4,
            failureRatio = 0.5,
            delay = 10,
            delayUnit = ChronoUnit.SECONDS,
            successThreshold = 1,
            skipOn = WebApplicationException.class)
    Uni<Void> revoke(@PathParam("id") String subject, List<Role> roles);
}
