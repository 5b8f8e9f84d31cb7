package dev.bazaar.payment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import dev.bazaar.devstack.testing.KeycloakTokens;
import dev.bazaar.payment.domain.Accounts;
import dev.bazaar.payment.domain.LedgerTransaction;
import dev.bazaar.payment.persistence.LedgerRepository;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The trial balance endpoint, and the database's own guarantees: balanced at commit, append-only. */
@QuarkusTest
class TrialBalanceTest {

    @Inject
    Pool pool;

    @Inject
    LedgerRepository ledger;

    @Test
    void anonymousCallerIsUnauthorized() {
        given().when().get("/api/v1/admin/ledger/trial-balance").then().statusCode(401);
    }

    @Test
    void sellerAndBuyerAreForbidden() {
        for (String user : new String[] {"bob", "alice"}) {
            given().auth()
                    .oauth2(KeycloakTokens.user(user))
                    .when()
                    .get("/api/v1/admin/ledger/trial-balance")
                    .then()
                    .statusCode(403);
        }
    }

    @Test
    void aBalancedTransactionMovesEachAccountAndTheTotalStaysZero() {
        UUID shop = UUID.randomUUID();
        LedgerTransaction t = new LedgerTransaction.Builder("TEST", "test movement", "USD")
                .debit(Accounts.BUYER_CLEARING, 10_000)
                .credit(Accounts.sellerPayable(shop), 8_500, shop)
                .credit(Accounts.COMMISSION_REVENUE, 800)
                .credit(Accounts.TAX_PAYABLE, 700)
                .build(UUID.randomUUID());
        pool.withTransaction(tx -> ledger.post(tx, t, null, null, shop)).await().atMost(Duration.ofSeconds(5));

        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .get("/api/v1/admin/ledger/trial-balance")
                .then()
                .statusCode(200)
                .body(
                        "accounts.find { it.code == '" + Accounts.sellerPayable(shop) + "' }.balance.amount",
                        equalTo(-8_500))
                .body("accounts.find { it.code == 'refunds' }.balance.currency", equalTo("USD"))
                .body("totals.amount", contains(0))
                .body("totals.currency", contains("USD"))
                .body("balanced", equalTo(true));
    }

    @Test
    void theDatabaseRefusesAnUnbalancedTransactionAtCommit() {
        UUID tx = UUID.randomUUID();
        assertThatThrownBy(() -> pool.withTransaction(c -> c.preparedQuery(
                                        "INSERT INTO ledger_transaction (id, kind, description) VALUES ($1, 'TEST', 'unbalanced')")
                                .execute(Tuple.of(tx))
                                .flatMap(x -> c.preparedQuery(
                                                "INSERT INTO ledger_entry (transaction_id, account_code, amount_minor, "
                                                        + "currency) VALUES ($1, 'buyer_clearing', 500, 'USD')")
                                        .execute(Tuple.of(tx))))
                        .await()
                        .atMost(Duration.ofSeconds(5)))
                .hasMessageContaining("not balanced");
        assertThat(pool.preparedQuery("SELECT count(*) FROM ledger_entry WHERE transaction_id = $1")
                        .execute(Tuple.of(tx))
                        .await()
                        .atMost(Duration.ofSeconds(5))
                        .iterator()
                        .next()
                        .getLong(0))
                .isZero();
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .get("/api/v1/admin/ledger/trial-balance")
                .then()
                .statusCode(200)
                .body("balanced", equalTo(true));
    }

    @Test
    void postedEntriesCanNeitherChangeNorDisappear() {
        LedgerTransaction t = new LedgerTransaction.Builder("TEST", "something to protect", "USD")
                .debit(Accounts.PLATFORM_CASH, 100)
                .credit(Accounts.COMMISSION_REVENUE, 100)
                .build(UUID.randomUUID());
        pool.withTransaction(tx -> ledger.post(tx, t, null, null, null)).await().atMost(Duration.ofSeconds(5));
        assertThatThrownBy(() -> pool.query("UPDATE ledger_entry SET amount_minor = amount_minor + 1")
                        .execute()
                        .await()
                        .atMost(Duration.ofSeconds(5)))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() ->
                        pool.query("DELETE FROM ledger_entry").execute().await().atMost(Duration.ofSeconds(5)))
                .hasMessageContaining("append-only");
    }
}
