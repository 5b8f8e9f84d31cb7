package dev.bazaar.payment.service;

import dev.bazaar.contracts.money.Money;
import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.payment.config.PaymentConfig;
import dev.bazaar.payment.domain.Accounts;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * A seller's money: each captured group's share (goods + shipping − commission) less what refunds reversed, pending
 * until the holding period after that group's delivery has passed, then available; what was paid out; and debt
 * (refunds that exceeded what was still owed), which later payouts net out. The instant is a parameter so tests (and
 * support) can ask "as of" any time; the API asks for now.
 */
@ApplicationScoped
public class SellerBalances {

    public record Balance(UUID shopId, Money pending, Money available, Money paidOut, Money debt, Instant asOf) {
    }

    private final Pool pool;
    private final PaymentConfig config;

    public SellerBalances(Pool pool, PaymentConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /** The balance of the shop this seller owns (404 when they own none). */
    public Uni<Balance> ofOwner(String ownerSubject, Instant asOf) {
        return pool.preparedQuery("SELECT id FROM shop WHERE owner_subject = $1 ORDER BY updated_at DESC LIMIT 1")
                .execute(Tuple.of(ownerSubject)).flatMap(rows -> {
                    if (rows.rowCount() == 0) {
                        return Uni.createFrom().failure(new ProblemException.NotFound(
                                "You have no approved shop yet: balances start with your first sale."));
                    }
                    return of(rows.iterator().next().getUUID("id"), asOf);
                });
    }

    public Uni<Balance> of(UUID shopId, Instant asOf) {
        return pool.preparedQuery("""
                SELECT coalesce(sum(s.goods_minor + s.shipping_minor - s.commission_minor
                                    - (s.refunded_goods_minor + s.refunded_shipping_minor - s.refunded_commission_minor))
                                FILTER (WHERE s.delivered_at IS NOT NULL AND s.delivered_at <= $2), 0) AS available,
                       coalesce(sum(s.goods_minor + s.shipping_minor - s.commission_minor
                                    - (s.refunded_goods_minor + s.refunded_shipping_minor - s.refunded_commission_minor))
                                FILTER (WHERE s.delivered_at IS NULL OR s.delivered_at > $2), 0) AS pending,
                       (SELECT coalesce(sum(amount_minor), 0) FROM ledger_entry WHERE account_code = $3) AS debt
                FROM payment_split s JOIN payment p ON p.id = s.payment_id
                WHERE s.shop_id = $1 AND p.status = 'CAPTURED'""")
                .execute(Tuple.of(shopId, asOf.minus(config.holdingPeriod()).atOffset(ZoneOffset.UTC),
                        Accounts.sellerDebt(shopId)))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new Balance(shopId, Money.usd(r.getLong("pending")), Money.usd(r.getLong("available")),
                            Money.usd(0), Money.usd(r.getLong("debt")), asOf);
                });
    }
}
