package dev.bazaar.payment;

import dev.bazaar.contracts.messaging.Lines.GroupRefund;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.devstack.testing.KeycloakTokens;
import dev.bazaar.payment.domain.Accounts;
import dev.bazaar.payment.persistence.PaymentStore;
import dev.bazaar.payment.service.Payouts;
import dev.bazaar.payment.service.Refunds;
import dev.bazaar.payment.service.SellerBalances;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** Payout accounts, payout runs after the holding period (clock as a parameter), and refunds after payout. */
@QuarkusTest
class PayoutsTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Pool pool;
    @Inject
    PaymentStore store;
    @Inject
    Payouts payouts;
    @Inject
    Refunds refunds;
    @Inject
    SellerBalances balances;
    @Inject
    PaymentFixtures fx;

    long count(String sql, Object... args) {
        return fx.count(sql, args);
    }

    long balance(String account) {
        return fx.balance(account);
    }

    void shop(UUID id, String owner) {
        fx.shop(id, owner);
    }

    UUID capturedOrder(UUID shopA, UUID shopB) {
        return fx.capturedOrder(shopA, shopB).order();
    }

    @Test
    void aRunAfterTheHoldingPeriodPaysTwoSellersTheirExactSharesAndARefundAfterwardsIsReversed() {
        String bob = KeycloakTokens.subject(KeycloakTokens.user("bob"));
        UUID shopA = UUID.randomUUID();
        UUID shopB = UUID.randomUUID();
        shop(shopA, bob);
        shop(shopB, "seller-" + UUID.randomUUID());
        // one shop per seller (the catalog's rule): earlier tests' shops for bob go
        pool.preparedQuery("DELETE FROM shop WHERE owner_subject = $1 AND id <> $2").execute(Tuple.of(bob, shopA))
                .await().atMost(WAIT);

        String bobToken = KeycloakTokens.user("bob");
        given().auth().oauth2(bobToken).contentType("application/json").body(Map.of("country", "US"))
                .when().post("/api/v1/seller/payout-account")
                .then().statusCode(200).body("verified", equalTo(true)).body("accountId", startsWith("acct_sbx_"));
        given().auth().oauth2(bobToken).contentType("application/json").body(Map.of("interval", "DAILY"))
                .when().put("/api/v1/seller/payout-schedule").then().statusCode(200).body("schedule", equalTo("DAILY"));
        given().auth().oauth2(bobToken).contentType("application/json").body(Map.of("interval", "HOURLY"))
                .when().put("/api/v1/seller/payout-schedule").then().statusCode(400);
        payouts.openAccount(shopB, "US").await().atMost(WAIT);

        UUID order = capturedOrder(shopA, shopB);
        Instant delivered = Instant.now();
        pool.withTransaction(tx -> store.delivered(tx, order, shopA, delivered)
                .flatMap(x -> store.delivered(tx, order, shopB, delivered))).await().atMost(WAIT);

        payouts.run(delivered.plus(Duration.ofDays(6))).await().atMost(WAIT);
        assertThat(count("SELECT count(*) FROM payout WHERE shop_id IN ($1, $2)", shopA, shopB)).isZero();

        payouts.run(delivered.plus(Duration.ofDays(7)).plusSeconds(5)).await().atMost(WAIT);
        assertThat(count("SELECT amount_minor FROM payout WHERE shop_id = $1 AND status = 'PAID'", shopA))
                .isEqualTo(10_000 + 500 - 1_000);
        assertThat(count("SELECT amount_minor FROM payout WHERE shop_id = $1 AND status = 'PAID'", shopB))
                .isEqualTo(2_000 - 200);
        assertThat(balance(Accounts.sellerPayable(shopA))).isZero();
        assertThat(balance(Accounts.sellerPayable(shopB))).isZero();
        given().auth().oauth2(bobToken).when().get("/api/v1/seller/payouts").then().statusCode(200)
                .body("[0].amount.amount", equalTo(9_500)).body("[0].status", equalTo("PAID"));
        given().auth().oauth2(bobToken).when().get("/api/v1/seller/balance").then().statusCode(200)
                .body("available.amount", equalTo(0)).body("paidOut.amount", equalTo(9_500));

        // a second run the same day pays nothing twice
        payouts.run(delivered.plus(Duration.ofDays(7)).plusSeconds(10)).await().atMost(WAIT);
        assertThat(count("SELECT count(*) FROM payout WHERE shop_id IN ($1, $2)", shopA, shopB)).isEqualTo(2);

        // the buyer returns half of A's goods after A was paid: the share comes back by a transfer reversal
        UUID refundId = UUID.randomUUID();
        refunds.fromOrder(null, order, List.of(GroupRefund.of(refundId, shopA, Money.usd(5_000), Money.usd(0),
                Money.usd(400), Money.usd(500))), "return").await().atMost(WAIT);
        assertThat(count("SELECT amount_minor FROM transfer_reversal WHERE refund_id = $1", refundId))
                .isEqualTo(5_000 - 500);
        assertThat(balance(Accounts.sellerDebt(shopA))).isZero();
        assertThat(balance(Accounts.sellerPayable(shopA))).isZero();
        given().auth().oauth2(KeycloakTokens.user("admin")).when().get("/api/v1/admin/ledger/trial-balance")
                .then().statusCode(200).body("balanced", equalTo(true));
    }

    @Test
    void aRefundAfterPayoutThatCannotBeReversedBecomesDebtTheNextPayoutNets() {
        UUID shopA = UUID.randomUUID();
        UUID shopB = UUID.randomUUID();
        shop(shopA, "seller-" + UUID.randomUUID());
        shop(shopB, "seller-" + UUID.randomUUID());
        UUID first = capturedOrder(shopA, shopB);
        Instant t0 = Instant.now();
        pool.withTransaction(tx -> store.delivered(tx, first, shopA, t0)).await().atMost(WAIT);
        // no payout account yet: nothing is paid, so a refund now only lowers what is owed
        payouts.run(t0.plus(Duration.ofDays(8))).await().atMost(WAIT);
        assertThat(count("SELECT count(*) FROM payout WHERE shop_id = $1", shopA)).isZero();
        payouts.openAccount(shopA, "US").await().atMost(WAIT);
        payouts.run(t0.plus(Duration.ofDays(8))).await().atMost(WAIT);
        assertThat(count("SELECT amount_minor FROM payout WHERE shop_id = $1 AND status = 'PAID'", shopA))
                .isEqualTo(9_500);

        // the seller's connected account is emptied (e.g. paid out to their bank): a later refund becomes debt
        pool.preparedQuery("INSERT INTO sandbox_operation (idempotency_key, kind, charge_id, amount_minor, outcome, "
                + "reference, detail) SELECT 'bank-payout-' || gen_random_uuid(), 'transfer_reversal', reference, "
                + "9500, 'succeeded', 'po_sbx', NULL FROM sandbox_operation WHERE kind = 'transfer' AND detail = "
                + "(SELECT account_id FROM payout_account WHERE shop_id = $1)").execute(Tuple.of(shopA))
                .await().atMost(WAIT);
        refunds.fromOrder(null, first, List.of(GroupRefund.of(UUID.randomUUID(), shopA, Money.usd(2_000),
                Money.usd(0), Money.usd(160), Money.usd(200))), "return").await().atMost(WAIT);
        assertThat(balance(Accounts.sellerDebt(shopA))).isEqualTo(2_000 - 200);
        assertThat(balances.of(shopA, t0.plus(Duration.ofDays(9))).await().atMost(WAIT).debt())
                .isEqualTo(Money.usd(1_800));

        // the next sale is released: the payout nets the debt first
        UUID second = capturedOrder(shopA, shopB);
        pool.withTransaction(tx -> store.delivered(tx, second, shopA, t0)).await().atMost(WAIT);
        payouts.run(t0.plus(Duration.ofDays(10))).await().atMost(WAIT);
        assertThat(count("SELECT amount_minor FROM payout WHERE shop_id = $1 ORDER BY created_at DESC LIMIT 1",
                shopA)).isEqualTo(9_500 - 1_800);
        assertThat(balance(Accounts.sellerDebt(shopA))).isZero();
        given().auth().oauth2(KeycloakTokens.user("admin")).when().get("/api/v1/admin/ledger/trial-balance")
                .then().statusCode(200).body("balanced", equalTo(true));
    }

    @Test
    void onlySellersManageTheirPayoutsAndOnlyAdminsRunThem() {
        given().auth().oauth2(KeycloakTokens.user("alice")).when().get("/api/v1/seller/payouts").then().statusCode(403);
        given().auth().oauth2(KeycloakTokens.user("alice")).contentType("application/json").body(Map.of())
                .when().post("/api/v1/seller/payout-account").then().statusCode(403);
        given().auth().oauth2(KeycloakTokens.user("bob")).when().post("/api/v1/admin/payouts/run")
                .then().statusCode(403);
        // a seller without a shop here (other modules' tests share the topics: sam may have been given one)
        pool.preparedQuery("DELETE FROM shop WHERE owner_subject = $1")
                .execute(Tuple.of(KeycloakTokens.subject(KeycloakTokens.user("sam")))).await().indefinitely();
        given().auth().oauth2(KeycloakTokens.user("sam")).when().get("/api/v1/seller/payouts").then().statusCode(404);
        given().auth().oauth2(KeycloakTokens.user("admin")).when().post("/api/v1/admin/payouts/run")
                .then().statusCode(200);
    }
}
