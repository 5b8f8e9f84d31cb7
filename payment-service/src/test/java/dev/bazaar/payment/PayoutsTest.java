package dev.bazaar.payment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import dev.bazaar.contracts.messaging.Lines.GroupRefund;
import dev.bazaar.contracts.messaging.ShopEvent;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.devstack.testing.KeycloakTokens;
import dev.bazaar.devstack.testing.KeycloakUsers;
import dev.bazaar.kit.replica.ShopReplica;
import dev.bazaar.payment.domain.Accounts;
import dev.bazaar.payment.persistence.PaymentStore;
import dev.bazaar.payment.service.Payouts;
import dev.bazaar.payment.service.Refunds;
import dev.bazaar.payment.service.SellerBalances;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

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

    @Inject
    ShopReplica replica;

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

    /** bob's shop (his only one) and another seller's, both with payout accounts, and one captured order delivered. */
    record Sellers(UUID shopA, UUID shopB, String bobAccount, UUID order, Instant delivered) {}

    /** Opens bob's account through the API (paid daily), the other seller's directly; delivers one order now. */
    Sellers bobAndAnotherSellerDelivered() {
        String bob = KeycloakTokens.subject(KeycloakTokens.user("bob"));
        UUID shopA = UUID.randomUUID();
        UUID shopB = UUID.randomUUID();
        shop(shopA, bob);
        shop(shopB, "seller-" + UUID.randomUUID());
        // one shop per seller (the catalog's rule): earlier tests' shops for bob go
        pool.preparedQuery("DELETE FROM shop WHERE owner_subject = $1 AND id <> $2")
                .execute(Tuple.of(bob, shopA))
                .await()
                .atMost(WAIT);

        String bobToken = KeycloakTokens.user("bob");
        String account = given().auth()
                .oauth2(bobToken)
                .contentType("application/json")
                .body(Map.of("country", "US"))
                .when()
                .post("/api/v1/seller/payout-account")
                .then()
                .statusCode(200)
                .body("verified", equalTo(true))
                .body("accountId", startsWith("acct_sbx_"))
                .extract()
                .path("accountId");
        given().auth()
                .oauth2(bobToken)
                .contentType("application/json")
                .body(Map.of("interval", "DAILY"))
                .when()
                .put("/api/v1/seller/payout-schedule")
                .then()
                .statusCode(200)
                .body("schedule", equalTo("DAILY"));
        given().auth()
                .oauth2(bobToken)
                .contentType("application/json")
                .body(Map.of("interval", "HOURLY"))
                .when()
                .put("/api/v1/seller/payout-schedule")
                .then()
                .statusCode(400);
        PaymentFixtures.onVertxContext(() -> payouts.openAccount(shopB, "US"));

        UUID order = capturedOrder(shopA, shopB);
        Instant delivered = Instant.now();
        pool.withTransaction(tx -> store.delivered(tx, order, shopA, delivered)
                        .flatMap(x -> store.delivered(tx, order, shopB, delivered)))
                .await()
                .atMost(WAIT);
        return new Sellers(shopA, shopB, account, order, delivered);
    }

    @Test
    void aRunAfterTheHoldingPeriodPaysTwoSellersTheirExactSharesAndARefundAfterwardsIsReversed() {
        Sellers sellers = bobAndAnotherSellerDelivered();
        UUID shopA = sellers.shopA();
        UUID shopB = sellers.shopB();
        UUID order = sellers.order();
        Instant delivered = sellers.delivered();
        String bobToken = KeycloakTokens.user("bob");

        payouts.run(delivered.plus(Duration.ofDays(6))).await().atMost(WAIT);
        assertThat(count("SELECT count(*) FROM payout WHERE shop_id IN ($1, $2)", shopA, shopB))
                .isZero();

        payouts.run(delivered.plus(Duration.ofDays(7)).plusSeconds(5)).await().atMost(WAIT);
        assertThat(count("SELECT amount_minor FROM payout WHERE shop_id = $1 AND status = 'PAID'", shopA))
                .isEqualTo(10_000 + 500 - 1_000);
        assertThat(count("SELECT amount_minor FROM payout WHERE shop_id = $1 AND status = 'PAID'", shopB))
                .isEqualTo(2_000 - 200);
        assertThat(balance(Accounts.sellerPayable(shopA))).isZero();
        assertThat(balance(Accounts.sellerPayable(shopB))).isZero();
        given().auth()
                .oauth2(bobToken)
                .when()
                .get("/api/v1/seller/payouts")
                .then()
                .statusCode(200)
                .body("[0].amount.amount", equalTo(9_500))
                .body("[0].status", equalTo("PAID"));
        given().auth()
                .oauth2(bobToken)
                .when()
                .get("/api/v1/seller/balance")
                .then()
                .statusCode(200)
                .body("available.amount", equalTo(0))
                .body("paidOut.amount", equalTo(9_500));

        // a second run the same day pays nothing twice
        payouts.run(delivered.plus(Duration.ofDays(7)).plusSeconds(10)).await().atMost(WAIT);
        assertThat(count("SELECT count(*) FROM payout WHERE shop_id IN ($1, $2)", shopA, shopB))
                .isEqualTo(2);

        // the buyer returns half of A's goods after A was paid: the share comes back by a transfer reversal
        UUID refundId = UUID.randomUUID();
        refunds.fromOrder(
                        null,
                        order,
                        List.of(GroupRefund.of(
                                refundId, shopA, Money.usd(5_000), Money.usd(0), Money.usd(400), Money.usd(500))),
                        "return")
                .await()
                .atMost(WAIT);
        assertThat(count("SELECT amount_minor FROM transfer_reversal WHERE refund_id = $1", refundId))
                .isEqualTo(5_000 - 500);
        assertThat(balance(Accounts.sellerDebt(shopA))).isZero();
        assertThat(balance(Accounts.sellerPayable(shopA))).isZero();
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .get("/api/v1/admin/ledger/trial-balance")
                .then()
                .statusCode(200)
                .body("balanced", equalTo(true));
    }

    @Test
    void aRefundAfterPayoutThatCannotBeReversedBecomesDebtTheNextPayoutNets() {
        UUID shopA = UUID.randomUUID();
        UUID shopB = UUID.randomUUID();
        shop(shopA, "seller-" + UUID.randomUUID());
        shop(shopB, "seller-" + UUID.randomUUID());
        UUID first = capturedOrder(shopA, shopB);
        Instant t0 = Instant.now();
        pool.withTransaction(tx -> store.delivered(tx, first, shopA, t0))
                .await()
                .atMost(WAIT);
        // no payout account yet: nothing is paid, so a refund now only lowers what is owed
        payouts.run(t0.plus(Duration.ofDays(8))).await().atMost(WAIT);
        assertThat(count("SELECT count(*) FROM payout WHERE shop_id = $1", shopA))
                .isZero();
        PaymentFixtures.onVertxContext(() -> payouts.openAccount(shopA, "US"));
        payouts.run(t0.plus(Duration.ofDays(8))).await().atMost(WAIT);
        assertThat(count("SELECT amount_minor FROM payout WHERE shop_id = $1 AND status = 'PAID'", shopA))
                .isEqualTo(9_500);

        // the seller's connected account is emptied (e.g. paid out to their bank): a later refund becomes debt
        pool.preparedQuery("INSERT INTO sandbox_operation (idempotency_key, kind, charge_id, amount_minor, outcome, "
                        + "reference, detail) SELECT 'bank-payout-' || gen_random_uuid(), 'transfer_reversal', reference, "
                        + "9500, 'succeeded', 'po_sbx', NULL FROM sandbox_operation WHERE kind = 'transfer' AND detail = "
                        + "(SELECT account_id FROM payout_account WHERE shop_id = $1)")
                .execute(Tuple.of(shopA))
                .await()
                .atMost(WAIT);
        refunds.fromOrder(
                        null,
                        first,
                        List.of(GroupRefund.of(
                                UUID.randomUUID(),
                                shopA,
                                Money.usd(2_000),
                                Money.usd(0),
                                Money.usd(160),
                                Money.usd(200))),
                        "return")
                .await()
                .atMost(WAIT);
        assertThat(balance(Accounts.sellerDebt(shopA))).isEqualTo(2_000 - 200);
        assertThat(balances.of(shopA, t0.plus(Duration.ofDays(9)))
                        .await()
                        .atMost(WAIT)
                        .debt())
                .isEqualTo(Money.usd(1_800));

        // the next sale is released: the payout nets the debt first
        UUID second = capturedOrder(shopA, shopB);
        pool.withTransaction(tx -> store.delivered(tx, second, shopA, t0))
                .await()
                .atMost(WAIT);
        payouts.run(t0.plus(Duration.ofDays(10))).await().atMost(WAIT);
        assertThat(count("SELECT amount_minor FROM payout WHERE shop_id = $1 ORDER BY created_at DESC LIMIT 1", shopA))
                .isEqualTo(9_500 - 1_800);
        assertThat(balance(Accounts.sellerDebt(shopA))).isZero();
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .get("/api/v1/admin/ledger/trial-balance")
                .then()
                .statusCode(200)
                .body("balanced", equalTo(true));
    }

    @Test
    void payoutsPauseWhileTheProviderRequiresSomethingAndTheSellerSeesWhatWithAFreshLink() {
        Sellers sellers = bobAndAnotherSellerDelivered();
        UUID shopA = sellers.shopA();
        UUID shopB = sellers.shopB();
        String account = sellers.bobAccount();
        Instant delivered = sellers.delivered();
        String bobToken = KeycloakTokens.user("bob");

        // Stripe says a document is due (and, out of order, an older "all clear" arrives afterwards)
        long now = Instant.now().getEpochSecond();
        accountUpdated(account, now, true, "[\"individual.verification.document\"]", "[]", "null", now + 86_400)
                .statusCode(200)
                .body("result", startsWith("payout account verified; requirements due, payouts paused"));
        accountUpdated(account, now - 60, true, "[]", "[]", "null", 0)
                .statusCode(200)
                .body("result", equalTo("stale: a newer account.updated was applied"));
        given().auth()
                .oauth2(bobToken)
                .when()
                .get("/api/v1/seller/payout-account")
                .then()
                .statusCode(200)
                .body("verified", equalTo(true))
                .body("payoutsPaused", equalTo(true))
                .body("requirements.currentlyDue", contains("individual.verification.document"))
                .body(
                        "requirements.deadline",
                        startsWith(
                                Instant.ofEpochSecond(now + 86_400).toString().substring(0, 10)));

        // a run pays the other seller, not the one whose account has something due
        payouts.run(delivered.plus(Duration.ofDays(7)).plusSeconds(5)).await().atMost(WAIT);
        assertThat(count("SELECT count(*) FROM payout WHERE shop_id = $1", shopA))
                .isZero();
        assertThat(count("SELECT amount_minor FROM payout WHERE shop_id = $1 AND status = 'PAID'", shopB))
                .isEqualTo(2_000 - 200);

        // a fresh link to give Stripe the document (the sandbox's leads back to the portal)
        given().auth()
                .oauth2(bobToken)
                .when()
                .post("/api/v1/seller/payout-account/onboarding-link")
                .then()
                .statusCode(200)
                .body("onboardingUrl", startsWith("http"))
                .body("accountId", equalTo(account));

        // the document is in: the next run pays the seller
        accountUpdated(account, now + 1, true, "[]", "[]", "null", 0)
                .statusCode(200)
                .body("result", equalTo("payout account verified"));
        given().auth()
                .oauth2(bobToken)
                .when()
                .get("/api/v1/seller/payout-account")
                .then()
                .statusCode(200)
                .body("payoutsPaused", equalTo(false))
                .body("requirements.currentlyDue", hasSize(0));
        payouts.run(delivered.plus(Duration.ofDays(7)).plusSeconds(10)).await().atMost(WAIT);
        assertThat(count("SELECT amount_minor FROM payout WHERE shop_id = $1 AND status = 'PAID'", shopA))
                .isEqualTo(10_000 + 500 - 1_000);

        // an account Stripe disabled is paused too
        accountUpdated(account, now + 2, false, "[]", "[\"external_account\"]", "\"requirements.past_due\"", 0)
                .statusCode(200)
                .body("result", equalTo("payout account not (yet) verified"));
        given().auth()
                .oauth2(bobToken)
                .when()
                .get("/api/v1/seller/payout-account")
                .then()
                .statusCode(200)
                .body("verified", equalTo(false))
                .body("payoutsPaused", equalTo(true))
                .body("requirements.pastDue", contains("external_account"))
                .body("requirements.disabledReason", equalTo("requirements.past_due"));
    }

    /** Stripe's account.updated for {@code account}, created at {@code created}, on the Connect endpoint. */
    private io.restassured.response.ValidatableResponse accountUpdated(
            String account,
            long created,
            boolean payoutsEnabled,
            String currentlyDue,
            String pastDue,
            String disabledReason,
            long deadline) {
        String payload = StripeWebhookTest.fixture(
                "account.updated.requirements",
                "evt_" + UUID.randomUUID().toString().replace("-", ""),
                "ACCOUNT_ID",
                account,
                "CREATED",
                Long.toString(created),
                "PAYOUTS_ENABLED",
                Boolean.toString(payoutsEnabled),
                "CURRENTLY_DUE",
                currentlyDue,
                "PAST_DUE",
                pastDue,
                "DISABLED_REASON",
                disabledReason,
                "DEADLINE",
                deadline == 0 ? "null" : Long.toString(deadline));
        return StripeWebhookTest.post(
                "/api/v1/webhooks/stripe-connect",
                payload,
                StripeWebhookTest.sign(
                        payload, StripeWebhookTest.CONNECT_SECRET, Instant.now().getEpochSecond()));
    }

    @Test
    void onlySellersManageTheirPayoutsAndOnlyAdminsRunThem() {
        given().auth()
                .oauth2(KeycloakTokens.user("alice"))
                .when()
                .get("/api/v1/seller/payouts")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(KeycloakTokens.user("alice"))
                .contentType("application/json")
                .body(Map.of())
                .when()
                .post("/api/v1/seller/payout-account")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(KeycloakTokens.user("alice"))
                .when()
                .get("/api/v1/seller/payout-account")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(KeycloakTokens.user("alice"))
                .when()
                .post("/api/v1/seller/payout-account/onboarding-link")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .when()
                .post("/api/v1/admin/payouts/run")
                .then()
                .statusCode(403);
        // a seller without a shop here (other modules' tests share the topics: sam may have been given one)
        pool.preparedQuery("DELETE FROM shop WHERE owner_subject = $1")
                .execute(Tuple.of(KeycloakTokens.subject(KeycloakTokens.user("sam"))))
                .await()
                .indefinitely();
        given().auth()
                .oauth2(KeycloakTokens.user("sam"))
                .when()
                .get("/api/v1/seller/payouts")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(KeycloakTokens.user("sam"))
                .when()
                .get("/api/v1/seller/payout-account")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(KeycloakTokens.user("sam"))
                .when()
                .post("/api/v1/seller/payout-account/onboarding-link")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .post("/api/v1/admin/payouts/run")
                .then()
                .statusCode(200);
    }

    @Test
    void aShopsStaffSeeNoPayoutsNoBalanceAndNoPayoutAccount() {
        Sellers sellers = bobAndAnotherSellerDelivered();
        KeycloakUsers.User clerk = KeycloakUsers.seller("pay-staff-");
        // catalog's event naming the clerk as bob's staff (ADR 0027): payment keeps owners only
        replica.record(
                        new ShopEvent.ShopPolicyChanged(
                                sellers.shopA(),
                                KeycloakTokens.subject(KeycloakTokens.user("bob")),
                                30,
                                List.of(clerk.subject())),
                        1_000,
                        Instant.now())
                .await()
                .atMost(WAIT);
        String token = clerk.token();
        given().auth()
                .oauth2(token)
                .when()
                .get("/api/v1/seller/payouts")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().auth()
                .oauth2(token)
                .when()
                .get("/api/v1/seller/balance")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().auth()
                .oauth2(token)
                .when()
                .get("/api/v1/seller/payout-account")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of("interval", "WEEKLY"))
                .when()
                .put("/api/v1/seller/payout-schedule")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of("country", "US"))
                .when()
                .post("/api/v1/seller/payout-account")
                .then()
                .statusCode(404);
        assertThat(count(
                        "SELECT count(*) FROM payout_account WHERE shop_id = $1 AND schedule = 'WEEKLY'",
                        sellers.shopA()))
                .isZero();
        // the owner still sees the shop's money
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .when()
                .get("/api/v1/seller/balance")
                .then()
                .statusCode(200);
    }
}
