package dev.bazaar.payment.persistence;

import dev.bazaar.payment.domain.Accounts;
import dev.bazaar.payment.domain.SellerPosition;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/** A seller's money as the ledger, the payouts and the payments' splits add it up. */
@ApplicationScoped
public class BalanceStore {

    /**
     * The shop's position: its payable and debt accounts, its payouts (paid and open), and its shares (net of refunds)
     * of captured payments that are not releasable yet — held by a dispute, not delivered, or delivered after
     * {@code deliveredBy}. Runs on {@code client}: the pool, or the caller's transaction.
     */
    public Uni<SellerPosition> position(SqlClient client, UUID shopId, Instant deliveredBy) {
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
                .execute(Tuple.of(
                        shopId,
                        deliveredBy.atOffset(ZoneOffset.UTC),
                        Accounts.sellerPayable(shopId),
                        Accounts.sellerDebt(shopId)))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new SellerPosition(
                            r.getLong("payable"),
                            r.getLong("pending"),
                            r.getLong("debt"),
                            r.getLong("paid_out"),
                            r.getLong("open_paid"),
                            r.getLong("open_debt_settled"));
                });
    }
}
