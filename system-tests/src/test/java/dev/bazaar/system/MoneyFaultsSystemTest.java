package dev.bazaar.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bazaar.devstack.External;
import dev.bazaar.devstack.Profile;
import dev.bazaar.devstack.testing.KafkaTopics;
import dev.bazaar.devstack.testing.KeycloakTokens;
import dev.bazaar.system.Marketplace.Listing;
import dev.bazaar.system.Platform.Service;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The money fault suite on the packaged platform (#20): two replicas each of checkout, order and payment (the same
 * stores, topics and consumer groups) under a stream of checkouts, cancellations with refunds and payout runs started
 * on both payment replicas at once, while the sandbox processor loses capture answers and fails refunds and transfers,
 * and order-service's database refuses every connection for five seconds (a failover). Afterwards nothing is lost,
 * doubled or frozen: every checkout ended; what the provider captured less refunded is what the books say for every
 * payment; no authorization is left holding a buyer's money; every order was placed once and every refund made once;
 * each seller was paid their balance exactly once; no message was dead-lettered; the ledger balances, no seller's
 * payable is below zero, and the reconciliation finds nothing about any of it.
 */
class MoneyFaultsSystemTest {

    static Platform platform;
    static Marketplace market;
    static Listing lamp;
    static Listing rug;
    static String bobShop;
    static String samShop;

    @BeforeAll
    static void twoReplicasAndTwoSellers() {
        platform = Platform.shared();
        market = new Marketplace(platform);
        market.freshCatalog();
        bobShop = market.approvedShop("bob", "Bob Fault Lamps");
        samShop = market.approvedShop("sam", "Sam Fault Rugs");
        lamp = market.listing("bob", bobShop, "Fault lamp", 5_000, 200, 1_000);
        rug = market.listing("sam", samShop, "Fault rug", 3_000, 200, 2_000);
        for (String seller : List.of("bob", "sam")) {
            String shop = seller.equals("bob") ? bobShop : samShop;
            // payment learns the new shop from catalog.shop-events; the account is opened once that arrived
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(300))
                    .until(() -> {
                        Response account = given().auth()
                                .oauth2(KeycloakTokens.user(seller))
                                .contentType("application/json")
                                .body(Map.of("country", "US"))
                                .when()
                                .post(market.url(Service.PAYMENT, "/api/v1/seller/payout-account"));
                        return account.statusCode() == 200 && shop.equals(account.path("shopId"));
                    });
        }
        platform.startReplicas(Service.CHECKOUT, Service.ORDER, Service.PAYMENT);
    }

    @AfterAll
    static void stopReplicas() {
        if (platform != null) {
            platform.stopReplicas();
            exec(Service.PAYMENT, "DELETE FROM sandbox_fault");
        }
    }

    /** A URL on the first or the second replica, alternating by {@code n}. */
    static String on(Service s, int n, String path) {
        return (n % 2 == 0 ? platform.url(s) : platform.replicaUrl(s)) + path;
    }

    record Journey(String buyer, String checkoutId, String status, String orderId, String paymentId, int total) {}

    @Test
    void twoReplicasUnderCheckoutsRefundsAndPayoutsWithFaultsLoseAndDoubleNothing() throws Exception {
        Instant since = Instant.now().minusSeconds(5);
        // the processor loses two capture answers, is unavailable for one capture and two refunds, refuses one capture
        // for good (that checkout fails after its authorization) and loses one of bob's transfers (faults are consumed
        // by the next calls of that kind)
        exec(
                Service.PAYMENT,
                "INSERT INTO sandbox_fault (operation, mode, remaining) VALUES "
                        + "('capture', 'lose_response', 2), ('capture', 'unavailable', 1), ('capture', 'refused', 1), "
                        + "('refund', 'unavailable', 2)");
        exec(
                Service.PAYMENT,
                "INSERT INTO sandbox_fault (operation, target, mode, remaining) SELECT 'transfer', "
                        + "account_id, 'lose_response', 1 FROM payout_account WHERE shop_id = '" + bobShop + "'");

        // ten buyers check out at once, half through the second replica of checkout
        List<String> buyers = new ArrayList<>();
        for (int i = 201; i <= 210; i++) {
            buyers.add(String.format("load%03d", i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(5);
        List<Future<Journey>> futures = new ArrayList<>();
        for (int i = 0; i < buyers.size(); i++) {
            int n = i;
            futures.add(pool.submit(() -> checkout(buyers.get(n), n)));
        }
        // meanwhile a failover of order-service's database: every connection killed, new ones refused, for 5 s
        Thread.sleep(1_500);
        outage("orders", Duration.ofSeconds(5));
        List<Journey> journeys = new ArrayList<>();
        for (Future<Journey> f : futures) {
            journeys.add(f.get(5, TimeUnit.MINUTES));
        }
        pool.shutdown();
        List<Journey> completed =
                journeys.stream().filter(j -> "COMPLETED".equals(j.status())).toList();
        System.out.printf(
                "[money-faults] %d of %d checkouts completed; the others: %s%n",
                completed.size(),
                journeys.size(),
                journeys.stream()
                        .filter(j -> !"COMPLETED".equals(j.status()))
                        .map(Journey::status)
                        .toList());
        assertThat(journeys)
                .as("every checkout ended")
                .allMatch(j -> "COMPLETED".equals(j.status()) || "FAILED".equals(j.status()));
        assertThat(completed)
                .as("enough complete despite the faults to cancel three and deliver the rest")
                .hasSizeGreaterThanOrEqualTo(4);
        List<Journey> failedAfterAuthorization = journeys.stream()
                .filter(j -> "FAILED".equals(j.status()) && j.paymentId() != null)
                .toList();
        assertThat(failedAfterAuthorization)
                .as("the refused capture failed a checkout whose card was authorized")
                .isNotEmpty();

        // three buyers cancel (a refund per seller each, two of which meet a provider outage first)
        List<Journey> cancelled = completed.subList(0, 3);
        for (int i = 0; i < cancelled.size(); i++) {
            Journey j = cancelled.get(i);
            await().atMost(Duration.ofSeconds(60)).until(() -> "PAID".equals(order(j).path("status")));
            given().auth()
                    .oauth2(KeycloakTokens.user(j.buyer()))
                    .contentType("application/json")
                    .body(Map.of("reason", "changed my mind"))
                    .when()
                    .post(on(Service.ORDER, i, "/api/v1/orders/" + j.orderId() + "/cancel"))
                    .then()
                    .statusCode(200);
        }
        // the rest are shipped and delivered by both sellers, through both order replicas
        List<Journey> kept = completed.subList(3, completed.size());
        for (int i = 0; i < kept.size(); i++) {
            Journey j = kept.get(i);
            await().atMost(Duration.ofSeconds(60)).until(() -> "PAID".equals(order(j).path("status")));
            for (String seller : List.of("bob", "sam")) {
                int n = i;
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> given().auth()
                                        .oauth2(KeycloakTokens.user(seller))
                                        .contentType("application/json")
                                        .body(Map.of("carrier", "UPS", "trackingNumber", "1Z" + n))
                                        .when()
                                        .post(on(
                                                Service.ORDER,
                                                n,
                                                "/api/v1/seller/orders/" + j.orderId() + "/shipments"))
                                        .statusCode()
                                == 200);
                given().auth()
                        .oauth2(KeycloakTokens.user(seller))
                        .when()
                        .post(on(Service.ORDER, i + 1, "/api/v1/seller/orders/" + j.orderId() + "/delivered"))
                        .then()
                        .statusCode(200);
            }
        }

        // the holding period passes on both payment replicas; admins run payouts on both at once, twice. The platform
        // is shared: earlier tests moved some replicas' clocks on (an order replica stamps deliveries days ahead), so
        // both payment replicas are set to one time, 8 days past the latest clock of either service
        List<String> paymentReplicas = List.of(platform.url(Service.PAYMENT), platform.replicaUrl(Service.PAYMENT));
        Duration latest = Duration.ZERO;
        for (String base : List.of(
                platform.url(Service.ORDER),
                platform.replicaUrl(Service.ORDER),
                paymentReplicas.get(0),
                paymentReplicas.get(1))) {
            Duration offset = clockOffset(base);
            latest = offset.compareTo(latest) > 0 ? offset : latest;
        }
        Duration target = latest.plusDays(8);
        for (String base : paymentReplicas) {
            given().auth()
                    .oauth2(KeycloakTokens.user("admin"))
                    .contentType("application/json")
                    .body(Map.of("advanceBy", target.minus(clockOffset(base)).toString()))
                    .when()
                    .post(base + "/api/v1/admin/clock")
                    .then()
                    .statusCode(200);
        }
        long bobOwed = owedWhenReleased(bobShop);
        long samOwed = owedWhenReleased(samShop);
        assertThat(bobOwed).as("bob is owed for the delivered lamps").isPositive();
        assertThat(samOwed).isPositive();
        for (int round = 0; round < 2; round++) {
            ExecutorService admins = Executors.newFixedThreadPool(2);
            List<Future<Integer>> runs = List.of(
                    admins.submit(() -> payoutRun(platform.url(Service.PAYMENT))),
                    admins.submit(() -> payoutRun(platform.replicaUrl(Service.PAYMENT))));
            for (Future<Integer> r : runs) {
                assertThat(r.get(2, TimeUnit.MINUTES))
                        .as("200, or 409 while the other replica runs")
                        .isIn(200, 409);
            }
            admins.shutdown();
        }
        // the transfer whose answer was lost is settled by a later run, under its own key
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    payoutRun(platform.url(Service.PAYMENT));
                    return count(
                                    Service.PAYMENT,
                                    "SELECT count(*) FROM payout WHERE shop_id IN (?::uuid, ?::uuid) "
                                            + "AND status IN ('PENDING', 'UNKNOWN')",
                                    bobShop,
                                    samShop)
                            == 0;
                });

        // ---- invariants
        Set<String> payments = new HashSet<>();
        journeys.forEach(j -> {
            if (j.paymentId() != null) {
                payments.add(j.paymentId());
            }
        });
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    for (String p : payments) {
                        assertThat(count(
                                        Service.PAYMENT,
                                        "SELECT count(*) FROM payment p JOIN sandbox_charge c "
                                                + "ON c.id = p.provider_reference WHERE p.id = ?::uuid AND c.captured_minor - c.refunded_minor "
                                                + "= p.captured_minor - (SELECT coalesce(sum(amount_minor), 0) FROM refund r "
                                                + "WHERE r.payment_id = p.id AND r.status = 'SUCCEEDED')",
                                        p))
                                .as("payment %s: the provider's net is the books' net", p)
                                .isEqualTo(1);
                        assertThat(count(
                                        Service.PAYMENT,
                                        "SELECT count(*) FROM payment p JOIN sandbox_charge c "
                                                + "ON c.id = p.provider_reference WHERE p.id = ?::uuid AND c.status = 'authorized'",
                                        p))
                                .as("payment %s: no hold left on the card", p)
                                .isZero();
                        assertThat(count(
                                        Service.PAYMENT,
                                        "SELECT count(*) FROM payment WHERE id = ?::uuid "
                                                + "AND status IN ('CAPTURE_UNKNOWN', 'VOIDING')",
                                        p))
                                .as("payment %s settled", p)
                                .isZero();
                    }
                });
        for (String p : payments) {
            assertThat(count(
                            Service.PAYMENT,
                            "SELECT count(*) FROM ledger_transaction WHERE payment_id = ?::uuid "
                                    + "AND kind = 'CAPTURE'",
                            p))
                    .as("captured once in the books")
                    .isLessThanOrEqualTo(1);
            assertThat(count(
                            Service.PAYMENT,
                            "SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n "
                                    + "FROM sandbox_operation o JOIN refund r ON o.idempotency_key = 'refund:' || r.id "
                                    + "WHERE r.payment_id = ?::uuid AND o.outcome = 'succeeded' GROUP BY r.id) x",
                            p))
                    .as("each refund made once at the provider")
                    .isLessThanOrEqualTo(1);
        }
        for (Journey j : journeys) {
            if (j.orderId() != null) {
                assertThat(count(
                                Service.ORDER,
                                "SELECT count(*) FROM order_event WHERE order_id = ?::uuid "
                                        + "AND type = 'OrderPlaced'",
                                j.orderId()))
                        .as("order placed once")
                        .isLessThanOrEqualTo(1);
            }
        }
        for (Journey j : cancelled) {
            assertThat(count(
                            Service.PAYMENT,
                            "SELECT captured_minor - refunded_minor FROM payment WHERE id = ?::uuid",
                            j.paymentId()))
                    .as("a cancelled order is refunded in full")
                    .isZero();
        }
        // a checkout that failed after its authorization holds nothing on the card and took nothing from it
        for (Journey j : failedAfterAuthorization) {
            assertThat(count(
                            Service.PAYMENT,
                            "SELECT count(*) FROM payment p JOIN sandbox_charge c ON c.id = "
                                    + "p.provider_reference WHERE p.id = ?::uuid AND c.status = 'canceled' AND c.captured_minor = 0",
                            j.paymentId()))
                    .as("failed checkout %s: its hold released, nothing captured", j.checkoutId())
                    .isEqualTo(1);
            // its order was placed before the capture and is cancelled by the saga's compensation
            if (j.orderId() != null) {
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofSeconds(1))
                        .untilAsserted(() -> {
                            Response o = order(j);
                            assertThat(o.statusCode() == 404 || "CANCELLED".equals(o.path("status")))
                                    .as("failed checkout %s: no order stands (%s)", j.checkoutId(), o.asString())
                                    .isTrue();
                        });
            }
        }
        // what the provider kept of each order is what order-service says the buyer paid and got back
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    for (Journey j : completed) {
                        Response o = order(j);
                        long total = o.<Number>path("total.amount").longValue();
                        Number refunded = o.path("refunded.amount");
                        long providerNet = count(
                                Service.PAYMENT,
                                "SELECT c.captured_minor - c.refunded_minor FROM payment p "
                                        + "JOIN sandbox_charge c ON c.id = p.provider_reference WHERE p.id = ?::uuid",
                                j.paymentId());
                        assertThat(total)
                                .as("order %s: the total the buyer confirmed", j.orderId())
                                .isEqualTo(j.total());
                        assertThat(providerNet)
                                .as("order %s: captured − refunded at the provider = total − refunded", j.orderId())
                                .isEqualTo(total - (refunded == null ? 0 : refunded.longValue()));
                    }
                });
        // each seller paid their balance once: the provider's transfers to them are their PAID payouts, which are
        // what they were owed; nothing open, nothing owed left
        for (String shop : List.of(bobShop, samShop)) {
            long paid = count(
                    Service.PAYMENT,
                    "SELECT coalesce(sum(amount_minor), 0) FROM payout WHERE shop_id = "
                            + "?::uuid AND status = 'PAID'",
                    shop);
            long transferred = count(
                    Service.PAYMENT,
                    "SELECT coalesce(sum(o.amount_minor), 0) FROM sandbox_operation o "
                            + "JOIN payout_account a ON a.account_id = o.detail WHERE o.kind = 'transfer' "
                            + "AND o.outcome = 'succeeded' AND a.shop_id = ?::uuid",
                    shop);
            assertThat(transferred).as("shop %s: transfers = payouts", shop).isEqualTo(paid);
            assertThat(paid)
                    .as("shop %s: paid what it was owed", shop)
                    .isEqualTo(shop.equals(bobShop) ? bobOwed : samOwed);
            assertThat(count(
                            Service.PAYMENT,
                            "SELECT count(*) FROM payout WHERE shop_id = ?::uuid AND status = 'PAID'",
                            shop))
                    .as("one payout for the period")
                    .isEqualTo(1);
            assertThat(count(
                            Service.PAYMENT,
                            "SELECT coalesce(sum(amount_minor), 0) FROM ledger_entry "
                                    + "WHERE account_code = 'seller_payable:' || ?",
                            shop))
                    .as("payable never below zero")
                    .isEqualTo(0);
        }
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .get(platform.replicaUrl(Service.PAYMENT) + "/api/v1/admin/ledger/trial-balance")
                .then()
                .statusCode(200)
                .body("balanced", org.hamcrest.Matchers.equalTo(true));
        // nothing of this stream was dead-lettered
        Set<String> keys = new HashSet<>();
        journeys.forEach(j -> {
            keys.add(j.checkoutId());
            if (j.orderId() != null) {
                keys.add(j.orderId());
            }
        });
        keys.add(bobShop);
        keys.add(samShop);
        assertThat(deadLetters(keys)).as("dead letters of this stream").isEmpty();
        // and the reconciliation, run on the replica, finds nothing about any of it
        Response report = given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .queryParam(
                        "lookback",
                        Duration.between(since, Instant.now()).plusMinutes(1).toString())
                .when()
                .post(platform.replicaUrl(Service.PAYMENT) + "/api/v1/admin/reconciliation/run");
        report.then().statusCode(200);
        List<String> references = report.jsonPath().getList("differences.reference");
        Set<String> ours = new HashSet<>(payments);
        ours.addAll(stringList(
                Service.PAYMENT, "SELECT id::text FROM payout WHERE shop_id IN (?::uuid, ?::uuid)", bobShop, samShop));
        assertThat(references)
                .as("reconciliation differences about this stream")
                .doesNotContainAnyElementsOf(ours);
    }

    /** One buyer's checkout: cart, quote, confirm (replaying while 202) through replica {@code n % 2}. */
    Journey checkout(String buyer, int n) {
        market.cart(buyer, Map.of(lamp.variantId(), 1, rug.variantId(), 1));
        Response quote = given().auth()
                .oauth2(KeycloakTokens.user(buyer))
                .contentType("application/json")
                .body(Map.of(
                        "shippingAddress",
                        Map.of(
                                "name",
                                "Fault Buyer",
                                "line1",
                                "1 Main St",
                                "city",
                                "New York",
                                "region",
                                "NY",
                                "postalCode",
                                "10001",
                                "country",
                                "US")))
                .when()
                .post(on(Service.CHECKOUT, n, "/api/v1/checkouts"));
        quote.then().statusCode(201);
        String id = quote.path("id");
        String key = "faults-" + UUID.randomUUID();
        long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        Response r;
        do {
            r = given().auth()
                    .oauth2(KeycloakTokens.user(buyer))
                    .header("Idempotency-Key", key)
                    .contentType("application/json")
                    .body(Map.of("paymentMethod", "pm_card_visa"))
                    .when()
                    .post(on(Service.CHECKOUT, n, "/api/v1/checkouts/" + id + "/confirm"));
        } while ((r.statusCode() == 202
                        || r.statusCode() == 503
                        || r.statusCode() == 409
                                && String.valueOf(r.<Object>path("type")).endsWith("idempotency-key-in-flight"))
                && System.nanoTime() < until);
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    String s = market.checkout(buyer, id).path("status");
                    return "COMPLETED".equals(s) || "FAILED".equals(s);
                });
        Response view = market.checkout(buyer, id);
        return new Journey(
                buyer,
                id,
                view.path("status"),
                view.path("orderId"),
                view.path("paymentId"),
                view.path("quote.total.amount"));
    }

    static Response order(Journey j) {
        return given().auth()
                .oauth2(KeycloakTokens.user(j.buyer()))
                .when()
                .get(platform.url(Service.ORDER) + "/api/v1/orders/" + j.orderId());
    }

    /** How far the replica at {@code base} has moved its adjustable clock on. */
    static Duration clockOffset(String base) {
        return Duration.parse(given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .get(base + "/api/v1/admin/clock")
                .then()
                .statusCode(200)
                .extract()
                .path("offset"));
    }

    static int payoutRun(String base) {
        return given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .post(base + "/api/v1/admin/payouts/run")
                .statusCode();
    }

    /**
     * What the seller is owed once their delivered groups are released: waits until payment has learnt every delivery
     * and finished every refund of the shop, then reads the seller's payable from the ledger.
     */
    static long owedWhenReleased(String shop) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> count(
                                        Service.PAYMENT,
                                        "SELECT count(*) FROM payment_split s JOIN payment p ON p.id = s.payment_id WHERE s.shop_id = ?::uuid "
                                                + "AND p.status = 'CAPTURED' AND s.delivered_at IS NULL AND p.refunded_minor < p.captured_minor",
                                        shop)
                                == 0
                        && count(
                                        Service.PAYMENT,
                                        "SELECT count(*) FROM refund WHERE shop_id = ?::uuid "
                                                + "AND status = 'PENDING'",
                                        shop)
                                == 0);
        return -count(
                Service.PAYMENT,
                "SELECT coalesce(sum(amount_minor), 0) FROM ledger_entry "
                        + "WHERE account_code = 'seller_payable:' || ?",
                shop);
    }

    /** Every connection of the database killed and new ones refused for {@code length} — a failover. */
    static void outage(String database, Duration length) throws SQLException, InterruptedException {
        Profile profile = Profile.test(Profile.findRepoRoot());
        try (Connection su = DriverManager.getConnection(
                        "jdbc:postgresql://" + External.pgHost() + ":" + External.pgPort(profile) + "/postgres",
                        "postgres",
                        "");
                var st = su.createStatement()) {
            st.execute("ALTER DATABASE " + database + " CONNECTION LIMIT 0");
            try {
                st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database
                        + "' AND pid <> pg_backend_pid()");
                Thread.sleep(length.toMillis());
            } finally {
                st.execute("ALTER DATABASE " + database + " CONNECTION LIMIT -1");
            }
        }
        System.out.printf("[money-faults] %s refused every connection for %d s%n", database, length.toSeconds());
    }

    /** DLQ records whose key is one of {@code keys}, across every DLQ topic. */
    static List<String> deadLetters(Set<String> keys) {
        List<String> found = Collections.synchronizedList(new ArrayList<>());
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(KafkaTopics.client(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG,
                "money-faults-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName())))) {
            c.subscribe(c.listTopics(Duration.ofSeconds(10)).keySet().stream()
                    .filter(t -> t.endsWith(".dlq"))
                    .toList());
            long until = System.nanoTime() + Duration.ofSeconds(6).toNanos();
            while (System.nanoTime() < until) {
                c.poll(Duration.ofMillis(300)).forEach(r -> {
                    if (r.key() != null && keys.contains(r.key())) {
                        found.add(r.topic() + " " + r.key());
                    }
                });
            }
        }
        return found;
    }

    static void exec(Service s, String sql) {
        try (Connection db = db(s);
                var st = db.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    static long count(Service s, String sql, Object... args) {
        try (Connection db = db(s);
                PreparedStatement st = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    static List<String> stringList(Service s, String sql, Object... args) {
        try (Connection db = db(s);
                PreparedStatement st = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            List<String> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static Connection db(Service s) throws SQLException {
        return DriverManager.getConnection(platform.jdbcUrl(s), External.pgUser(), External.pgPassword());
    }
}
