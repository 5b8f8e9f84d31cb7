package dev.bazaar.catalog.service;

import dev.bazaar.catalog.client.KeycloakRoles;
import dev.bazaar.catalog.domain.Shop;
import dev.bazaar.catalog.domain.StaffMember;
import dev.bazaar.catalog.persistence.EventOutbox;
import dev.bazaar.catalog.persistence.Rows;
import dev.bazaar.catalog.persistence.ShopRepository;
import dev.bazaar.catalog.persistence.ShopStaffRepository;
import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.ShopEvent;
import dev.bazaar.kit.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * A shop's staff (ADR 0027): the owner invites another user by user name to fulfil the shop's orders. The invited
 * user gets the {@code seller} realm role (so their token reaches the seller endpoints) unless they have it already;
 * what they may do there is decided by each service from the shop's staff list, which leaves in the shop's
 * {@code ShopPolicyChanged} event (order-service lets staff fulfil; payouts, the catalogue and the shop itself stay
 * the owner's, because those endpoints resolve the caller's shop by ownership only).
 *
 * <p>Keycloak is called outside the database transaction (no row lock is held across a network call): the user is
 * looked up and given the role first, then the membership, the shop's new version and the event commit together. If
 * that commit fails, a role the invitation gave is taken back.
 */
@ApplicationScoped
public class ShopStaff {

    private static final Logger LOG = Logger.getLogger(ShopStaff.class);

    private final ShopRepository shops;
    private final ShopStaffRepository staff;
    private final EventOutbox outbox;
    private final KeycloakRoles keycloak;

    public ShopStaff(
            ShopRepository shops, ShopStaffRepository staff, EventOutbox outbox, @RestClient KeycloakRoles keycloak) {
        this.shops = shops;
        this.staff = staff;
        this.outbox = outbox;
        this.keycloak = keycloak;
    }

    /** The owner's shop's staff, oldest invitation first; 404 when the caller owns no shop. */
    public Uni<List<StaffMember>> list(String owner) {
        return Panache.withSession(() -> shops.findByOwner(owner)
                .map(found -> found.orElseThrow(ShopStaff::noShop))
                .flatMap(shop -> staff.ofShop(shop.id())));
    }

    /**
     * Invites the user named {@code username} as FULFILMENT staff of the owner's shop. 404 when the caller owns no shop
     * or Keycloak knows no such user; 409 when the user is the owner, owns a shop, or is already staff of a shop.
     */
    public Uni<StaffMember> invite(String owner, String username) {
        String name = username.strip().toLowerCase(Locale.ROOT);
        return lookUp(name).flatMap(user -> {
            if (user.id().equals(owner)) {
                return Uni.createFrom()
                        .failure(new ProblemException.Conflict(
                                "staff-is-owner", "You own this shop; staff are other users."));
            }
            return Panache.withSession(() -> shops.findByOwner(owner)
                            .map(found -> found.orElseThrow(ShopStaff::noShop))
                            .flatMap(own -> shops.findByOwner(user.id()).flatMap(theirs -> {
                                if (theirs.isPresent()) {
                                    throw new ProblemException.Conflict(
                                            "staff-owns-a-shop",
                                            "That user owns a shop of their own and cannot be another shop's staff.");
                                }
                                return staff.ofUser(user.id());
                            }))
                            .map(member -> {
                                if (member.isPresent()) {
                                    throw alreadyStaff();
                                }
                                return user;
                            }))
                    .flatMap(x -> grantSeller(user.id()))
                    .flatMap(granted -> Panache.withTransaction(() -> lockOwn(owner)
                                    .flatMap(shop -> staff.insert(new StaffMember(
                                                    shop.id(),
                                                    user.id(),
                                                    user.username(),
                                                    StaffMember.FULFILMENT,
                                                    granted,
                                                    owner,
                                                    Instant.now()))
                                            .call(m -> announce(shop))))
                            .onFailure(e -> Rows.uniqueViolation(e).isPresent())
                            .transform(e -> alreadyStaff())
                            .onFailure()
                            .call(() -> granted
                                    ? revokeSeller(user.id())
                                    : Uni.createFrom().voidItem()));
        });
    }

    /**
     * Removes the user from the owner's shop's staff (404 when they are not its staff) and, once that is committed,
     * takes back the seller role if the invitation gave it and they have not opened a shop since. Their rights in
     * order-service end when the event reaches its replica.
     */
    public Uni<Void> remove(String owner, String subject) {
        return Panache.withTransaction(() -> lockOwn(owner)
                        .flatMap(shop -> staff.remove(shop.id(), subject)
                                .map(removed -> removed.orElseThrow(
                                        () -> new ProblemException.NotFound("That user is not your shop's staff.")))
                                .call(removed -> announce(shop))))
                .flatMap(removed -> !removed.grantedSeller()
                        ? Uni.createFrom().voidItem()
                        : Panache.withSession(() -> shops.findByOwner(subject))
                                .flatMap(theirs ->
                                        theirs.isPresent() ? Uni.createFrom().voidItem() : revokeSeller(subject)));
    }

    private Uni<Shop> lockOwn(String owner) {
        return shops.lockByOwner(owner).map(found -> found.orElseThrow(ShopStaff::noShop));
    }

    /** The shop's new version (locked, so in commit order) and its whole staff list, in this transaction. */
    private Uni<Void> announce(Shop locked) {
        return shops.update(locked)
                .flatMap(changed -> staff.ofShop(changed.id())
                        .flatMap(members -> outbox.append(Envelope.of(
                                new ShopEvent.ShopPolicyChanged(
                                        changed.id(),
                                        changed.ownerSubject(),
                                        changed.returnWindowDays(),
                                        members.stream()
                                                .map(StaffMember::subject)
                                                .toList()),
                                changed.version(),
                                Instant.now(),
                                null,
                                null))));
    }

    private Uni<KeycloakRoles.User> lookUp(String username) {
        return keycloak.byUsername(username, true)
                .onFailure()
                .transform(ShopStaff::unavailable)
                .map(users -> {
                    Optional<KeycloakRoles.User> user = users.stream()
                            .filter(u -> username.equals(u.username()) && !Boolean.FALSE.equals(u.enabled()))
                            .findFirst();
                    return user.orElseThrow(() -> new ProblemException.NotFound("No user is called " + username + "."));
                });
    }

    /** Maps {@code seller} to the user; true when this gave it, false when they had it already. */
    private Uni<Boolean> grantSeller(String subject) {
        return keycloak.mapped(subject)
                .onFailure()
                .transform(ShopStaff::unavailable)
                .flatMap(mapped -> {
                    if (mapped.stream().anyMatch(r -> SellerOnboarding.SELLER_ROLE.equals(r.name()))) {
                        return Uni.createFrom().item(false);
                    }
                    return keycloak.available(subject)
                            .onFailure()
                            .transform(ShopStaff::unavailable)
                            .flatMap(available -> available.stream()
                                    .filter(r -> SellerOnboarding.SELLER_ROLE.equals(r.name()))
                                    .findFirst()
                                    .map(role -> keycloak.grant(subject, List.of(role))
                                            .onFailure()
                                            .transform(ShopStaff::unavailable)
                                            .replaceWith(true))
                                    .orElseGet(() -> Uni.createFrom()
                                            .failure(unavailable(new IllegalStateException(
                                                    "the seller role is neither mappable nor mapped")))));
                });
    }

    /** Takes the seller role back; a failure is logged, not answered: the staff rights are gone with the event. */
    private Uni<Void> revokeSeller(String subject) {
        return keycloak.mapped(subject)
                .flatMap(mapped -> {
                    List<KeycloakRoles.Role> seller = mapped.stream()
                            .filter(r -> SellerOnboarding.SELLER_ROLE.equals(r.name()))
                            .toList();
                    return seller.isEmpty() ? Uni.createFrom().voidItem() : keycloak.revoke(subject, seller);
                })
                .onFailure()
                .recoverWithUni(e -> {
                    LOG.warnf(e, "taking the seller role back from %s failed", subject);
                    return Uni.createFrom().voidItem();
                });
    }

    private static ProblemException alreadyStaff() {
        return new ProblemException.Conflict("already-staff", "That user is already staff of a shop.");
    }

    private static ProblemException noShop() {
        return new ProblemException.NotFound("You have no shop yet.");
    }

    private static ProblemException unavailable(Throwable e) {
        if (e instanceof ProblemException p) {
            return p;
        }
        if (e instanceof WebApplicationException w && w.getResponse().getStatus() == 404) {
            return new ProblemException.NotFound("That user no longer exists in the identity provider.");
        }
        LOG.warnf(e, "the identity provider failed on a staff change");
        return new ProblemException.Unavailable(
                "identity-provider-unavailable",
                Duration.ofSeconds(30),
                "The identity provider could not be reached; nothing was changed. Try again shortly.");
    }
}
