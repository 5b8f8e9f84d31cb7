package dev.bazaar.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.bazaar.contracts.messaging.OrderEvent;
import dev.bazaar.devstack.testing.DevstackTestResource;
import dev.bazaar.devstack.testing.KeycloakTokens;
import dev.bazaar.devstack.testing.Mailbox;
import dev.bazaar.notification.domain.NotificationPlan;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The SMTP server is down (SmtpGate shut): a send is tried, retried with backoff, and dead after the last attempt,
 * listed for admins; once the server is back an admin's retry delivers it, once.
 */
@QuarkusTest
@TestProfile(SmtpDownTest.SmtpBehindAGate.class)
class SmtpDownTest {

    /** This module's devstack without its mail component: the mailer goes through the gate instead. */
    public static class SmtpBehindAGate implements QuarkusTestProfile {
        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(
                    new TestResourceEntry(
                            DevstackTestResource.class,
                            Map.of("components", "postgres,kafka,keycloak", "database", "notifications")),
                    new TestResourceEntry(KeycloakViewUsers.class),
                    new TestResourceEntry(SmtpGate.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "bazaar.notifications.max-attempts",
                    "3",
                    "bazaar.notifications.first-backoff",
                    "1s",
                    "bazaar.notifications.max-backoff",
                    "1s");
        }
    }

    @Inject
    Pool pool;

    @Test
    void aSendThatKeepsFailingIsRetriedThenDeadAndAnAdminsRetryDeliversItOnceTheServerIsBack() {
        SmtpGate.shut();
        String alice = KeycloakViewUsers.subject("alice");
        UUID shop = Events.approvedShop(KeycloakViewUsers.subject("bob"), "Bob's Mugs");
        UUID order = UUID.randomUUID();
        String ref = NotificationPlan.orderRef(order);
        OrderEvent.OrderPlaced placed = Events.placed(order, alice, List.of(Events.group(shop, "Jug " + ref, 1, 900)));
        Events.send(Events.envelope(placed, 1));
        var paid = Events.envelope(new OrderEvent.OrderPaid(order, placed.paymentId(), placed.total()), 2);
        Events.send(paid);

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> rows(paid.id()).stream()
                                .filter(r -> r.getString("status").equals("DEAD"))
                                .count()
                        == 2);
        Row confirmation = rows(paid.id()).stream()
                .filter(r -> r.getString("type").equals("BUYER_ORDER_CONFIRMED"))
                .findFirst()
                .orElseThrow();
        assertThat(confirmation.getInteger("attempts")).isEqualTo(3);
        assertThat(confirmation.getString("last_error")).isNotBlank().doesNotContain("@bazaar.test");
        String admin = KeycloakTokens.user("admin");
        List<String> dead = given().auth()
                .oauth2(admin)
                .get("/api/v1/admin/notifications/failed?limit=500")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("id");
        assertThat(dead).contains(confirmation.getUUID("id").toString());

        SmtpGate.open();
        given().auth()
                .oauth2(admin)
                .post("/api/v1/admin/notifications/" + confirmation.getUUID("id") + "/retry")
                .then()
                .statusCode(200)
                .body("status", equalTo("QUEUED"))
                .body("attempts", equalTo(0));
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> rows(paid.id()).stream()
                        .anyMatch(r -> r.getString("type").equals("BUYER_ORDER_CONFIRMED")
                                && r.getString("status").equals("SENT")));
        List<Mailbox.Mail> mails = Mailbox.test()
                .await("alice@bazaar.test", m -> m.subject().contains("Your order " + ref + " is confirmed"), 1);
        assertThat(mails).hasSize(1);
        // the seller's send stays dead until retried: nothing was sent behind the admins' back
        assertThat(Mailbox.test().messages("bob@bazaar.test"))
                .noneMatch(m -> m.subject().contains(ref));
    }

    private List<Row> rows(UUID sourceEvent) {
        List<Row> out = new java.util.ArrayList<>();
        pool.preparedQuery("SELECT id, type, status, attempts, last_error FROM notification WHERE source_event_id = $1")
                .execute(Tuple.of(sourceEvent))
                .await()
                .atMost(Duration.ofSeconds(5))
                .forEach(out::add);
        return out;
    }
}
