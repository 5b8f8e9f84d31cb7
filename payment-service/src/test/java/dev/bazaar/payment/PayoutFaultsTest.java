package dev.bazaar.payment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bazaar.contracts.messaging.Lines.GroupRefund;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.devstack.testing.KeycloakTokens;
import dev.bazaar.payment.domain.Accounts;
import dev.bazaar.payment.service.Payouts;
import dev.bazaar.payment.service.Refunds;
import dev.bazaar.payment.service.SellerBalances;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Payouts under faults (#20, scenario 1): runs at once, transfers whose answer is lost or never comes, a crash between
 * the payout's record and its transfer, a refund while a payout is on its way. Invariants: one PAID payout per due
 * period, the provider's transfers equal the payouts, the seller's payable never below zero (what a refund takes
 * beyond it is recorded debt), the ledger balanced.
 */
@QuarkusTest
class PayoutFaultsTest {

    @Inject
    Pool pool;

    @Inject
    Payouts payouts;

    @Inject
    Refunds refunds;

    @Inject
    SellerBalances balances;

    @Inject
    PaymentFixtures fx;

    @AfterEach
    void noFaultLeft() {
        fx.clearFaults();
    }

    /** A seller (shop A, with a verified account) owed $95.00 after the holding period, and shop B of the order. */
    record Seller(UUID shop, UUID other, String account, PaymentFixtures.Captured order, Instant due) {}

    Seller sellerOwed9500() {
        UUID shopA = UUID.randomUUID();
        UUID shopB = UUID.randomUUID();
        fx.shop(shopA, "seller-" + UUID.randomUUID());
        fx.shop(shopB, "seller-" + UUID.randomUUID());
        String account = PaymentFixtures.onVertxContext(() -> payouts.openAccount(shopA, "US"))
                .accountId();
        PaymentFixtures.Captured order = fx.capturedOrder(shopA, shopB);
        Instant delivered = Instant.now();
        fx.delivered(order.order(), shopA, delivered);
        return new Seller(shopA, shopB, account, order, delivered.plus(Duration.ofDays(8)));
    }

    Optional<Payouts.RunResult> run(Instant asOf) {
        return payouts.run(asOf).await().atMost(Duration.ofSeconds(30));
    }

    long transferred(String account) {
        return fx.count(
                "SELECT coalesce(sum(amount_minor), 0) FROM sandbox_operation WHERE kind = 'transfer' "
                        + "AND outcome = 'succeeded' AND detail = $1",
                account);
    }

    long payouts(UUID shop, String status) {
        return fx.count("SELECT count(*) FROM payout WHERE shop_id = $1 AND status = $2", shop, status);
    }

    long paid(UUID shop) {
        return fx.count(
                "SELECT coalesce(sum(amount_minor), 0) FROM payout WHERE shop_id = $1 AND status = 'PAID'", shop);
    }

    @Test
    void runsStartedTogetherPayEachSellerOnce() {
        List<Seller> sellers = List.of(sellerOwed9500(), sellerOwed9500(), sellerOwed9500());
        Instant asOf = sellers.get(2).due();
        // the scheduled run and admins' runs at the same moment
        List<Uni<Optional<Payouts.RunResult>>> runs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            runs.add(payouts.run(asOf));
        }
        List<Optional<Payouts.RunResult>> results =
                Uni.join().all(runs).andFailFast().await().atMost(Duration.ofSeconds(60));
        assertThat(results.stream().filter(Optional::isPresent))
                .as("runs that ran")
                .isNotEmpty();
        run(asOf); // and one more afterwards
        for (Seller s : sellers) {
            assertThat(payouts(s.shop(), "PAID")).as("one payout").isEqualTo(1);
            assertThat(paid(s.shop())).isEqualTo(9_500);
            assertThat(transferred(s.account())).as("transferred once").isEqualTo(9_500);
            assertThat(fx.balance(Accounts.sellerPayable(s.shop()))).isZero();
        }
        assertThat(fx.trialBalance()).isZero();
    }

    @Test
    void aRunWhileAnotherRunsIsRefusedAndTheAdminIsToldSo() {
        Seller s = sellerOwed9500();
        // another run holds the lock (the session lock a run takes, on a connection of its own)
        SqlConnection other = pool.getConnection().await().atMost(Duration.ofSeconds(10));
        try {
            other.preparedQuery("SELECT pg_advisory_lock(hashtext($1))")
                    .execute(Tuple.of("payment-service:payout-run-in-progress"))
                    .await()
                    .atMost(Duration.ofSeconds(10));
            assertThat(run(s.due())).as("a second run does nothing").isEmpty();
            given().auth()
                    .oauth2(KeycloakTokens.user("admin"))
                    .when()
                    .post("/api/v1/admin/payouts/run")
                    .then()
                    .statusCode(409)
                    .contentType(org.hamcrest.Matchers.startsWith("application/problem+json"))
                    .body("type", org.hamcrest.Matchers.endsWith("/payout-run-in-progress"));
        } finally {
            // a pooled connection keeps its session (and the lock) when closed: unlock first
            other.preparedQuery("SELECT pg_advisory_unlock(hashtext($1))")
                    .execute(Tuple.of("payment-service:payout-run-in-progress"))
                    .await()
                    .atMost(Duration.ofSeconds(10));
            other.close().await().atMost(Duration.ofSeconds(10));
        }
        assertThat(payouts(s.shop(), "PAID")).isZero();
        assertThat(run(s.due())).isPresent();
        assertThat(paid(s.shop())).isEqualTo(9_500);
    }

    @Test
    void theDatabaseHoldsAtMostOneOpenPayoutPerShop() {
        UUID shop = UUID.randomUUID();
        fx.exec(
                "INSERT INTO payout (id, shop_id, amount_minor, status) VALUES ($1, $2, 100, 'PENDING')",
                UUID.randomUUID(),
                shop);
        assertThatThrownBy(() -> fx.exec(
                        "INSERT INTO payout (id, shop_id, amount_minor, status) VALUES ($1, $2, 100, " + "'UNKNOWN')",
                        UUID.randomUUID(),
                        shop))
                .isInstanceOf(PgException.class)
                .hasMessageContaining("payout_one_open_per_shop");
        fx.exec("DELETE FROM payout WHERE shop_id = $1", shop);
    }

    @Test
    void aTransferWhoseAnswerIsLostStaysOpenAndTheNextRunFindsItInsteadOfPayingAgain() {
        Seller s = sellerOwed9500();
        fx.fault("transfer", s.account(), "lose_response", 1);

        Payouts.RunResult first = run(s.due()).orElseThrow();
        assertThat(first.unknown()).isGreaterThanOrEqualTo(1);
        assertThat(payouts(s.shop(), "UNKNOWN")).isEqualTo(1);
        assertThat(transferred(s.account())).as("the transfer did happen").isEqualTo(9_500);
        // nothing is booked yet, and nothing is available to pay again
        assertThat(fx.balance(Accounts.sellerPayable(s.shop()))).isEqualTo(-9_500);
        SellerBalances.Balance b = balances.of(s.shop(), s.due()).await().atMost(Duration.ofSeconds(10));
        assertThat(b.available()).isEqualTo(Money.usd(0));
        assertThat(b.inTransit()).isEqualTo(Money.usd(9_500));

        run(s.due());
        assertThat(payouts(s.shop(), "PAID")).isEqualTo(1);
        assertThat(payouts(s.shop(), "UNKNOWN")).isZero();
        assertThat(transferred(s.account())).as("not transferred twice").isEqualTo(9_500);
        assertThat(fx.count(
                        "SELECT count(*) FROM payout WHERE shop_id = $1 AND transfer_reference IS NOT NULL "
                                + "AND attempts = 2",
                        s.shop()))
                .isEqualTo(1);
        assertThat(fx.balance(Accounts.sellerPayable(s.shop()))).isZero();
        assertThat(fx.trialBalance()).isZero();
    }

    @Test
    void aProviderOutageLeavesThePayoutOpenAndItIsPaidOnceWhenTheProviderIsBack() {
        Seller s = sellerOwed9500();
        fx.fault("transfer", s.account(), "unavailable", 2);

        run(s.due());
        run(s.due());
        assertThat(payouts(s.shop(), "UNKNOWN")).isEqualTo(1);
        assertThat(payouts(s.shop(), "FAILED")).as("an outage is no refusal").isZero();
        assertThat(transferred(s.account())).isZero();

        run(s.due());
        assertThat(payouts(s.shop(), "PAID")).isEqualTo(1);
        assertThat(fx.count("SELECT count(*) FROM payout WHERE shop_id = $1", s.shop()))
                .isEqualTo(1);
        assertThat(transferred(s.account())).isEqualTo(9_500);
        assertThat(fx.trialBalance()).isZero();
    }

    @Test
    void aTransferThePlatformsBalanceCannotCoverYetIsDeferredNotFailedAndTheNextRunPaysIt() {
        Seller s = sellerOwed9500();
        fx.fault("transfer", s.account(), "balance_insufficient", 1);

        run(s.due());
        assertThat(payouts(s.shop(), "DEFERRED")).isEqualTo(1);
        assertThat(payouts(s.shop(), "FAILED"))
                .as("the platform's short balance is not the seller's failure")
                .isZero();
        assertThat(fx.count(
                        "SELECT count(*) FROM kit_outbox WHERE type = 'PayoutFailed' AND payload LIKE $1",
                        "%" + s.shop() + "%"))
                .as("nobody is told a payout failed")
                .isZero();
        assertThat(transferred(s.account())).isZero();
        assertThat(fx.balance(Accounts.sellerPayable(s.shop())))
                .as("still owed, nothing booked")
                .isEqualTo(-9_500);
        assertThat(balances.of(s.shop(), s.due())
                        .await()
                        .atMost(Duration.ofSeconds(10))
                        .available())
                .as("available to the next run")
                .isEqualTo(Money.usd(9_500));

        run(s.due());
        assertThat(paid(s.shop())).isEqualTo(9_500);
        assertThat(transferred(s.account())).as("transferred once").isEqualTo(9_500);
        assertThat(fx.balance(Accounts.sellerPayable(s.shop()))).isZero();
        assertThat(fx.trialBalance()).isZero();
    }

    @Test
    void aPayoutACrashLeftPendingIsResumedUnderItsOwnKey() {
        Seller s = sellerOwed9500();
        // what a crash between the payout's record and its transfer leaves behind
        UUID crashed = UUID.randomUUID();
        fx.exec(
                "INSERT INTO payout (id, shop_id, amount_minor, status, created_at) VALUES ($1, $2, 9500, 'PENDING', "
                        + "now() - interval '2 hours')",
                crashed,
                s.shop());

        run(s.due());
        assertThat(fx.count("SELECT count(*) FROM payout WHERE shop_id = $1", s.shop()))
                .isEqualTo(1);
        assertThat(fx.count("SELECT count(*) FROM payout WHERE id = $1 AND status = 'PAID'", crashed))
                .isEqualTo(1);
        assertThat(fx.count("SELECT count(*) FROM sandbox_operation WHERE idempotency_key = $1", "payout:" + crashed))
                .isEqualTo(1);
        assertThat(transferred(s.account())).isEqualTo(9_500);
        assertThat(fx.balance(Accounts.sellerPayable(s.shop()))).isZero();
    }

    @Test
    void aRefundWhileAPayoutIsOnItsWayBecomesDebtNotANegativePayable() {
        Seller s = sellerOwed9500();
        fx.fault("transfer", s.account(), "unavailable", 1);
        run(s.due());
        assertThat(payouts(s.shop(), "UNKNOWN")).isEqualTo(1);

        // the buyer returns half of A's goods while the $95.00 is on its way
        refunds.fromOrder(
                        null,
                        s.order().order(),
                        List.of(GroupRefund.of(
                                UUID.randomUUID(),
                                s.shop(),
                                Money.usd(5_000),
                                Money.usd(0),
                                Money.usd(400),
                                Money.usd(500))),
                        "return")
                .await()
                .atMost(Duration.ofSeconds(10));
        assertThat(fx.balance(Accounts.sellerPayable(s.shop())))
                .as("the payable still covers the open payout")
                .isEqualTo(-9_500);
        assertThat(fx.balance(Accounts.sellerDebt(s.shop())))
                .as("the share taken back is debt")
                .isEqualTo(5_000 - 500);

        run(s.due());
        assertThat(paid(s.shop())).isEqualTo(9_500);
        assertThat(fx.balance(Accounts.sellerPayable(s.shop())))
                .as("never below zero")
                .isZero();
        assertThat(fx.balance(Accounts.sellerDebt(s.shop()))).isEqualTo(4_500);
        assertThat(balances.of(s.shop(), s.due())
                        .await()
                        .atMost(Duration.ofSeconds(10))
                        .debt())
                .isEqualTo(Money.usd(4_500));
        assertThat(fx.trialBalance()).isZero();
    }
}
