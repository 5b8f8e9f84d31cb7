package dev.bazaar.payment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.Lines.SellerSplit;
import dev.bazaar.contracts.messaging.MessageCodec;
import dev.bazaar.contracts.messaging.PaymentCommand;
import dev.bazaar.contracts.messaging.Topic;
import dev.bazaar.contracts.money.Money;
import dev.bazaar.devstack.External;
import dev.bazaar.devstack.testing.KafkaTopics;
import dev.bazaar.devstack.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * In-flight messages under a database outage (#20, scenario 4): a command that arrives while payment's database
 * refuses every connection (connections killed, new ones refused — what a failover looks like from here) is handled
 * once the database is back, never dead-lettered; what does land in a DLQ is listed and replayed by an admin.
 */
@QuarkusTest
class ConsumerFaultsTest {

    @Inject
    PaymentFixtures fx;

    /** The devstack's superuser, on the server of payment's database (not on that database, which it closes). */
    Connection superuser() throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://" + External.pgHost() + ":"
                        + External.pgPort(dev.bazaar.devstack.Profile.test(dev.bazaar.devstack.Profile.findRepoRoot()))
                        + "/postgres",
                "postgres",
                "");
    }

    Envelope<PaymentCommand.AuthorizePayment> authorize(UUID payment) {
        var cmd = new PaymentCommand.AuthorizePayment(
                UUID.randomUUID(),
                payment,
                UUID.randomUUID(),
                "buyer-" + UUID.randomUUID(),
                Money.usd(2_000),
                "pm_card_visa",
                "US",
                List.of(new SellerSplit(
                        UUID.randomUUID(), Money.usd(2_000), Money.usd(0), Money.usd(0), Money.usd(200))));
        return Envelope.of(cmd, 0, Instant.now(), null, null);
    }

    /** Records with this key in a topic, read for a few seconds from the start. */
    long records(String topic, String key) {
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(KafkaTopics.client(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG,
                "t-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName())))) {
            c.subscribe(List.of(topic));
            long n = 0;
            long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
            while (System.nanoTime() < until) {
                for (var r : c.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        n++;
                    }
                }
            }
            return n;
        }
    }

    @Test
    void aCommandThatArrivesDuringADatabaseOutageIsHandledWhenItIsBackNotDeadLettered() throws Exception {
        UUID payment = UUID.randomUUID();
        Envelope<PaymentCommand.AuthorizePayment> command = authorize(payment);
        try (Connection su = superuser();
                var st = su.createStatement()) {
            st.execute("ALTER DATABASE payments CONNECTION LIMIT 0");
            st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'payments' "
                    + "AND pid <> pg_backend_pid()");
            try {
                KafkaTopics.send(
                        Topic.PAYMENT_COMMANDS.topicName(), command.key(), MessageCodec.encodeToString(command));
                Thread.sleep(5_000); // a five-second failover
            } finally {
                st.execute("ALTER DATABASE payments CONNECTION LIMIT -1");
            }
        }
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() ->
                        fx.count("SELECT count(*) FROM payment WHERE id = $1 AND status = 'AUTHORIZED'", payment) == 1);
        assertThat(KafkaTopics.await(Topic.PAYMENT_REPLIES.topicName(), command.key()::equals, 1))
                .as("the saga is answered")
                .hasSize(1);
        assertThat(records(Topic.PAYMENT_COMMANDS.dlq(), command.key()))
                .as("nothing dead-lettered")
                .isZero();
        // and the service is ready again, every pool included
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> given().when().get("/q/health/ready").then().statusCode(200));
    }

    @Test
    void aDeadLetterIsListedForAdminsAndReplayedToItsTopic() {
        UUID payment = UUID.randomUUID();
        Envelope<PaymentCommand.AuthorizePayment> command = authorize(payment);
        // a command dead-lettered earlier (by a bug since fixed)
        KafkaTopics.send(Topic.PAYMENT_COMMANDS.dlq(), command.key(), MessageCodec.encodeToString(command));
        String admin = KeycloakTokens.user("admin");
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> given().auth()
                        .oauth2(admin)
                        .queryParam("max", 500)
                        .when()
                        .get("/api/v1/admin/dead-letters")
                        .then()
                        .statusCode(200)
                        .body("find { it.topic == 'payment.commands.dlq' }.depth", greaterThanOrEqualTo(1))
                        .body(
                                "find { it.topic == 'payment.commands.dlq' }.letters.key",
                                org.hamcrest.Matchers.hasItem(command.key())));
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .when()
                .get("/api/v1/admin/dead-letters")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(admin)
                .when()
                .post("/api/v1/admin/dead-letters/nope.dlq/replay")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(admin)
                .when()
                .get("/api/v1/admin/dead-letters?max=9999")
                .then()
                .statusCode(400);

        given().auth()
                .oauth2(admin)
                .when()
                .post("/api/v1/admin/dead-letters/payment.commands.dlq/replay")
                .then()
                .statusCode(200)
                .body("topic", equalTo("payment.commands.dlq"))
                .body("replayed", greaterThanOrEqualTo(1));
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        fx.count("SELECT count(*) FROM payment WHERE id = $1 AND status = 'AUTHORIZED'", payment) == 1);
        given().auth()
                .oauth2(admin)
                .queryParam("max", 500)
                .when()
                .get("/api/v1/admin/dead-letters")
                .then()
                .statusCode(200)
                .body(
                        "find { it.topic == 'payment.commands.dlq' }.letters.key",
                        org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(command.key())));
    }
}
