package dev.bazaar.payment;

import dev.bazaar.devstack.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class TrialBalanceTest {

    @Inject
    Pool pool;

    @BeforeEach
    void givenAnEmptyLedger() {
        pool.query("DELETE FROM ledger_entry").execute().await().indefinitely();
    }

    @Test
    void anonymousCallerIsUnauthorized() {
        given().when().get("/api/v1/admin/ledger/trial-balance").then().statusCode(401);
    }

    @Test
    void sellerAndBuyerAreForbidden() {
        for (String user : new String[] { "bob", "alice" }) {
            given().auth().oauth2(KeycloakTokens.user(user))
                    .when().get("/api/v1/admin/ledger/trial-balance")
                    .then().statusCode(403);
        }
    }

    @Test
    void aBalancedTransactionShowsPerAccountBalancesAndAZeroTotal() {
        UUID tx = UUID.randomUUID();
        entry(tx, "buyer_clearing", 10_000);
        entry(tx, "commission_revenue", -800);
        entry(tx, "tax_payable", -700);
        entry(tx, "platform_cash", -8_500);

        given().auth().oauth2(KeycloakTokens.user("admin"))
                .when().get("/api/v1/admin/ledger/trial-balance")
                .then().statusCode(200)
                .body("accounts.find { it.code == 'buyer_clearing' }.balance.amount", equalTo(10_000))
                .body("accounts.find { it.code == 'commission_revenue' }.balance.amount", equalTo(-800))
                .body("accounts.find { it.code == 'refunds' }.balance.amount", equalTo(0))
                .body("totals.amount", contains(0))
                .body("totals.currency", contains("USD"))
                .body("balanced", equalTo(true));
    }

    @Test
    void anUnbalancedLedgerIsReportedAsSuch() {
        entry(UUID.randomUUID(), "buyer_clearing", 500);

        given().auth().oauth2(KeycloakTokens.user("admin"))
                .when().get("/api/v1/admin/ledger/trial-balance")
                .then().statusCode(200)
                .body("totals.amount", contains(500))
                .body("balanced", equalTo(false));
    }

    private void entry(UUID tx, String account, long amount) {
        pool.preparedQuery("""
                INSERT INTO ledger_entry (transaction_id, account_code, amount_minor, currency)
                VALUES ($1, $2, $3, 'USD')""")
                .execute(Tuple.of(tx, account, amount))
                .await().indefinitely();
    }
}
