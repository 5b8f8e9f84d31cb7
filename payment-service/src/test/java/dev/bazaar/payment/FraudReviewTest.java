package dev.bazaar.payment;

import static dev.bazaar.payment.PaymentFlowTest.replies;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.Lines.SellerSplit;
import dev.bazaar.contracts.messaging.Message;
import dev.bazaar.contracts.messaging.PaymentCommand;
import dev.bazaar.contracts.messaging.PaymentReply;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.devstack.testing.KeycloakTokens;
import dev.bazaar.kit.clock.AdjustableClock;
import dev.bazaar.payment.service.FraudReviews;
import dev.bazaar.payment.service.PaymentCommands;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * The fraud review queue (ADR 0026) against the test devstack: a payment in a review band (over $500 in the test
 * profile) is authorized at the sandbox and held; an admin allows it (PaymentAuthorized, then it captures as usual) or
 * blocks it (PaymentDeclined FRAUD, the hold cancelled at the sandbox); two decisions at once — exactly one wins; the
 * leader's sweep blocks what nobody decided in time. And the admins' blocklist, decisions and disputes lists.
 */
@QuarkusTest
class FraudReviewTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String BASE = "/api/v1/admin/fraud";

    @Inject
    PaymentCommands commands;

    @Inject
    PaymentFixtures fx;

    @Inject
    FraudReviews reviews;

    @Inject
    AdjustableClock clock;

    record Held(UUID saga, UUID payment, UUID order, String buyer, PaymentCommand.AuthorizePayment cmd) {}

    /** An authorization of {@code amount} by a new buyer with a US card shipping to the US. */
    Held authorize(long amount, String buyer) {
        UUID saga = UUID.randomUUID();
        UUID payment = UUID.randomUUID();
        UUID order = UUID.randomUUID();
        var cmd = new PaymentCommand.AuthorizePayment(
                saga,
                payment,
                order,
                buyer,
                Money.usd(amount),
                "pm_card_visa",
                "US",
                List.of(new SellerSplit(
                        UUID.randomUUID(),
                        Money.usd(amount - 1_000),
                        Money.usd(1_000),
                        Money.usd(0),
                        Money.usd(amount / 10))));
        commands.authorize(Envelope.of(cmd, 0, Instant.now(), saga, null), cmd)
                .await()
                .atMost(WAIT);
        return new Held(saga, payment, order, buyer, cmd);
    }

    Held held() {
        Held h = authorize(60_000, "buyer-" + UUID.randomUUID());
        Message first = replies(h.saga(), 1).get(0);
        assertThat(first).isInstanceOf(PaymentReply.PaymentUnderReview.class);
        PaymentReply.PaymentUnderReview r = (PaymentReply.PaymentUnderReview) first;
        assertThat(r.paymentId()).isEqualTo(h.payment());
        assertThat(Duration.between(clock.instant(), r.decideBy()))
                .isBetween(Duration.ofSeconds(20), Duration.ofSeconds(31));
        return h;
    }

    String status(UUID payment) {
        return fx.text("SELECT status FROM payment WHERE id = $1", payment);
    }

    String charge(Held h) {
        return fx.text(
                "SELECT status FROM sandbox_charge WHERE transfer_group = $1",
                h.order().toString());
    }

    static ValidatableResponse post(String user, String path, Object body) {
        var req = given().auth().oauth2(KeycloakTokens.user(user)).contentType("application/json");
        return (body == null ? req : req.body(body)).when().post(BASE + path).then();
    }

    @Test
    void aPaymentInTheReviewBandIsHeldAuthorizedUntilAnAdminAllowsItThenCapturesAsUsual() {
        Held h = held();
        assertThat(status(h.payment())).isEqualTo("IN_REVIEW");
        assertThat(charge(h)).as("the hold exists at the provider").isEqualTo("authorized");
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .get(BASE + "/reviews")
                .then()
                .statusCode(200)
                .body("find { it.paymentId == '" + h.payment() + "' }.amountMinor", equalTo(60_000))
                .body("find { it.paymentId == '" + h.payment() + "' }.buyer", equalTo(h.buyer()))
                .body(
                        "find { it.paymentId == '" + h.payment() + "' }.reasons",
                        hasItem("review: amount 60000 above 50000"));

        // a redelivered AuthorizePayment gets the same answer, and nothing more happens at the provider
        commands.authorize(Envelope.of(h.cmd(), 0, Instant.now(), h.saga(), null), h.cmd())
                .await()
                .atMost(WAIT);
        assertThat(replies(h.saga(), 2).get(1)).isEqualTo(replies(h.saga(), 2).get(0));

        post("admin", "/reviews/" + h.payment() + "/allow", Map.of("note", "known customer"))
                .statusCode(200)
                .body("outcome", equalTo("ALLOW"))
                .body("status", equalTo("AUTHORIZED"));
        assertThat(replies(h.saga(), 3).get(2))
                .isEqualTo(new PaymentReply.PaymentAuthorized(
                        h.saga(),
                        h.payment(),
                        h.order(),
                        Money.usd(60_000),
                        fx.text("SELECT provider_reference FROM payment WHERE id = $1", h.payment())));
        post("admin", "/reviews/" + h.payment() + "/allow", null)
                .statusCode(409)
                .contentType(startsWith("application/problem+json"));
        post("admin", "/reviews/" + h.payment() + "/block", Map.of("note", "too late"))
                .statusCode(409);
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .queryParam("outcome", "REVIEW")
                .queryParam("limit", 500)
                .when()
                .get(BASE + "/decisions")
                .then()
                .statusCode(200)
                .body("find { it.paymentId == '" + h.payment() + "' }.reviewedOutcome", equalTo("ALLOW"))
                .body(
                        "find { it.paymentId == '" + h.payment() + "' }.reviewedBy",
                        equalTo(KeycloakTokens.subject(KeycloakTokens.user("admin"))))
                .body("find { it.paymentId == '" + h.payment() + "' }.reviewNote", equalTo("known customer"));
        // the audit log keeps what the admin decided on: the payment as it was, held
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .queryParam("limit", 200)
                .when()
                .get("/api/v1/admin/audit")
                .then()
                .statusCode(200)
                .body(
                        "find { it.path == '" + BASE + "/reviews/" + h.payment()
                                + "/allow' && it.phase == 'COMPLETED' && it.status == 200 }.before",
                        containsString("\"status\":\"IN_REVIEW\""));

        var capture = new PaymentCommand.CapturePayment(h.saga(), h.payment(), h.order(), Money.usd(60_000));
        commands.capture(Envelope.of(capture, 0, Instant.now(), h.saga(), null), capture)
                .await()
                .atMost(WAIT);
        assertThat(status(h.payment())).isEqualTo("CAPTURED");
        assertThat(charge(h)).isEqualTo("captured");
    }

    @Test
    void aBlockNeedsANoteThenVoidsTheHoldAndDeclinesAsFraud() {
        Held h = held();
        post("admin", "/reviews/" + h.payment() + "/block", Map.of())
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("violations.field", hasItem("note"));
        post("admin", "/reviews/" + h.payment() + "/block", Map.of("note", "x".repeat(501)))
                .statusCode(400);
        post("admin", "/reviews/" + h.payment() + "/block", null).statusCode(400);
        post("alice", "/reviews/" + h.payment() + "/block", Map.of("note", "mine"))
                .statusCode(403);
        post("bob", "/reviews/" + h.payment() + "/allow", null).statusCode(403);
        given().contentType("application/json")
                .when()
                .post(BASE + "/reviews/" + h.payment() + "/allow")
                .then()
                .statusCode(401);
        assertThat(status(h.payment())).as("refused calls change nothing").isEqualTo("IN_REVIEW");
        assertThat(replies(h.saga(), 1)).hasSize(1);

        post("admin", "/reviews/" + h.payment() + "/block", Map.of("note", "stolen card reported"))
                .statusCode(200)
                .body("outcome", equalTo("BLOCK"));
        List<Message> r = replies(h.saga(), 2);
        assertThat(r.get(1))
                .isEqualTo(new PaymentReply.PaymentDeclined(
                        h.saga(),
                        h.payment(),
                        h.order(),
                        PaymentReply.DeclineReason.FRAUD,
                        "The payment was blocked by our fraud review."));
        assertThat(charge(h)).as("the hold is cancelled at the provider").isEqualTo("canceled");
        assertThat(status(h.payment())).isEqualTo("VOIDED");
        assertThat(fx.text("SELECT decline_reason FROM payment WHERE id = $1", h.payment()))
                .isEqualTo("FRAUD");
        assertThat(fx.text("SELECT review_note FROM fraud_decision WHERE payment_id = $1", h.payment()))
                .isEqualTo("stolen card reported");
        post("admin", "/reviews/" + h.payment() + "/allow", null).statusCode(409);
        post("admin", "/reviews/" + UUID.randomUUID() + "/allow", null).statusCode(404);
        post("admin", "/reviews/not-a-uuid/allow", null).statusCode(400);
    }

    @Test
    void twoAdminsDecidingAtOnceExactlyOneWins() throws Exception {
        for (int round = 0; round < 3; round++) {
            Held h = held();
            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<Integer> allow = CompletableFuture.supplyAsync(() -> {
                await(go);
                return post("admin", "/reviews/" + h.payment() + "/allow", Map.of())
                        .extract()
                        .statusCode();
            });
            CompletableFuture<Integer> block = CompletableFuture.supplyAsync(() -> {
                await(go);
                return post("admin", "/reviews/" + h.payment() + "/block", Map.of("note", "race"))
                        .extract()
                        .statusCode();
            });
            go.countDown();
            List<Integer> codes = List.of(allow.get(), block.get());
            assertThat(codes).containsExactlyInAnyOrder(200, 409);
            List<Message> r = replies(h.saga(), 2);
            assertThat(r).hasSize(2);
            if (codes.get(0) == 200) {
                assertThat(r.get(1)).isInstanceOf(PaymentReply.PaymentAuthorized.class);
                assertThat(status(h.payment())).isEqualTo("AUTHORIZED");
            } else {
                assertThat(r.get(1)).isInstanceOf(PaymentReply.PaymentDeclined.class);
                assertThat(status(h.payment())).isIn("VOIDING", "VOIDED");
            }
            assertThat(fx.count(
                            "SELECT count(*) FROM fraud_decision WHERE payment_id = $1 "
                                    + "AND reviewed_outcome IS NOT NULL",
                            h.payment()))
                    .isEqualTo(1);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aReviewNobodyDecidesIsBlockedWhenItsWindowEnds() {
        Held h = held();
        assertThat(reviews.expire().await().atMost(WAIT)).as("not yet").isZero();
        assertThat(status(h.payment())).isEqualTo("IN_REVIEW");
        clock.advance(Duration.ofSeconds(31));
        // the leader's sweep (every 2 s in test) or this call, whichever comes first
        reviews.expire().await().atMost(WAIT);
        List<Message> r = replies(h.saga(), 2);
        assertThat(r.get(1)).isInstanceOf(PaymentReply.PaymentDeclined.class);
        assertThat(((PaymentReply.PaymentDeclined) r.get(1)).reason()).isEqualTo(PaymentReply.DeclineReason.FRAUD);
        assertThat(fx.text("SELECT reviewed_by FROM fraud_decision WHERE payment_id = $1", h.payment()))
                .isEqualTo(FraudReviews.SYSTEM);
        assertThat(fx.text("SELECT review_note FROM fraud_decision WHERE payment_id = $1", h.payment()))
                .isEqualTo("review window expired");
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> "canceled".equals(charge(h)));
        post("admin", "/reviews/" + h.payment() + "/allow", null).statusCode(409);
    }

    @Test
    void aSagaVoidWhileHeldCancelsTheHoldAndTheAdminGets409() {
        Held h = held();
        var cmd = new PaymentCommand.VoidPayment(h.saga(), h.payment(), h.order(), "checkout failed: timeout");
        commands.voidPayment(Envelope.of(cmd, 0, Instant.now(), h.saga(), null), cmd)
                .await()
                .atMost(WAIT);
        assertThat(status(h.payment())).isEqualTo("VOIDED");
        assertThat(charge(h)).isEqualTo("canceled");
        post("admin", "/reviews/" + h.payment() + "/allow", null).statusCode(409);
        assertThat(replies(h.saga(), 2).get(1)).isInstanceOf(PaymentReply.PaymentVoided.class);
    }

    @Test
    void theAdminsBlocklistBlocksFromTheNextPaymentOnAndIsAdminsOnly() {
        String buyer = "buyer-" + UUID.randomUUID();
        long before = fx.count("SELECT count(*) FROM fraud_blocklist");
        // wrong roles and bad input change nothing
        for (String user : List.of("alice", "bob")) {
            given().auth()
                    .oauth2(KeycloakTokens.user(user))
                    .when()
                    .get(BASE + "/blocklist")
                    .then()
                    .statusCode(403);
            post(user, "/blocklist", Map.of("kind", "BUYER", "value", buyer, "reason", "r"))
                    .statusCode(403);
            given().auth()
                    .oauth2(KeycloakTokens.user(user))
                    .when()
                    .delete(BASE + "/blocklist/" + UUID.randomUUID())
                    .then()
                    .statusCode(403);
        }
        given().when().get(BASE + "/blocklist").then().statusCode(401);
        List<Map<String, Object>> bad = new ArrayList<>(List.of(
                Map.of("value", buyer, "reason", "r"),
                Map.of("kind", "EMAIL", "value", buyer, "reason", "r"),
                Map.of("kind", "BUYER", "value", " ", "reason", "r"),
                Map.of("kind", "BUYER", "value", buyer),
                Map.of("kind", "BUYER", "value", buyer, "reason", "x".repeat(501)),
                Map.of("kind", "BUYER", "value", "x".repeat(201), "reason", "r"),
                Map.of("kind", "COUNTRY", "value", "USA", "reason", "r")));
        for (Map<String, Object> body : bad) {
            post("admin", "/blocklist", body).statusCode(400).contentType(startsWith("application/problem+json"));
        }
        post("admin", "/blocklist", null).statusCode(400);
        assertThat(fx.count("SELECT count(*) FROM fraud_blocklist")).isEqualTo(before);

        String id = post("admin", "/blocklist", Map.of("kind", "BUYER", "value", buyer, "reason", "chargebacks"))
                .statusCode(201)
                .body("createdBy", equalTo(KeycloakTokens.subject(KeycloakTokens.user("admin"))))
                .extract()
                .path("id");
        post("admin", "/blocklist", Map.of("kind", "BUYER", "value", buyer, "reason", "again"))
                .statusCode(409);
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .get(BASE + "/blocklist")
                .then()
                .statusCode(200)
                .body("find { it.id == '" + id + "' }.reason", equalTo("chargebacks"));

        Held blocked = authorize(1_500, buyer);
        PaymentReply.PaymentDeclined d =
                (PaymentReply.PaymentDeclined) replies(blocked.saga(), 1).get(0);
        assertThat(d.reason()).isEqualTo(PaymentReply.DeclineReason.FRAUD);
        assertThat(fx.count(
                        "SELECT count(*) FROM fraud_decision WHERE payment_id = $1 AND outcome = 'BLOCK' "
                                + "AND 'blocklist: buyer' = ANY(reasons)",
                        blocked.payment()))
                .isEqualTo(1);
        assertThat(fx.count(
                        "SELECT count(*) FROM sandbox_charge WHERE transfer_group = $1",
                        blocked.order().toString()))
                .as("the provider was never asked")
                .isZero();

        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .delete(BASE + "/blocklist/" + id)
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .delete(BASE + "/blocklist/" + id)
                .then()
                .statusCode(404);
        Held allowed = authorize(1_500, buyer);
        assertThat(replies(allowed.saga(), 1).get(0)).isInstanceOf(PaymentReply.PaymentAuthorized.class);
    }

    @Test
    void theDecisionsAndDisputesListsAreAdminsOnlyAndRefuseBadFilters() {
        Held h = held();
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .queryParam("outcome", "REVIEW")
                .when()
                .get(BASE + "/decisions")
                .then()
                .statusCode(200)
                .body("[0].outcome", equalTo("REVIEW"))
                .body("find { it.paymentId == '" + h.payment() + "' }.amountMinor", equalTo(60_000))
                .body("find { it.paymentId == '" + h.payment() + "' }.buyer", equalTo(h.buyer()));
        for (var q : List.of(Map.of("outcome", "MAYBE"), Map.of("limit", "0"), Map.of("limit", "501"))) {
            given().auth()
                    .oauth2(KeycloakTokens.user("admin"))
                    .queryParams(q)
                    .when()
                    .get(BASE + "/decisions")
                    .then()
                    .statusCode(400)
                    .contentType(startsWith("application/problem+json"));
        }
        given().auth()
                .oauth2(KeycloakTokens.user("alice"))
                .when()
                .get(BASE + "/decisions")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .when()
                .get(BASE + "/reviews")
                .then()
                .statusCode(403);

        String dispute = "dp_" + UUID.randomUUID().toString().replace("-", "");
        fx.exec(
                "INSERT INTO dispute (id, payment_id, amount_minor, reason, status) VALUES ($1, $2, 60000, "
                        + "'fraudulent', 'needs_response')",
                dispute,
                h.payment());
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .queryParam("status", "needs_response")
                .when()
                .get("/api/v1/admin/disputes")
                .then()
                .statusCode(200)
                .body("[0].id", equalTo(dispute))
                .body("[0].paymentId", equalTo(h.payment().toString()))
                .body("[0].reason", equalTo("fraudulent"));
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .queryParam("status", "Needs Response!")
                .when()
                .get("/api/v1/admin/disputes")
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(KeycloakTokens.user("sam"))
                .when()
                .get("/api/v1/admin/disputes")
                .then()
                .statusCode(403);
        post("admin", "/reviews/" + h.payment() + "/block", Map.of("note", "test over"))
                .statusCode(200);
    }
}
