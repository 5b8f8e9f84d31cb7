package dev.bazaar.catalog.service;

import dev.bazaar.catalog.client.KeycloakRoles;
import dev.bazaar.catalog.domain.SellerApplication;
import dev.bazaar.catalog.domain.SellerApplication.Status;
import dev.bazaar.catalog.persistence.Rows;
import dev.bazaar.catalog.persistence.SellerApplicationStore;
import dev.bazaar.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Becoming a seller: a buyer applies, an admin approves (the {@code seller} realm role is granted in Keycloak, so the
 * applicant's next token carries it) or rejects with a reason. Keycloak is the source of roles: the grant happens
 * before the application is marked APPROVED, so an application is never APPROVED for a user without the role; if
 * Keycloak cannot be reached the answer is a 503 and the application stays PENDING for a retry. Granting is
 * idempotent in Keycloak, so a retry after a lost answer is harmless.
 */
@ApplicationScoped
public class SellerOnboarding {

    private static final Logger LOG = Logger.getLogger(SellerOnboarding.class);
    static final String SELLER_ROLE = "seller";

    private final SellerApplicationStore store;
    private final KeycloakRoles keycloak;

    public SellerOnboarding(SellerApplicationStore store, @RestClient KeycloakRoles keycloak) {
        this.store = store;
        this.keycloak = keycloak;
    }

    /** What an applicant sends, already validated at the edge. */
    public record Application(
            String shopName, String country, String contactEmail, String contactPhone, String message) {}

    /** A new PENDING application; 409 when the caller already sells or has an open application. */
    public Uni<SellerApplication> apply(String subject, String username, boolean alreadySeller, Application a) {
        if (alreadySeller) {
            return Uni.createFrom()
                    .failure(new ProblemException.Conflict(
                            "already-seller",
                            "You already have the seller role: open your shop at /api/v1/seller/shop."));
        }
        SellerApplication fresh = new SellerApplication(
                UUID.randomUUID(),
                subject,
                username == null ? "" : username,
                a.shopName(),
                a.country(),
                a.contactEmail(),
                a.contactPhone(),
                a.message(),
                Status.PENDING,
                null,
                null,
                null,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        return store.insert(fresh)
                .onFailure(e -> Rows.uniqueViolation(e).isPresent())
                .transform(e -> new ProblemException.Conflict(
                        "application-open", "You already have an application waiting for a decision (or approved)."));
    }

    /**
     * Grants the seller role, then marks the application APPROVED. Approving an APPROVED application answers it as it
     * is; a REJECTED one is a 409 (the applicant applies again).
     */
    public Uni<SellerApplication> approve(UUID id, String admin) {
        return found(id).flatMap(a -> switch (a.status()) {
            case APPROVED -> Uni.createFrom().item(a);
            case REJECTED ->
                Uni.createFrom()
                        .failure(new ProblemException.Conflict(
                                "application-decided", "The application was rejected; the applicant may apply again."));
            case PENDING ->
                grantSeller(a.applicant())
                        .flatMap(x -> store.approve(id, admin))
                        // decided meanwhile by another admin: answer what it became
                        .flatMap(done -> done.map(d -> Uni.createFrom().item(d)).orElseGet(() -> found(id)));
        });
    }

    /** Rejects a PENDING application with the reason; rejecting it again answers it; an APPROVED one is a 409. */
    public Uni<SellerApplication> reject(UUID id, String admin, String reason) {
        return store.reject(id, admin, reason)
                .flatMap(done -> done.map(d -> Uni.createFrom().item(d))
                        .orElseGet(() -> found(id)
                                .flatMap(a -> a.status() == Status.REJECTED
                                        ? Uni.createFrom().item(a)
                                        : Uni.createFrom()
                                                .failure(new ProblemException.Conflict(
                                                        "application-decided",
                                                        "The application was approved: the applicant is a seller.")))));
    }

    private Uni<SellerApplication> found(UUID id) {
        return store.byId(id).map(o -> o.orElseThrow(() -> new ProblemException.NotFound("No such application.")));
    }

    /**
     * Maps the realm role {@code seller} to the user: read from the roles the user may still be given (its id is
     * needed), or, when it is not among them, confirmed among the roles the user already has (a retry after a lost
     * answer). A user Keycloak does not know is a 409: there is nobody to make a seller.
     */
    private Uni<Void> grantSeller(String subject) {
        return keycloak.available(subject)
                .onFailure()
                .transform(e -> e instanceof WebApplicationException w
                                && w.getResponse().getStatus() == 404
                        ? new ProblemException.Conflict(
                                "applicant-gone", "The applicant's account no longer exists in the identity provider.")
                        : unavailable(e))
                .flatMap(available -> {
                    var seller = available.stream()
                            .filter(r -> SELLER_ROLE.equals(r.name()))
                            .findFirst();
                    if (seller.isPresent()) {
                        return keycloak.grant(subject, List.of(seller.get()))
                                .onFailure()
                                .transform(SellerOnboarding::unavailable);
                    }
                    return keycloak.mapped(subject)
                            .onFailure()
                            .transform(SellerOnboarding::unavailable)
                            .map(mapped -> {
                                if (mapped.stream().noneMatch(r -> SELLER_ROLE.equals(r.name()))) {
                                    throw unavailable(new IllegalStateException(
                                            "the seller role is neither mappable nor mapped"));
                                }
                                return null;
                            });
                });
    }

    private static ProblemException unavailable(Throwable e) {
        if (e instanceof ProblemException p) {
            return p;
        }
        LOG.warnf(e, "granting the seller role failed");
        return new ProblemException.Unavailable(
                "identity-provider-unavailable",
                Duration.ofSeconds(30),
                "The identity provider could not grant the seller role; the application is still PENDING."
                        + " Try again shortly.");
    }
}
