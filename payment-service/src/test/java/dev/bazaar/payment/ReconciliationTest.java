package dev.bazaar.payment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.bazaar.devstack.testing.KeycloakTokens;
import dev.bazaar.payment.service.Reconciliation;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Reconciliation (#20): the books against the provider's records. Each kind of difference is made on purpose — a
 * refund the books do not know, a hold left on a card the books voided, a payout transferred twice, a transfer no payout
 * asked for — and found; a payment whose books agree is not reported.
 */
@QuarkusTest
class ReconciliationTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Reconciliation reconciliation;

    @Inject
    PaymentFixtures fx;

    String charge(PaymentFixtures.Captured c) {
        return fx.text("SELECT provider_reference FROM payment WHERE id = $1", c.payment());
    }

    void transfer(String group, long amount) {
        fx.exec(
                "INSERT INTO sandbox_operation (idempotency_key, kind, charge_id, amount_minor, outcome, reference, "
                        + "detail, transfer_group) VALUES ($1, 'transfer', '-', $2, 'succeeded', $3, 'acct_sbx_x', $4)",
                "t-" + UUID.randomUUID(),
                amount,
                "tr_sbx_" + UUID.randomUUID(),
                group);
    }

    /** "The latest report" is this test's own: none left by another test's run, whatever clock that one had. */
    @org.junit.jupiter.api.BeforeEach
    void noEarlierRuns() {
        fx.exec("DELETE FROM reconciliation_run");
    }

    @Test
    void everyKindOfDifferenceIsFoundAndAgreementIsNot() {
        Instant since = Instant.now().minusSeconds(1);
        UUID shopA = UUID.randomUUID();
        UUID shopB = UUID.randomUUID();
        PaymentFixtures.Captured agrees = fx.capturedOrder(shopA, shopB);
        PaymentFixtures.Captured refundedBehindOurBack = fx.capturedOrder(shopA, shopB);
        fx.exec("UPDATE sandbox_charge SET refunded_minor = 500 WHERE id = $1", charge(refundedBehindOurBack));
        PaymentFixtures.Captured holdLeft = fx.authorizedOrder(shopA, shopB, "pm_card_visa");
        fx.exec("UPDATE payment SET status = 'VOIDED' WHERE id = $1", holdLeft.payment());
        UUID paidTwice = UUID.randomUUID();
        fx.exec(
                "INSERT INTO payout (id, shop_id, amount_minor, status) VALUES ($1, $2, 9500, 'PAID')",
                paidTwice,
                shopA);
        transfer("payout:" + paidTwice, 9_500);
        transfer("payout:" + paidTwice, 9_500);
        UUID nobodysPayout = UUID.randomUUID();
        transfer("payout:" + nobodysPayout, 1_234);

        Reconciliation.Report report =
                reconciliation.run(since).await().atMost(WAIT).orElseThrow();
        List<Reconciliation.Difference> d = report.differences();
        assertThat(d).anySatisfy(x -> {
            assertThat(x.kind()).isEqualTo("refunds");
            assertThat(x.reference()).isEqualTo(refundedBehindOurBack.payment().toString());
            assertThat(x.provider()).isEqualTo("refunded 500");
        });
        assertThat(d).anySatisfy(x -> {
            assertThat(x.kind()).isEqualTo("hold");
            assertThat(x.reference()).isEqualTo(holdLeft.payment().toString());
        });
        assertThat(d).anySatisfy(x -> {
            assertThat(x.kind()).isEqualTo("payout");
            assertThat(x.reference()).isEqualTo(paidTwice.toString());
            assertThat(x.provider()).isEqualTo("2 transfer(s) of 19000");
        });
        assertThat(d).anySatisfy(x -> {
            assertThat(x.kind()).isEqualTo("transfer");
            assertThat(x.reference()).isEqualTo(nobodysPayout.toString());
        });
        assertThat(d).noneMatch(x -> x.reference().equals(agrees.payment().toString()));
        assertThat(report.checked()).isGreaterThanOrEqualTo(4);

        String admin = KeycloakTokens.user("admin");
        given().auth()
                .oauth2(admin)
                .when()
                .get("/api/v1/admin/reconciliation")
                .then()
                .statusCode(200)
                .body("id", equalTo(report.id().toString()));
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .when()
                .get("/api/v1/admin/reconciliation")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(admin)
                .queryParam("lookback", "yesterday")
                .when()
                .post("/api/v1/admin/reconciliation/run")
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(admin)
                .queryParam("lookback", "PT1M")
                .when()
                .post("/api/v1/admin/reconciliation/run")
                .then()
                .statusCode(200);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(given().when()
                                .get("/q/metrics")
                                .then()
                                .extract()
                                .asString())
                        .containsPattern("bazaar_reconciliation_differences(\\{[^}]*\\})? [1-9]"));
    }
}
