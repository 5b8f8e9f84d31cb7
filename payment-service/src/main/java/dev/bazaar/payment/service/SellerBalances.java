package dev.bazaar.payment.service;

import dev.bazaar.contracts.money.Money;
import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.payment.config.PaymentConfig;
import dev.bazaar.payment.domain.Accounts;
import dev.bazaar.payment.domain.Postings;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
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
    public record Balance(UUID shopId, Money pending, Money available, Money inTransit, Money paidOut, Money debt,
            Instant asOf) {
    }

    /**
     * The raw numbers a payout needs (minor units). {@code openPaid} and {@code openDebtSettled}: what open payouts
     * (PENDING or UNKNOWN: the transfer may be on its way) will take from the payable and the debt once settled — no
     * longer available to anything else.
     */
    public record Position(long payable, long pending, long debt, long paidOut, long openPaid, long openDebtSettled) {
        public Postings.PayoutAmounts payout() {
            return Postings.PayoutAmounts.of(payable - openPaid - openDebtSettled, pending, debt - openDebtSettled);
        }
    }

    private final Pool pool;
    private final PaymentConfig config;

    public SellerBalances(Pool pool, PaymentConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /** The shop this seller owns (404 when they own none). */
    public Uni<UUID> shopOf(String ownerSubject) {
        return pool.preparedQuery("SELECT id FROM shop WHERE owner_subject = $1 ORDER BY event_at DESC, updated_at DESC LIMIT 1")
                .execute(Tuple.of(ownerSubject)).map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw new ProblemException.NotFound("You have no approved shop yet.");
                    }
                    return rows.iterator().next().getUUID("id");
                });
    }

    public Uni<Balance> ofOwner(String ownerSubject, Instant asOf) {
        return shopOf(ownerSubject).flatMap(shop -> of(shop, asOf));
    }

    public Uni<Balance> of(UUID shopId, Instant asOf) {
        return position(pool, shopId, asOf).map(p -> new Balance(shopId, Money.usd(p.pending()),
                Money.usd(p.payout().paid()), Money.usd(p.openPaid()), Money.usd(p.paidOut()),
                Money.usd(p.debt() - p.openDebtSettled()), asOf));
    }

    public Uni<Position> position(SqlClient client, UUID shopId, Instant asOf) {
        return client.preparedQuery("""
                SELECT (SELECT coalesce(-sum(amount_minor), 0) FROM ledger_entry WHERE account_code = $3) AS payable,
                       (SELECT coalesce(sum(amount_minor), 0) FROM ledger_entry WHERE account_code = $4) AS debt,
                       (SELECT coalesce(sum(amount_minor), 0) FROM payout WHERE shop_id = $1 AND status = 'PAID')
                           AS paid_out,
                       (SELECT coalesce(sum(amount_minor), 0) FROM payout
                        WHERE shop_id = $1 AND status IN ('PENDING', 'UNKNOWN')) AS open_paid,
                       (SELECT coalesce(sum(debt_settled_minor), 0) FROM payout
                        WHERE shop_id = $1 AND status IN ('PENDING', 'UNKNOWN')) AS open_debt_settled,
                       (SELECT coalesce(sum(s.goods_minor + s.shipping_minor - s.commission_minor
                                 - (s.refunded_goods_minor + s.refunded_shipping_minor - s.refunded_commission_minor)), 0)
                        FROM payment_split s JOIN payment p ON p.id = s.payment_id
                        WHERE s.shop_id = $1 AND p.status = 'CAPTURED'
                          AND (s.held OR s.delivered_at IS NULL OR s.delivered_at > $2)) AS pending""")
                .execute(Tuple.of(shopId, asOf.minus(config.holdingPeriod()).atOffset(ZoneOffset.UTC),
                        Accounts.sellerPayable(shopId), Accounts.sellerDebt(shopId)))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new Position(r.getLong("payable"), r.getLong("pending"), r.getLong("debt"),
                            r.getLong("paid_out"), r.getLong("open_paid"), r.getLong("open_debt_settled"));
                });
    }
}
