package dev.bazaar.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bazaar.devstack.testing.KafkaTopics;
import dev.bazaar.devstack.testing.KeycloakTokens;
import dev.bazaar.devstack.testing.Mailbox;
import dev.bazaar.devstack.testing.Mailbox.Mail;
import dev.bazaar.system.Marketplace.Listing;
import dev.bazaar.system.Platform.Service;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * notification-service as its users meet it, on the packaged platform: the mail server stopped during a checkout does
 * not stop the order, and the emails arrive once it is back; then notification-service's consumer groups are rewound
 * to the start of order.events and payment.events (a replay after an incident) and nothing is sent twice.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotificationSystemTest {

    private static final Pattern FAILED = Pattern.compile("(?m)^bazaar_notifications_failed_total\\S*\\s+([0-9.E]+)");
    private static final Pattern QUEUED = Pattern.compile("(?m)^bazaar_notifications_queued\\S*\\s+([0-9.E]+)");
    private static final List<String> GROUPS = List.of("notification-order-events", "notification-payment-events");

    static Platform platform;
    static Marketplace market;
    static Listing kettle;
    static final Mailbox MAILBOX = Mailbox.test();
    static final String BUYER = "load091";
    static String orderRef;

    @BeforeAll
    static void aProduct() {
        platform = Platform.shared();
        market = new Marketplace(platform);
        market.freshCatalog();
        kettle = market.listing("bob", market.approvedShop("bob", "Bob Kettles"), "Copper kettle", 4_500, 40, 900);
    }

    @Test
    @Order(1)
    void theMailServerStoppedDuringACheckoutDelaysTheEmailsButNotTheOrder() {
        double failedBefore = failedSends();
        platform.stopMail();
        String orderId;
        try {
            market.cart(BUYER, Map.of(kettle.variantId(), 1));
            String checkout =
                    market.quote(BUYER).then().statusCode(201).extract().path("id");
            Response done = market.confirmToEnd(BUYER, checkout, "k-" + UUID.randomUUID(), "pm_card_visa");
            assertThat(done.statusCode())
                    .as("the checkout completes with no mail server: %s", done.asString())
                    .isEqualTo(200);
            orderId = done.path("orderId");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> "PAID"
                            .equals(given().auth()
                                    .oauth2(KeycloakTokens.user(BUYER))
                                    .when()
                                    .get(market.url(Service.ORDER, "/api/v1/orders/" + orderId))
                                    .path("status")));
            // notification-service tried, failed and keeps the sends for later
            await().atMost(Duration.ofSeconds(30)).until(() -> failedSends() >= failedBefore + 2);
        } finally {
            Duration back = platform.startMail();
            System.out.printf("[notification] mail server back in %.1f s%n", back.toNanos() / 1e9);
        }
        orderRef = orderId.substring(0, 8).toUpperCase(Locale.ROOT);
        assertThat(MAILBOX.await("bob@bazaar.test", m -> m.subject().contains("New order " + orderRef), 1))
                .as("bob's new-order email, after the server came back")
                .hasSize(1)
                .first()
                .extracting(Mail::text)
                .asString()
                .contains("Copper kettle");
        assertThat(MAILBOX.await(
                        BUYER + "@bazaar.test",
                        m -> m.subject().contains("Your order " + orderRef + " is confirmed"),
                        1))
                .as("the buyer's confirmation, after the server came back")
                .hasSize(1);
    }

    @Test
    @Order(2)
    void replayingTheTopicsFromTheStartSendsNothingTwice() throws Exception {
        assertThat(orderRef).as("the first test's order").isNotNull();
        // whatever else ran on this platform before (the journey's alice, bob and sam) is replayed too; the sends still
        // waiting (a retry after the mail server's outage, other tests' orders) are let through first, so the counts
        // below change only by what the replay itself would send
        Map<String, Integer> before = settledMailCounts();
        platform.kill(Service.NOTIFICATION);
        try (Admin admin = Admin.create(KafkaTopics.client(Map.of()))) {
            rewind(admin);
            platform.restart(Service.NOTIFICATION);
            long replayed = caughtUp(admin);
            System.out.printf(
                    "[notification] %d records (the topics' end offsets) of order.events and payment.events re-read%n",
                    replayed);
        }
        // the sender runs every second in the test profile: give a duplicate time to show
        TimeUnit.SECONDS.sleep(5);
        assertThat(MAILBOX.messages("bob@bazaar.test").stream()
                        .filter(m -> m.subject().contains("New order " + orderRef)))
                .as("bob's new-order email after the replay")
                .hasSize(1);
        assertThat(MAILBOX.messages(BUYER + "@bazaar.test").stream()
                        .filter(m -> m.subject().contains(orderRef)))
                .as("the buyer's emails about the order after the replay")
                .hasSize(1);
        assertThat(mailCounts())
                .as(() -> "no mail at all was sent by the replay; the mail of those whose count changed: "
                        + changed(before))
                .isEqualTo(before);
    }

    /**
     * The mail counts once notification-service has nothing queued and the mailbox has not changed for three seconds
     * (the queued gauge is refreshed after each sender pass, every second in the test profile).
     */
    private static Map<String, Integer> settledMailCounts() {
        AtomicReference<Map<String, Integer>> last = new AtomicReference<>(mailCounts());
        long[] since = {System.nanoTime()};
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    Map<String, Integer> now = mailCounts();
                    if (!now.equals(last.get()) || metric(QUEUED) > 0) {
                        last.set(now);
                        since[0] = System.nanoTime();
                        return false;
                    }
                    return System.nanoTime() - since[0] >= TimeUnit.SECONDS.toNanos(3);
                });
        return last.get();
    }

    /** The subjects in the mailboxes whose count is no longer what it was, for a failure's message. */
    private static String changed(Map<String, Integer> before) {
        StringBuilder out = new StringBuilder();
        mailCounts().forEach((user, n) -> {
            if (!n.equals(before.get(user))) {
                out.append('\n')
                        .append(user)
                        .append(": ")
                        .append(MAILBOX.messages(user + "@bazaar.test").stream()
                                .map(Mail::subject)
                                .toList());
            }
        });
        return out.toString();
    }

    /** How many emails each of the platform's usual recipients holds. */
    private static Map<String, Integer> mailCounts() {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        for (String user : List.of("bob", "sam", "alice", "carol", BUYER)) {
            counts.put(user, MAILBOX.messages(user + "@bazaar.test").size());
        }
        return counts;
    }

    /** Once the killed service's members have left its groups, sets both groups' offsets to the topics' start. */
    private static void rewind(Admin admin) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> admin.describeConsumerGroups(GROUPS).all().get(10, TimeUnit.SECONDS).values().stream()
                        .map(ConsumerGroupDescription::groupState)
                        .allMatch(s -> s == GroupState.EMPTY || s == GroupState.DEAD));
        for (String group : GROUPS) {
            Map<TopicPartition, OffsetAndMetadata> committed = committed(admin, group);
            assertThat(committed)
                    .as("%s has committed offsets to rewind", group)
                    .isNotEmpty();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            committed.keySet().forEach(tp -> earliest.put(tp, OffsetSpec.earliest()));
            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            get(admin.listOffsets(earliest).all())
                    .forEach((tp, info) -> start.put(tp, new OffsetAndMetadata(info.offset())));
            get(admin.alterConsumerGroupOffsets(group, start).all());
        }
    }

    /** Waits until both groups' committed offsets reach the topics' ends; answers how many records they re-read. */
    private static long caughtUp(Admin admin) {
        long[] replayed = {0};
        await().atMost(Duration.ofSeconds(240))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    long lag = 0;
                    long total = 0;
                    for (String group : GROUPS) {
                        Map<TopicPartition, OffsetAndMetadata> committed = committed(admin, group);
                        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                        committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                        var ends = get(admin.listOffsets(latest).all());
                        for (var e : committed.entrySet()) {
                            lag += ends.get(e.getKey()).offset() - e.getValue().offset();
                            total += ends.get(e.getKey()).offset();
                        }
                    }
                    replayed[0] = total;
                    return lag <= 0;
                });
        return replayed[0];
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin, String group) {
        Map<TopicPartition, OffsetAndMetadata> offsets =
                get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        Map<TopicPartition, OffsetAndMetadata> known = new HashMap<>();
        offsets.forEach((tp, o) -> {
            if (o != null) {
                known.put(tp, o);
            }
        });
        return known;
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka admin call failed", e);
        }
    }

    /** notification-service's count of failed send attempts, from its Prometheus endpoint. */
    private static double failedSends() {
        return metric(FAILED);
    }

    /** A value from notification-service's Prometheus endpoint (0 when it is not there yet). */
    private static double metric(Pattern series) {
        String metrics = given().when()
                .get(market.url(Service.NOTIFICATION, "/q/metrics"))
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Matcher m = series.matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
