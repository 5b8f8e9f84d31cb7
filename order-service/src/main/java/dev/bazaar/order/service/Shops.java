package dev.bazaar.order.service;

import dev.bazaar.contracts.messaging.ShopEvent;
import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.kit.replica.ShopReplica;
import dev.bazaar.order.persistence.ShopStaffReplica;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * Who owns which shop, as catalog's shop events tell (APPROVED, REJECTED, SUSPENDED), a seller's own shop, and each
 * shop's return window and staff (ShopPolicyChanged; staff fulfil the shop's orders, ADR 0027).
 */
@ApplicationScoped
public class Shops {

    private final ShopReplica shops;
    private final ShopStaffReplica staff;

    public Shops(ShopReplica shops, ShopStaffReplica staff) {
        this.shops = shops;
        this.staff = staff;
    }

    /** Records the shop as event {@code version} (occurred at {@code occurredAt}) tells; an older one changes nothing. */
    public Uni<Void> record(ShopEvent e, long version, Instant occurredAt) {
        Uni<Void> recorded = shops.record(e, version, occurredAt);
        if (e instanceof ShopEvent.ShopPolicyChanged p && p.staffSubjects() != null) {
            return recorded.flatMap(x -> staff.replace(p.shopId(), p.staffSubjects(), version));
        }
        return recorded;
    }

    /** The shops' return windows in days as last announced (30, the catalog's default, for one never announced). */
    public Uni<Map<UUID, Integer>> returnWindowDays(Collection<UUID> shopIds) {
        return shops.returnWindowDays(shopIds);
    }

    /** The seller's shop (one per seller); 404 if they have none yet. */
    public Uni<UUID> ownedBy(String subject) {
        return shops.shopOf(subject)
                .map(shop -> shop.orElseThrow(() -> new ProblemException.NotFound("You have no shop yet.")));
    }

    /**
     * The shop whose orders the user fulfils: their own, or the one whose staff they are; 404 if neither. Only the
     * fulfilment endpoints use it: everything else about a shop is its owner's ({@link #ownedBy}).
     */
    public Uni<UUID> fulfilledBy(String subject) {
        return staff.shopServedBy(subject)
                .map(shop -> shop.orElseThrow(
                        () -> new ProblemException.NotFound("You have no shop yet, and are no shop's staff.")));
    }
}
