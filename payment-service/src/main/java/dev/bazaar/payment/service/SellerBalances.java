package dev.bazaar.payment.service;

import dev.bazaar.contracts.money.Money;
import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.kit.replica.ShopReplica;
import dev.bazaar.payment.config.PaymentConfig;
import dev.bazaar.payment.domain.SellerPosition;
import dev.bazaar.payment.persistence.BalanceStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * A seller's money, from the ledger and the payments' splits:
 * <ul>
 * <li><b>pending</b>: the shares (net of refunds) of groups not yet releasable — not delivered, inside the holding
 * period after delivery, or held by a dispute;
 * <li><b>available</b>: what the platform still owes them (their payable account) less pending and less their debt —
 * exactly what the next payout pays;
 * <li><b>paidOut</b>: the sum of their payouts; <b>debt</b>: refunds that exceeded what was still owed, netted by the
 * next payouts.
 * </ul>
 * The instant is a parameter so tests and support can ask "as of" any time; the API asks for now.
 */
@ApplicationScoped
public class SellerBalances {

    /** {@code inTransit}: open payouts (the transfer may be on its way; it counts as paid out once settled). */
    public record Balance(
            UUID shopId, Money pending, Money available, Money inTransit, Money paidOut, Money debt, Instant asOf) {}

    private final Pool pool;
    private final BalanceStore store;
    private final ShopReplica shops;
    private final PaymentConfig config;

    public SellerBalances(Pool pool, BalanceStore store, ShopReplica shops, PaymentConfig config) {
        this.pool = pool;
        this.store = store;
        this.shops = shops;
        this.config = config;
    }

    /** The shop this seller owns (404 when they own none). */
    public Uni<UUID> shopOf(String ownerSubject) {
        return shops.shopOf(ownerSubject)
                .map(shop -> shop.orElseThrow(() -> new ProblemException.NotFound("You have no approved shop yet.")));
    }

    public Uni<Balance> ofOwner(String ownerSubject, Instant asOf) {
        return shopOf(ownerSubject).flatMap(shop -> of(shop, asOf));
    }

    public Uni<Balance> of(UUID shopId, Instant asOf) {
        return position(pool, shopId, asOf)
                .map(p -> new Balance(
                        shopId,
                        Money.usd(p.pending()),
                        Money.usd(p.payout().paid()),
                        Money.usd(p.openPaid()),
                        Money.usd(p.paidOut()),
                        Money.usd(p.debt() - p.openDebtSettled()),
                        asOf));
    }

    /** The shop's numbers as of {@code asOf}: what is still pending is what its holding period has not released. */
    public Uni<SellerPosition> position(SqlClient client, UUID shopId, Instant asOf) {
        return store.position(client, shopId, asOf.minus(config.holdingPeriod()));
    }
}
