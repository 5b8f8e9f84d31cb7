package dev.bazaar.order.service;

import dev.bazaar.contracts.messaging.ShopEvent;
import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.kit.replica.ShopReplica;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * Who owns which shop, as catalog's shop events tell (APPROVED, REJECTED, SUSPENDED), a seller's own shop, and each
 * shop's return window (ShopPolicyChanged).
 */
@ApplicationScoped
public class Shops {

    private final ShopReplica shops;

    public Shops(ShopReplica shops) {
        this.shops = shops;
    }

    /** Records the shop as event {@code version} (occurred at {@code occurredAt}) tells; an older one changes nothing. */
    public Uni<Void> record(ShopEvent e, long version, Instant occurredAt) {
        return shops.record(e, version, occurredAt);
    }

    /** The shops' return windows in days as last announced (30, the catalog's default, for one never announced). */
    public Uni<Map<UUID, Integer>> returnWindowDays(Collection<UUID> shopIds) {
        return shops.returnWindowDays(shopIds);
    }

    /** The seller's shop (one per seller); 404 if they have none yet. */
    public Uni<UUID> ownedBy(String subject) {
        return shops.shopOf(subject).map(shop -> shop.orElseThrow(() -> new ProblemException.NotFound(
                "You have no shop yet.")));
    }
}
