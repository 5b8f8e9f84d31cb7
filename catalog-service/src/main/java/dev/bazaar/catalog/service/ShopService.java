package dev.bazaar.catalog.service;

import dev.bazaar.catalog.domain.Rating;
import dev.bazaar.catalog.domain.ReturnWindow;
import dev.bazaar.catalog.domain.Shop;
import dev.bazaar.catalog.domain.ShopSlug;
import dev.bazaar.catalog.domain.ShopStatus;
import dev.bazaar.catalog.domain.ShopStatus.Review;
import dev.bazaar.catalog.persistence.EventOutbox;
import dev.bazaar.catalog.persistence.Rows;
import dev.bazaar.catalog.persistence.ShopRepository;
import dev.bazaar.catalog.persistence.ShopStaffRepository;
import dev.bazaar.catalog.rest.ShopRequests;
import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.ShopEvent;
import dev.bazaar.kit.audit.AuditBefore;
import dev.bazaar.kit.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Sellers open and edit their shop and set its return policy; admins review it. Every status or policy change leaves
 * on catalog.shop-events, through the outbox in the same Hibernate Reactive transaction as the change (ADR 0016).
 */
@ApplicationScoped
public class ShopService {

    private static final RandomGenerator RANDOM = new java.security.SecureRandom();

    private final ShopRepository shops;
    private final EventOutbox outbox;
    private final Ratings ratings;
    private final ShopStaffRepository staff;

    public ShopService(ShopRepository shops, EventOutbox outbox, Ratings ratings, ShopStaffRepository staff) {
        this.shops = shops;
        this.staff = staff;
        this.outbox = outbox;
        this.ratings = ratings;
    }

    /**
     * One shop per seller; it waits for an admin's approval. A slug given is used as it is (409 when taken); none
     * given, it is derived from the name: the first of name, name-2 … that no shop has (another seller taking the same
     * one at the same moment makes this try the next). Each attempt is its own transaction — and its own session, as
     * long as the caller holds none: a session whose flush failed cannot be used again. Another shop's staff cannot open
     * one (409 staff-of-a-shop: the order service would not know which shop they fulfil): their owner removes them first.
     */
    public Uni<Shop> open(String owner, ShopRequests.OpenShop request) {
        if (request.slug() != null) {
            return insert(owner, request, request.slug())
                    .onFailure(ShopService::isUniqueViolation)
                    .transform(ShopService::duplicate);
        }
        return openWithDerivedSlug(owner, request, ShopSlug.fromName(request.name()), 1);
    }

    private Uni<Shop> openWithDerivedSlug(String owner, ShopRequests.OpenShop request, String base, int attempt) {
        return Panache.withTransaction(() -> notStaff(owner)
                        .chain(() -> shops.slugsTaken(ShopSlug.candidates(base)))
                        .flatMap(taken -> shops.insert(shop(owner, request, ShopSlug.firstFree(base, taken, RANDOM)))))
                .onFailure(e -> isUniqueViolation(e) && !isOwnerViolation(e) && attempt < 5)
                .recoverWithUni(() -> openWithDerivedSlug(owner, request, base, attempt + 1))
                .onFailure(ShopService::isUniqueViolation)
                .transform(ShopService::duplicate);
    }

    private Uni<Shop> insert(String owner, ShopRequests.OpenShop request, String slug) {
        return Panache.withTransaction(() -> notStaff(owner).chain(() -> shops.insert(shop(owner, request, slug))));
    }

    private Uni<Void> notStaff(String owner) {
        return staff.ofUser(owner)
                .map(member -> {
                    if (member.isPresent()) {
                        throw new ProblemException.Conflict(
                                "staff-of-a-shop",
                                "You are staff of another shop: its owner"
                                        + " removes you from their staff before you open a shop of your own.");
                    }
                    return null;
                })
                .replaceWithVoid();
    }

    private static Shop shop(String owner, ShopRequests.OpenShop request, String slug) {
        return new Shop(
                UUID.randomUUID(),
                request.name().strip(),
                slug,
                request.description() == null ? "" : request.description().strip(),
                request.country(),
                owner,
                ShopStatus.PENDING_APPROVAL,
                null,
                null,
                null,
                0,
                ReturnWindow.DEFAULT_DAYS);
    }

    @WithSession
    public Uni<Shop> own(String owner) {
        return shops.findByOwner(owner).map(found -> found.orElseThrow(ShopService::noShop));
    }

    @WithTransaction
    public Uni<Shop> update(String owner, ShopRequests.UpdateShop patch) {
        return shops.lockByOwner(owner)
                .map(found -> found.orElseThrow(ShopService::noShop))
                .flatMap(shop -> shops.update(new Shop(
                        shop.id(),
                        orElse(patch.name(), shop.name()),
                        shop.slug(),
                        orElse(patch.description(), shop.description()),
                        orElse(patch.country(), shop.country()),
                        shop.ownerSubject(),
                        shop.status(),
                        shop.statusReason(),
                        shop.createdAt(),
                        shop.updatedAt(),
                        shop.version(),
                        shop.returnWindowDays())));
    }

    /**
     * The seller sets their shop's return window (0 to 90 days; 0 = no returns) for orders placed from now on; a change
     * leaves as ShopPolicyChanged in the same transaction (whatever the shop's status), the same window again changes
     * nothing and sends nothing.
     */
    @WithTransaction
    public Uni<Shop> setReturnWindow(String owner, int returnWindowDays) {
        int days = ReturnWindow.check(returnWindowDays);
        return shops.lockByOwner(owner)
                .map(found -> found.orElseThrow(ShopService::noShop))
                .flatMap(shop -> shop.returnWindowDays() == days
                        ? Uni.createFrom().item(shop)
                        : shops.update(shop.withReturnWindowDays(days))
                                .call(changed -> outbox.append(Envelope.of(
                                        new ShopEvent.ShopPolicyChanged(
                                                changed.id(), changed.ownerSubject(), changed.returnWindowDays()),
                                        changed.version(),
                                        Instant.now(),
                                        null,
                                        null))));
    }

    /** An admin's decision; the event is written in the same transaction, after the row lock. */
    @WithTransaction
    public Uni<Shop> review(UUID shopId, Review review, String reason) {
        return shops.lock(shopId)
                .map(found -> found.orElseThrow(() -> new ProblemException.NotFound("No shop " + shopId + ".")))
                .flatMap(shop -> {
                    AuditBefore.note(shop);
                    ShopStatus next = shop.status().after(review);
                    return shops.update(new Shop(
                            shop.id(),
                            shop.name(),
                            shop.slug(),
                            shop.description(),
                            shop.country(),
                            shop.ownerSubject(),
                            next,
                            reason,
                            shop.createdAt(),
                            shop.updatedAt(),
                            shop.version(),
                            shop.returnWindowDays()));
                })
                .call(this::publish);
    }

    /**
     * A rejected shop's seller asks for another review (after changing the shop): it is pending again and back in the
     * admins' queue. Nothing leaves on shop events: no one but the catalog cares about a shop that cannot sell yet.
     */
    @WithTransaction
    public Uni<Shop> resubmit(String owner) {
        return shops.lockByOwner(owner)
                .map(found -> found.orElseThrow(ShopService::noShop))
                .flatMap(shop -> shops.update(new Shop(
                        shop.id(),
                        shop.name(),
                        shop.slug(),
                        shop.description(),
                        shop.country(),
                        shop.ownerSubject(),
                        shop.status().resubmitted(),
                        null,
                        shop.createdAt(),
                        shop.updatedAt(),
                        shop.version(),
                        shop.returnWindowDays())));
    }

    /** An approved shop as the public sees it, with its rating from sellers' reviews. */
    public record PublicShop(Shop shop, Rating rating) {}

    @WithSession
    public Uni<Optional<PublicShop>> publicProfile(String slug) {
        return shops.findApprovedBySlug(slug)
                .flatMap(found -> found.isEmpty()
                        ? Uni.createFrom().item(Optional.<PublicShop>empty())
                        : ratings.ofShop(found.get().id())
                                .map(rating -> Optional.of(new PublicShop(found.get(), rating))));
    }

    private Uni<Void> publish(Shop shop) {
        ShopEvent event = switch (shop.status()) {
            case APPROVED ->
                new ShopEvent.ShopApproved(shop.id(), shop.ownerSubject(), shop.slug(), shop.name(), shop.country());
            case REJECTED -> new ShopEvent.ShopRejected(shop.id(), shop.ownerSubject(), shop.statusReason());
            case SUSPENDED -> new ShopEvent.ShopSuspended(shop.id(), shop.ownerSubject(), shop.statusReason());
            case PENDING_APPROVAL -> throw new IllegalStateException("no review leads back to pending");
        };
        return outbox.append(Envelope.of(event, shop.version(), Instant.now(), null, null));
    }

    private static ProblemException noShop() {
        return new ProblemException.NotFound("You have no shop yet: open one with POST /api/v1/seller/shop.");
    }

    private static boolean isUniqueViolation(Throwable e) {
        return Rows.uniqueViolation(e).isPresent();
    }

    private static boolean isOwnerViolation(Throwable e) {
        return Rows.uniqueViolation(e).orElse("").contains("owner_subject");
    }

    private static Throwable duplicate(Throwable e) {
        return isOwnerViolation(e)
                ? new ProblemException.Conflict("shop-exists", "You already have a shop: a seller has one shop.")
                : new ProblemException.Conflict("slug-taken", "That shop address (slug) is taken: choose another.");
    }

    private static String orElse(String value, String current) {
        return value == null ? current : value.strip();
    }
}
