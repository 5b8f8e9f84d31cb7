package dev.bazaar.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.bazaar.devstack.testing.KeycloakTokens;
import dev.bazaar.devstack.testing.Mailbox;
import dev.bazaar.devstack.testing.Mailbox.Mail;
import dev.bazaar.system.Platform.Service;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The buyer-to-payout journey of a two-seller marketplace, through the public APIs only, told as a story: sellers
 * open shops and payout accounts and list products; a guest fills a cart and logs in as the buyer (alice in the
 * tests, a new buyer per demo run), who checks out; the sellers ship and deliver; the buyer returns an item; the
 * holding period passes; the sellers are paid their exact
 * shares. Every step checks what a user would see and records how long it took. Used by {@code JourneySystemTest}
 * (the packaged platform on the test devstack) and by {@code bin/bazaar demo} (the running dev platform).
 */
public final class Journey {

    /** One step's name and duration. */
    public record Step(String name, Duration took) {}

    /** Where each seller stands: shop, listings, and what the journey expects them to be paid. */
    public record Seller(String user, String shopId, boolean freshShop, List<Marketplace.Listing> listings) {}

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final Function<Service, String> urls;
    private final Marketplace market;
    private final java.io.PrintStream out;
    private final List<Step> steps = new ArrayList<>();
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final String buyer;
    private String carrierSecret = "carrier_test_test_secret";
    private Mailbox mailbox = Mailbox.test();
    private final Function<String, String> logs;

    Seller bob;
    Seller sam;
    String orderId;
    String paymentId;
    String checkoutId;
    String returnId;
    JsonPath quote;

    /** The journey of the system tests: alice buys; a failed step points at the platform's logs under target/. */
    public Journey(Function<Service, String> urls, java.io.PrintStream out) {
        this(urls, out, "alice", service -> "system-tests/target/platform/" + service + ".log");
    }

    /**
     * @param buyer who buys (password = user name)
     * @param logs  where a failed step tells the user to read a service's log, e.g. {@code "bin/bazaar logs catalog"}
     */
    public Journey(
            Function<Service, String> urls, java.io.PrintStream out, String buyer, Function<String, String> logs) {
        this.urls = urls;
        this.market = new Marketplace(urls);
        this.out = out;
        this.buyer = buyer;
        this.logs = logs;
        CallLog.install();
    }

    public String buyer() {
        return buyer;
    }

    public String run() {
        return run;
    }

    public List<Step> steps() {
        return steps;
    }

    String url(Service s, String path) {
        return urls.apply(s) + path;
    }

    static String token(String user) {
        return KeycloakTokens.user(user);
    }

    /**
     * Runs one step of the story; a step that fails throws {@link StepFailed}, which names the step, the call that went
     * wrong (method, URL, status, problem+json detail) and what to do next.
     */
    <T> T step(String name, Supplier<T> work) {
        out.printf("%n▶ %s%n", name);
        long started = System.nanoTime();
        CallLog.clear();
        T result;
        try {
            result = work.get();
        } catch (Throwable e) { // NOPMD: RestAssured rethrows a refused connection as a checked exception, unchecked
            throw e instanceof StepFailed f ? f : new StepFailed(name, CallLog.last(), e, logs);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        steps.add(new Step(name, took));
        out.printf("  ✓ %.2f s%n", took.toNanos() / 1e9);
        return result;
    }

    void say(String format, Object... args) {
        out.printf("  " + format + "%n", args);
    }

    /** The whole journey; answers the steps with their durations. */
    public List<Step> play() {
        bob = step(
                "1a. bob opens a shop and a payout account; admin approves; bob lists two products",
                () -> seller(
                        "bob",
                        "Bob's Kitchen",
                        List.of(
                                new Item("Stoneware mug", 1_250, 40, 400),
                                new Item("Walnut board", 4_500, 10, 1_200))));
        sam = step(
                "1b. sam does the same",
                () -> seller(
                        "sam",
                        "Sam's Rugs",
                        List.of(new Item("Wool rug", 15_900, 8, 3_000), new Item("Jute doormat", 2_900, 25, 900))));
        step("1c. the four products become searchable", () -> {
            for (Seller s : List.of(bob, sam)) {
                for (Marketplace.Listing l : s.listings()) {
                    await().atMost(Duration.ofSeconds(30))
                            .pollInterval(Duration.ofMillis(300))
                            .until(() -> given().queryParam("q", run)
                                    .queryParam("size", 50)
                                    .when()
                                    .get(url(Service.CATALOG, "/api/v1/products"))
                                    .then()
                                    .statusCode(200)
                                    .extract()
                                    .jsonPath()
                                    .getList("items.id")
                                    .contains(l.productId()));
                }
            }
            say("search for \"%s\" finds all four: %s", run, url(Service.CATALOG, "/api/v1/products?q=" + run));
            return null;
        });
        step(
                "2a. a guest adds two mugs; logs in as " + buyer
                        + "; the guest cart merges into theirs; they add a rug",
                () -> {
                    given().auth()
                            .oauth2(token(buyer))
                            .when()
                            .delete(url(Service.CART, "/api/v1/cart"))
                            .then()
                            .statusCode(org.hamcrest.Matchers.oneOf(200, 204));
                    Response guest = given().contentType("application/json")
                            .body(Map.of("variantId", bob.listings().get(0).variantId(), "quantity", 2))
                            .when()
                            .post(url(Service.CART, "/api/v1/cart/items"));
                    guest.then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
                    String guestToken = guest.header("X-Cart-Token");
                    assertThat(guestToken)
                            .as("a guest's first write answers its cart token")
                            .isNotBlank();
                    given().auth()
                            .oauth2(token(buyer))
                            .contentType("application/json")
                            .body(Map.of("guestToken", guestToken))
                            .when()
                            .post(url(Service.CART, "/api/v1/cart/merge"))
                            .then()
                            .statusCode(200);
                    given().auth()
                            .oauth2(token(buyer))
                            .contentType("application/json")
                            .body(Map.of("variantId", sam.listings().get(0).variantId(), "quantity", 1))
                            .when()
                            .post(url(Service.CART, "/api/v1/cart/items"))
                            .then()
                            .statusCode(org.hamcrest.Matchers.oneOf(200, 201));
                    JsonPath cart = given().auth()
                            .oauth2(token(buyer))
                            .when()
                            .get(url(Service.CART, "/api/v1/cart"))
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath();
                    assertThat(cart.getList("items")).hasSize(2);
                    assertThat(cart.getList("bySeller")).hasSize(2);
                    say(
                            "%s's cart: %s item(s) from 2 sellers, subtotal $%s",
                            buyer, cart.getInt("itemCount"), dollars(cart.getLong("subtotal.amount")));
                    return null;
                });
        int[] mugsBefore = new int[1];
        step("2b. " + buyer + " gets a quote (shipping to New York) and confirms with pm_card_visa", () -> {
            mugsBefore[0] = market.available("bob", bob.listings().get(0));
            Response q = given().auth()
                    .oauth2(token(buyer))
                    .contentType("application/json")
                    .body(Map.of(
                            "shippingAddress",
                            Map.of(
                                    "name",
                                    "Alice Example",
                                    "line1",
                                    "350 Fifth Avenue",
                                    "city",
                                    "New York",
                                    "region",
                                    "NY",
                                    "postalCode",
                                    "10118",
                                    "country",
                                    "US"),
                            "displayCurrency",
                            "EUR"))
                    .when()
                    .post(url(Service.CHECKOUT, "/api/v1/checkouts"));
            q.then().statusCode(201);
            quote = q.jsonPath();
            checkoutId = quote.getString("id");
            say(
                    "quote %s: goods $%s + shipping $%s + tax $%s = $%s (≈ €%s, display only)",
                    checkoutId,
                    dollars(quote.getLong("quote.subtotal.amount")),
                    dollars(quote.getLong("quote.shipping.amount")),
                    dollars(quote.getLong("quote.tax.amount")),
                    dollars(quote.getLong("quote.total.amount")),
                    dollars(quote.getLong("quote.displayTotal.amount.amount")));
            Response c = market.confirmToEnd(buyer, checkoutId, "journey-" + run, "pm_card_visa");
            c.then().statusCode(200);
            orderId = c.path("orderId");
            paymentId = given().auth()
                    .oauth2(token(buyer))
                    .when()
                    .get(url(Service.CHECKOUT, "/api/v1/checkouts/" + checkoutId))
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("paymentId");
            say("order %s placed", orderId);
            return null;
        });
        step("2c. the order is PAID, stock sold, the quoted lines left the cart, the ledger balances", () -> {
            awaitOrderStatus("PAID");
            JsonPath payment = payment();
            assertThat(payment.getString("status")).isEqualTo("CAPTURED");
            assertThat(payment.getLong("captured.amount")).isEqualTo(quote.getLong("quote.total.amount"));
            assertThat(market.available("bob", bob.listings().get(0))).isEqualTo(mugsBefore[0] - 2);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> given().auth()
                            .oauth2(token(buyer))
                            .when()
                            .get(url(Service.CART, "/api/v1/cart"))
                            .then()
                            .extract()
                            .jsonPath()
                            .getList("items")
                            .isEmpty());
            assertBalanced();
            for (Seller s : List.of(bob, sam)) {
                JsonPath balance = balance(s.user());
                say(
                        "%s: pending $%s, available $%s",
                        s.user(),
                        dollars(balance.getLong("pending.amount")),
                        dollars(balance.getLong("available.amount")));
                if (s.freshShop()) {
                    assertThat(balance.getLong("pending.amount"))
                            .as(s.user() + "'s share is pending")
                            .isEqualTo(share(s.shopId()));
                }
            }
            return null;
        });
        step(
                "2d. bob opens his part of the order: his lines, where to send them, a packing slip; nothing of sam's",
                () -> {
                    // order-service learns shop owners from catalog.shop-events: a brand-new shop may take a moment
                    await().atMost(Duration.ofSeconds(30))
                            .pollInterval(Duration.ofMillis(200))
                            .until(() -> given().auth()
                                            .oauth2(token("bob"))
                                            .when()
                                            .get(url(Service.ORDER, "/api/v1/seller/orders/" + orderId))
                                            .statusCode()
                                    == 200);
                    JsonPath mine = given().auth()
                            .oauth2(token("bob"))
                            .when()
                            .get(url(Service.ORDER, "/api/v1/seller/orders/" + orderId))
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath();
                    assertThat(mine.getString("shopId")).isEqualTo(bob.shopId());
                    assertThat(mine.getList("lines.variantId", String.class))
                            .as("bob's mugs only")
                            .containsExactly(bob.listings().get(0).variantId());
                    assertThat(mine.getInt("lines[0].quantity")).isEqualTo(2);
                    assertThat(mine.getBoolean("addressAvailable"))
                            .as("the address, read from checkout")
                            .isTrue();
                    assertThat(mine.getString("shippingAddress.name")).isEqualTo("Alice Example");
                    assertThat(mine.getString("shippingAddress.line1")).isEqualTo("350 Fifth Avenue");
                    assertThat(mine.getLong("net.amount"))
                            .isEqualTo(mine.getLong("subtotal.amount")
                                    + mine.getLong("shipping.price.amount")
                                    - mine.getLong("commission.amount"));
                    String seen = mine.prettify();
                    for (Marketplace.Listing l : sam.listings()) {
                        assertThat(seen).as("nothing of sam's part").doesNotContain(l.variantId(), l.productId());
                    }
                    assertThat(seen).doesNotContain(sam.shopId(), paymentId);
                    String slip = given().auth()
                            .oauth2(token("bob"))
                            .when()
                            .get(url(Service.ORDER, "/api/v1/seller/orders/" + orderId + "/packing-slip"))
                            .then()
                            .statusCode(200)
                            .extract()
                            .asString();
                    assertThat(slip)
                            .contains("Alice Example", "350 Fifth Avenue", "10118")
                            .doesNotContain("$");
                    say(
                            "bob packs %d × %s for %s, %s; his net $%s",
                            mine.getInt("lines[0].quantity"),
                            mine.getString("lines[0].sku"),
                            mine.getString("shippingAddress.name"),
                            mine.getString("shippingAddress.city"),
                            dollars(mine.getLong("net.amount")));
                    return null;
                });
        step(
                "2e. the sellers and the buyer are told: bob and sam each get one \"new order\" email with only their "
                        + "own lines, " + buyer + " one confirmation",
                () -> {
                    String ref = orderId.substring(0, 8).toUpperCase(Locale.ROOT);
                    Map<String, Mail> got = new LinkedHashMap<>();
                    for (String[] who : new String[][] {
                        {"bob", "New order " + ref},
                        {"sam", "New order " + ref},
                        {buyer, "Your order " + ref + " is confirmed"}
                    }) {
                        List<Mail> mails = mailbox.await(
                                who[0] + "@bazaar.test", m -> m.subject().contains(who[1]), 1);
                        assertThat(mails)
                                .as("%s's \"%s\" email", who[0], who[1])
                                .hasSize(1);
                        got.put(who[0], mails.getFirst());
                    }
                    assertThat(got.get("bob").text())
                            .contains("Stoneware mug")
                            .doesNotContain("Wool rug", sam.shopId());
                    assertThat(got.get("sam").text())
                            .contains("Wool rug")
                            .doesNotContain("Stoneware mug", bob.shopId());
                    assertThat(got.get(buyer).text()).contains("Stoneware mug", "Wool rug");
                    say("mail: %s", got.values().stream().map(Mail::subject).toList());
                    return null;
                });
        step(
                "3a. bob ships his two mugs in two parcels, sam his rug; " + buyer
                        + " follows the parcels and confirms " + "bob's; sam's carrier reports his delivered",
                () -> {
                    String mug = bob.listings().get(0).variantId();
                    String tracking = "1Z" + run.toUpperCase(Locale.ROOT);
                    // order-service learns shop owners from catalog.shop-events: a brand-new shop may take a moment
                    await().atMost(Duration.ofSeconds(30))
                            .pollInterval(Duration.ofMillis(200))
                            .until(() -> given().auth()
                                            .oauth2(token("bob"))
                                            .contentType("application/json")
                                            .body(Map.of(
                                                    "carrier",
                                                    "UPS",
                                                    "trackingNumber",
                                                    tracking + "BOB1",
                                                    "lines",
                                                    List.of(Map.of("variantId", mug, "quantity", 1))))
                                            .when()
                                            .post(url(Service.ORDER, "/api/v1/seller/orders/" + orderId + "/shipments"))
                                            .statusCode()
                                    == 200);
                    JsonPath seen = given().auth()
                            .oauth2(token(buyer))
                            .when()
                            .get(url(Service.ORDER, "/api/v1/orders/" + orderId))
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath();
                    String bobs = "groups.find { it.shopId == '" + bob.shopId() + "' }";
                    assertThat(seen.getString(bobs + ".status"))
                            .as("one of two mugs sent")
                            .isEqualTo("PARTIALLY_SHIPPED");
                    assertThat(seen.getString(bobs + ".shipments[0].trackingUrl"))
                            .as("the buyer's tracking link")
                            .startsWith("https://www.ups.com/")
                            .endsWith(tracking + "BOB1");
                    given().auth()
                            .oauth2(token("bob"))
                            .contentType("application/json")
                            .body(Map.of("carrier", "UPS", "trackingNumber", tracking + "BOB2"))
                            .when()
                            .post(url(Service.ORDER, "/api/v1/seller/orders/" + orderId + "/shipments"))
                            .then()
                            .statusCode(200)
                            .body("status", equalTo("SHIPPED"))
                            .body("shipments.size()", equalTo(2));
                    // sam sends with the bundled "test" carrier, whose signed tracking events order-service accepts
                    await().atMost(Duration.ofSeconds(30))
                            .pollInterval(Duration.ofMillis(200))
                            .until(() -> given().auth()
                                            .oauth2(token("sam"))
                                            .contentType("application/json")
                                            .body(Map.of("carrier", "test", "trackingNumber", tracking + "SAM"))
                                            .when()
                                            .post(url(Service.ORDER, "/api/v1/seller/orders/" + orderId + "/shipments"))
                                            .statusCode()
                                    == 200);
                    given().auth()
                            .oauth2(token(buyer))
                            .when()
                            .post(url(
                                    Service.ORDER,
                                    "/api/v1/orders/" + orderId + "/groups/" + bob.shopId() + "/delivered"))
                            .then()
                            .statusCode(200);
                    String event = "{\"id\":\"evt-" + run + "\",\"trackingNumber\":\"" + tracking + "SAM\","
                            + "\"status\":\"DELIVERED\",\"occurredAt\":\"" + Instant.now() + "\"}";
                    given().header("Bazaar-Carrier-Signature", carrierSignature(event, carrierSecret))
                            .contentType("application/json")
                            .body(event.getBytes(StandardCharsets.UTF_8))
                            .when()
                            .post(url(Service.ORDER, "/api/v1/carriers/test/events"))
                            .then()
                            .statusCode(200)
                            .body("result", equalTo("GROUP_DELIVERED"));
                    given().header("Bazaar-Carrier-Signature", carrierSignature(event, "not-the-secret"))
                            .contentType("application/json")
                            .body(event.getBytes(StandardCharsets.UTF_8))
                            .when()
                            .post(url(Service.ORDER, "/api/v1/carriers/test/events"))
                            .then()
                            .statusCode(401);
                    awaitOrderStatus("DELIVERED");
                    // one email per parcel, each with its tracking link
                    String ref = orderId.substring(0, 8).toUpperCase(Locale.ROOT);
                    List<Mail> parcels = mailbox.await(
                            buyer + "@bazaar.test",
                            m -> m.subject().contains("Your order " + ref + " is on its way"),
                            3);
                    assertThat(parcels)
                            .as("%s's shipping emails, one per parcel", buyer)
                            .hasSize(3);
                    assertThat(parcels.stream().map(Mail::text).toList())
                            .anySatisfy(t -> assertThat(t).contains(tracking + "BOB1", "https://www.ups.com/"))
                            .anySatisfy(t -> assertThat(t).contains(tracking + "SAM"));
                    say(
                            "bob's parcels %sBOB1 and %sBOB2 (confirmed by %s), sam's %sSAM (by the carrier): all delivered; "
                                    + "%d shipping emails",
                            tracking, tracking, buyer, tracking, parcels.size());
                    return null;
                });
        step(
                "3b. " + buyer + " returns one mug (damaged, in their words); bob approves; the refund is paid and the "
                        + "mug restocked",
                () -> {
                    int mugs = market.available("bob", bob.listings().get(0));
                    returnId = given().auth()
                            .oauth2(token(buyer))
                            .contentType("application/json")
                            .body(Map.of(
                                    "lines",
                                    List.of(Map.of(
                                            "variantId", bob.listings().get(0).variantId(), "quantity", 1)),
                                    "reason",
                                    "DAMAGED",
                                    "comment",
                                    "arrived chipped"))
                            .when()
                            .post(url(Service.ORDER, "/api/v1/orders/" + orderId + "/returns"))
                            .then()
                            .statusCode(201)
                            .extract()
                            .path("returnId");
                    // bob sees the return waiting on his order group (what the seller portal lists), and why
                    await().atMost(Duration.ofSeconds(20))
                            .until(() -> given().auth()
                                    .oauth2(token("bob"))
                                    .when()
                                    .get(url(Service.ORDER, "/api/v1/seller/orders"))
                                    .then()
                                    .statusCode(200)
                                    .extract()
                                    .jsonPath()
                                    .getList("items.returns.flatten().findAll { it.status == 'REQUESTED' }.returnId")
                                    .contains(returnId));
                    given().auth()
                            .oauth2(token("bob"))
                            .when()
                            .get(url(Service.ORDER, "/api/v1/seller/orders/" + orderId))
                            .then()
                            .statusCode(200)
                            .body("returns.find { it.returnId == '" + returnId + "' }.reasonCode", equalTo("DAMAGED"))
                            .body(
                                    "returns.find { it.returnId == '" + returnId + "' }.comment",
                                    equalTo("arrived chipped"));
                    given().auth()
                            .oauth2(token("bob"))
                            .when()
                            .post(url(Service.ORDER, "/api/v1/seller/returns/" + returnId + "/approve"))
                            .then()
                            .statusCode(200);
                    JsonPath refund = returnRefund();
                    await().atMost(Duration.ofSeconds(30))
                            .until(() -> payment().getLong("refunded.amount") == refund.getLong("amount.amount"));
                    await().atMost(Duration.ofSeconds(20))
                            .until(() -> market.available("bob", bob.listings().get(0)) == mugs + 1);
                    assertThat(refund.getLong("goods.amount"))
                            .as("one mug's price")
                            .isEqualTo(1_250);
                    String ref = orderId.substring(0, 8).toUpperCase(Locale.ROOT);
                    assertThat(mailbox.await(
                                    buyer + "@bazaar.test",
                                    m -> m.subject().contains("Refund of")
                                            && m.subject().contains(ref),
                                    1))
                            .as(buyer + " is told of the refund")
                            .hasSize(1);
                    assertBalanced();
                    say(
                            "refund $%s (the mug $%s + its share of shipping $%s and tax $%s)",
                            dollars(refund.getLong("amount.amount")),
                            dollars(refund.getLong("goods.amount")),
                            dollars(refund.getLong("shipping.amount")),
                            dollars(refund.getLong("tax.amount")));
                    return null;
                });
        step(
                "3c. " + buyer + " returns the other mug; bob does not answer; order-service's clock moves 4 days on, "
                        + "the return goes to the admins' queue, and an admin rejects it",
                () -> {
                    String unanswered = given().auth()
                            .oauth2(token(buyer))
                            .contentType("application/json")
                            .body(Map.of(
                                    "lines",
                                    List.of(Map.of(
                                            "variantId", bob.listings().get(0).variantId(), "quantity", 1)),
                                    "reason",
                                    "NO_LONGER_NEEDED",
                                    "comment",
                                    "bought two by mistake"))
                            .when()
                            .post(url(Service.ORDER, "/api/v1/orders/" + orderId + "/returns"))
                            .then()
                            .statusCode(201)
                            .extract()
                            .path("returnId");
                    given().auth()
                            .oauth2(token("admin"))
                            .contentType("application/json")
                            .body(Map.of("advanceBy", "P4D"))
                            .when()
                            .post(url(Service.ORDER, "/api/v1/admin/clock"))
                            .then()
                            .statusCode(200);
                    // the sweep runs hourly; an admin may run it at once
                    given().auth()
                            .oauth2(token("admin"))
                            .when()
                            .post(url(Service.ORDER, "/api/v1/admin/returns/escalation"))
                            .then()
                            .statusCode(200);
                    Map<String, Object> queued = escalated(unanswered);
                    assertThat(queued)
                            .as("in the admins' queue")
                            .isNotNull()
                            .containsEntry("reasonCode", "NO_LONGER_NEEDED")
                            .containsEntry("shopId", bob.shopId());
                    given().auth()
                            .oauth2(token(buyer))
                            .when()
                            .get(url(Service.ORDER, "/api/v1/orders/" + orderId))
                            .then()
                            .body("returns.find { it.returnId == '" + unanswered + "' }.status", equalTo("ESCALATED"));
                    given().auth()
                            .oauth2(token("admin"))
                            .contentType("application/json")
                            .body(Map.of("reason", "opened and used: outside the shop's policy"))
                            .when()
                            .post(url(Service.ORDER, "/api/v1/admin/returns/" + unanswered + "/reject"))
                            .then()
                            .statusCode(200)
                            .body("returns.find { it.returnId == '" + unanswered + "' }.status", equalTo("REJECTED"));
                    assertThat(escalated(unanswered))
                            .as("decided: off the queue")
                            .isNull();
                    say(
                            "return %s escalated after 4 days without an answer, rejected by an admin",
                            unanswered.substring(0, 8));
                    return null;
                });
        step("3d. the holding period passes (payment's clock moves 8 days on); a payout run pays both sellers", () -> {
            given().auth()
                    .oauth2(token("admin"))
                    .contentType("application/json")
                    .body(Map.of("advanceBy", "P8D"))
                    .when()
                    .post(url(Service.PAYMENT, "/api/v1/admin/clock"))
                    .then()
                    .statusCode(200);
            // payment learns of deliveries and refunds from events: wait until each share is available in full
            for (Seller s : List.of(bob, sam)) {
                long expected = share(s.shopId()) - refundedShare(s.shopId());
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> {
                            long available = balance(s.user()).getLong("available.amount");
                            return s.freshShop() ? available == expected : available > 0;
                        });
            }
            given().auth()
                    .oauth2(token("admin"))
                    .when()
                    .post(url(Service.PAYMENT, "/api/v1/admin/payouts/run"))
                    .then()
                    .statusCode(200);
            for (Seller s : List.of(bob, sam)) {
                List<Map<String, Object>> payouts = given().auth()
                        .oauth2(token(s.user()))
                        .when()
                        .get(url(Service.PAYMENT, "/api/v1/seller/payouts"))
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("$");
                assertThat(payouts).as(s.user() + " was paid").isNotEmpty();
                long paid = payouts.stream()
                        .filter(p -> "PAID".equals(p.get("status")))
                        .mapToLong(p -> ((Number) ((Map<?, ?>) p.get("amount")).get("amount")).longValue())
                        .sum();
                long expected = share(s.shopId()) - refundedShare(s.shopId());
                say(
                        "%s paid $%s (expected from the quote's lines, shipping and commission: $%s)",
                        s.user(), dollars(paid), dollars(expected));
                if (s.freshShop()) {
                    assertThat(paid).as(s.user() + "'s payout, to the cent").isEqualTo(expected);
                }
            }
            assertBalanced();
            return null;
        });
        step("3e. another buyer, another seller and wrong roles are refused everywhere the journey went", () -> {
            refusals();
            return null;
        });
        step(
                "4. " + buyer
                        + " reviews bob's mug (5★) and sam's shop (4★): both show at once, the mug's rating reaches "
                        + "its product page and search (minRating=4) within 5 s; carol (no order) is refused, a second review "
                        + "is a conflict; an admin rejects the mug's review and its rating is what it was before",
                () -> {
                    reviews();
                    return null;
                });
        return steps;
    }

    /** Step 4: verified reviews, their aggregates in review-service and the catalog, moderation undoing one. */
    private void reviews() {
        Marketplace.Listing mug = bob.listings().get(0);
        String sams = sam.shopId();
        Map<String, Object> mugReview = Map.of(
                "orderId",
                orderId,
                "variantId",
                mug.variantId(),
                "rating",
                5,
                "title",
                "Lovely mugs",
                "body",
                "Solid stoneware, keeps the tea warm, arrived well packed (" + run + ").");
        Map<String, Object> shopReview = Map.of(
                "orderId",
                orderId,
                "shopId",
                sams,
                "rating",
                4,
                "asDescribed",
                4,
                "shipping",
                5,
                "communication",
                4,
                "body",
                "The rug is as pictured and came quickly (" + run + ").");
        String reviewId = given().auth()
                .oauth2(token(buyer))
                .contentType("application/json")
                .body(mugReview)
                .when()
                .post(url(Service.REVIEW, "/api/v1/reviews"))
                .then()
                .statusCode(201)
                .body("status", equalTo("PUBLISHED"))
                .extract()
                .path("id");
        given().auth()
                .oauth2(token(buyer))
                .contentType("application/json")
                .body(shopReview)
                .when()
                .post(url(Service.REVIEW, "/api/v1/reviews"))
                .then()
                .statusCode(201)
                .body("status", equalTo("PUBLISHED"));
        JsonPath page = given().when()
                .get(url(Service.REVIEW, "/api/v1/products/" + mug.productId() + "/reviews"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(page.getList("items.id", String.class))
                .as("the mug's reviews")
                .containsExactly(reviewId);
        assertThat(page.getInt("rating.averageTenths")).isEqualTo(50);
        JsonPath shop = given().when()
                .get(url(Service.REVIEW, "/api/v1/shops/" + sams + "/reviews"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(shop.getInt("rating.averageTenths")).as("sam's shop rating").isEqualTo(40);
        say(
                "the mug's reviews %s: 1 review, 5.0★; sam's shop %s: 4.0★",
                url(Service.REVIEW, "/api/v1/products/" + mug.productId() + "/reviews"),
                url(Service.REVIEW, "/api/v1/shops/" + sams + "/reviews"));

        long t0 = System.nanoTime();
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> catalogRating(mug) == 50 && searchFinds(mug, 4));
        say(
                "the product page shows 5.0★ (1 review) and search with minRating=4 finds the mug after %.1f s: %s",
                (System.nanoTime() - t0) / 1e9, url(Service.CATALOG, "/api/v1/products?q=mug+" + run + "&minRating=4"));

        given().auth()
                .oauth2(token("carol"))
                .contentType("application/json")
                .body(mugReview)
                .when()
                .post(url(Service.REVIEW, "/api/v1/reviews"))
                .then()
                .statusCode(403)
                .contentType(containsString("application/problem+json"));
        given().auth()
                .oauth2(token(buyer))
                .contentType("application/json")
                .body(mugReview)
                .when()
                .post(url(Service.REVIEW, "/api/v1/reviews"))
                .then()
                .statusCode(409)
                .contentType(containsString("application/problem+json"));
        given().auth()
                .oauth2(token(buyer))
                .contentType("application/json")
                .body(Map.of(
                        "orderId",
                        orderId,
                        "variantId",
                        mug.variantId(),
                        "rating",
                        6,
                        "title",
                        "Too good",
                        "body",
                        "Six stars for these mugs."))
                .when()
                .post(url(Service.REVIEW, "/api/v1/reviews"))
                .then()
                .statusCode(400);
        say("carol (no order) → 403, a second review of the line → 409, six stars → 400");

        given().auth()
                .oauth2(token("admin"))
                .contentType("application/json")
                .body(Map.of("reason", "journey: moderation check"))
                .when()
                .post(url(Service.REVIEW, "/api/v1/admin/reviews/" + reviewId + "/reject"))
                .then()
                .statusCode(200)
                .body("status", equalTo("REJECTED"));
        JsonPath after = given().when()
                .get(url(Service.REVIEW, "/api/v1/products/" + mug.productId() + "/reviews"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(after.getList("items")).as("the rejected review is gone").isEmpty();
        assertThat(after.getInt("rating.count")).isZero();
        assertThat(after.getInt("rating.averageTenths")).isZero();
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> catalogRating(mug) == 0 && !searchFinds(mug, 4));
        say("admin rejects it: the mug has no reviews again, its page and search say so within 5 s");
    }

    /** The product page's rating in tenths (0 when it has none). */
    private int catalogRating(Marketplace.Listing listing) {
        Integer tenths = given().when()
                .get(url(Service.CATALOG, "/api/v1/products/" + listing.productId()))
                .then()
                .statusCode(200)
                .extract()
                .path("rating.averageTenths");
        return tenths == null ? 0 : tenths;
    }

    /** Whether search for this run's mugs with {@code minRating} has the listing among its hits. */
    private boolean searchFinds(Marketplace.Listing listing, int minRating) {
        List<String> ids = given().queryParam("q", "mug " + run)
                .queryParam("minRating", minRating)
                .when()
                .get(url(Service.CATALOG, "/api/v1/products"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.id", String.class);
        return ids.contains(listing.productId());
    }

    /** Every cross-tenant read or write of the journey answers 404; every wrong-role call 403. */
    private void refusals() {
        Marketplace.Listing mug = bob.listings().get(0);
        Map<String, Object> json = Map.of("reason", "x");
        List<Object[]> calls = List.of(
                // carol, another buyer, on the buyer's things
                new Object[] {"carol", "GET", url(Service.ORDER, "/api/v1/orders/" + orderId), null, 404},
                new Object[] {"carol", "GET", url(Service.ORDER, "/api/v1/orders/" + orderId + "/history"), null, 404},
                new Object[] {"carol", "POST", url(Service.ORDER, "/api/v1/orders/" + orderId + "/cancel"), json, 404},
                new Object[] {
                    "carol",
                    "POST",
                    url(Service.ORDER, "/api/v1/orders/" + orderId + "/groups/" + bob.shopId() + "/delivered"),
                    null,
                    404
                },
                new Object[] {
                    "carol",
                    "POST",
                    url(Service.ORDER, "/api/v1/orders/" + orderId + "/returns"),
                    Map.of("items", List.of(Map.of("variantId", mug.variantId(), "quantity", 1)), "reason", "x"),
                    404
                },
                new Object[] {"carol", "GET", url(Service.CHECKOUT, "/api/v1/checkouts/" + checkoutId), null, 404},
                new Object[] {
                    "carol", "GET", url(Service.CHECKOUT, "/api/v1/checkouts/" + checkoutId + "/events"), null, 404
                },
                new Object[] {"carol", "GET", url(Service.PAYMENT, "/api/v1/payments/" + paymentId), null, 404},
                // sam, another seller, on bob's things
                new Object[] {
                    "sam", "GET", url(Service.CATALOG, "/api/v1/seller/products/" + mug.productId()), null, 404
                },
                new Object[] {
                    "sam",
                    "PATCH",
                    url(Service.CATALOG, "/api/v1/seller/products/" + mug.productId()),
                    Map.of("title", "taken over"),
                    404
                },
                new Object[] {
                    "sam",
                    "PUT",
                    url(Service.CATALOG, "/api/v1/seller/variants/" + mug.variantId() + "/stock"),
                    Map.of("onHand", 0),
                    404
                },
                new Object[] {
                    "sam", "POST", url(Service.ORDER, "/api/v1/seller/returns/" + returnId + "/reject"), json, 404
                },
                new Object[] {
                    "sam",
                    "POST",
                    url(Service.ORDER, "/api/v1/seller/returns/" + returnId + "/authorize"),
                    Map.of("instructions", "send it to me"),
                    404
                },
                new Object[] {
                    "sam",
                    "POST",
                    url(Service.ORDER, "/api/v1/orders/" + orderId + "/groups/" + bob.shopId() + "/delivered"),
                    null,
                    403
                },
                // wrong roles
                new Object[] {buyer, "POST", url(Service.CATALOG, "/api/v1/seller/products"), Map.of(), 403},
                new Object[] {buyer, "GET", url(Service.PAYMENT, "/api/v1/seller/balance"), null, 403},
                new Object[] {buyer, "GET", url(Service.ORDER, "/api/v1/seller/orders"), null, 403},
                new Object[] {buyer, "GET", url(Service.ORDER, "/api/v1/seller/orders/" + orderId), null, 403},
                new Object[] {
                    buyer, "GET", url(Service.ORDER, "/api/v1/seller/orders/" + orderId + "/packing-slip"), null, 403
                },
                new Object[] {
                    buyer,
                    "GET",
                    url(
                            Service.CHECKOUT,
                            "/api/v1/internal/shipping-addresses/" + UUID.randomUUID() + "?orderId=" + orderId
                                    + "&shopId=" + bob.shopId() + "&reader=x"),
                    null,
                    403
                },
                new Object[] {buyer, "POST", url(Service.PAYMENT, "/api/v1/admin/payouts/run"), null, 403},
                new Object[] {
                    buyer, "POST", url(Service.PAYMENT, "/api/v1/admin/clock"), Map.of("advanceBy", "P1D"), 403
                },
                new Object[] {
                    buyer,
                    "POST",
                    url(Service.CATALOG, "/api/v1/admin/products/" + mug.productId() + "/approve"),
                    null,
                    403
                },
                new Object[] {"bob", "POST", url(Service.CHECKOUT, "/api/v1/checkouts"), Map.of(), 403},
                new Object[] {"bob", "GET", url(Service.ORDER, "/api/v1/orders/" + orderId), null, 403},
                new Object[] {"bob", "GET", url(Service.PAYMENT, "/api/v1/admin/ledger/trial-balance"), null, 403},
                new Object[] {"bob", "GET", url(Service.ORDER, "/api/v1/admin/returns"), null, 403},
                new Object[] {"bob", "POST", url(Service.ORDER, "/api/v1/admin/returns/escalation"), null, 403},
                new Object[] {"bob", "POST", url(Service.ORDER, "/api/v1/admin/clock"), Map.of("advanceBy", "P1D"), 403
                },
                new Object[] {"bob", "GET", url(Service.CART, "/api/v1/cart"), null, 403});
        for (Object[] c : calls) {
            var request = given().auth().oauth2(token((String) c[0]));
            if (c[3] != null) {
                request = request.contentType("application/json").body(c[3]);
            }
            int status = request.when().request((String) c[1], (String) c[2]).statusCode();
            assertThat(status).as("%s %s %s", c[0], c[1], c[2]).isEqualTo(c[4]);
        }
        say("%d calls by the wrong tenant or role: each answered 404 or 403", calls.size());
    }

    record Item(String title, long priceCents, int stock, int weightGrams) {}

    private Seller seller(String user, String shopName, List<Item> items) {
        String seller = token(user);
        Response existing = given().auth().oauth2(seller).when().get(url(Service.CATALOG, "/api/v1/seller/shop"));
        String shopId;
        boolean fresh = existing.statusCode() == 404;
        if (fresh) {
            // no slug: the catalog makes one from the name (bobs-kitchen, or bobs-kitchen-2 … when taken)
            shopId = given().auth()
                    .oauth2(seller)
                    .contentType("application/json")
                    .body(Map.of("name", shopName, "country", "US", "description", "Demo shop of " + user))
                    .when()
                    .post(url(Service.CATALOG, "/api/v1/seller/shop"))
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
        } else {
            existing.then().statusCode(200);
            shopId = existing.path("id");
        }
        Response shop = given().auth().oauth2(seller).when().get(url(Service.CATALOG, "/api/v1/seller/shop"));
        String status = shop.path("status");
        String slug = shop.path("slug");
        if ("PENDING_APPROVAL".equals(status)) {
            given().auth()
                    .oauth2(token("admin"))
                    .when()
                    .post(url(Service.CATALOG, "/api/v1/admin/shops/" + shopId + "/approve"))
                    .then()
                    .statusCode(200);
        } else {
            assertThat(status).as(user + "'s shop").isEqualTo("APPROVED");
        }
        // payment learns who owns the shop from catalog.shop-events: the account can be opened once that arrived
        // (until then, a seller with an older shop in payment's records would be answered for that one)
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    Response account = given().auth()
                            .oauth2(seller)
                            .contentType("application/json")
                            .body(Map.of("country", "US"))
                            .when()
                            .post(url(Service.PAYMENT, "/api/v1/seller/payout-account"));
                    return account.statusCode() == 200 && shopId.equals(account.path("shopId"));
                });
        List<Marketplace.Listing> listings = new ArrayList<>();
        for (Item i : items) {
            Response created = given().auth()
                    .oauth2(seller)
                    .contentType("application/json")
                    .body(Map.of(
                            "title",
                            i.title() + " " + run,
                            "categoryId",
                            Marketplace.KITCHEN,
                            "variants",
                            List.of(Map.of(
                                    "sku",
                                    i.title().toUpperCase(Locale.ROOT).replace(' ', '-') + "-" + run,
                                    "price",
                                    Map.of("amount", i.priceCents(), "currency", "USD"),
                                    "stock",
                                    i.stock(),
                                    "weightGrams",
                                    i.weightGrams()))))
                    .when()
                    .post(url(Service.CATALOG, "/api/v1/seller/products"));
            created.then().statusCode(201);
            String productId = created.path("id");
            given().auth()
                    .oauth2(seller)
                    .when()
                    .post(url(Service.CATALOG, "/api/v1/seller/products/" + productId + "/submit"))
                    .then()
                    .statusCode(200);
            given().auth()
                    .oauth2(token("admin"))
                    .when()
                    .post(url(Service.CATALOG, "/api/v1/admin/products/" + productId + "/approve"))
                    .then()
                    .statusCode(200);
            listings.add(new Marketplace.Listing(shopId, productId, created.path("variants[0].id")));
        }
        say(
                "%s: shop %s at %s%s, payout account verified (sandbox), %d products listed and approved",
                user,
                shopId,
                url(Service.CATALOG, "/api/v1/shops/" + slug),
                fresh ? " (new)" : " (existing)",
                listings.size());
        return new Seller(user, shopId, fresh, listings);
    }

    JsonPath order() {
        return given().auth()
                .oauth2(token(buyer))
                .when()
                .get(url(Service.ORDER, "/api/v1/orders/" + orderId))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** The bundled test carrier's signature header for {@code body}: {@code t=<unix>,v1=HMAC-SHA256(t.body)}. */
    static String carrierSignature(String body, String secret) {
        try {
            long t = Instant.now().getEpochSecond();
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "t=" + t + ",v1="
                    + java.util.HexFormat.of()
                            .formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where the platform's mail is read: the test devstack's mail server by default, the demo sets dev's. */
    Journey mailbox(Mailbox where) {
        this.mailbox = where;
        return this;
    }

    /** Which secret the platform's bundled "test" carrier has: test profile by default, the demo sets dev's. */
    Journey carrierSecret(String secret) {
        this.carrierSecret = secret;
        return this;
    }

    /** The escalated return {@code returnId} as the admins' queue shows it (every page read), or null. */
    Map<String, Object> escalated(String returnId) {
        for (int page = 0; ; page++) {
            JsonPath p = given().auth()
                    .oauth2(token("admin"))
                    .queryParam("page", page)
                    .queryParam("size", 100)
                    .when()
                    .get(url(Service.ORDER, "/api/v1/admin/returns"))
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            List<Map<String, Object>> items = p.getList("items");
            for (Map<String, Object> item : items) {
                if (returnId.equals(item.get("returnId"))) {
                    return item;
                }
            }
            if (items.isEmpty() || (long) (page + 1) * 100 >= p.getLong("total")) {
                return null;
            }
        }
    }

    void awaitOrderStatus(String status) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> status.equals(order().getString("status")));
        say("order %s is %s: %s", orderId, status, url(Service.ORDER, "/api/v1/orders/" + orderId));
    }

    JsonPath payment() {
        return given().auth()
                .oauth2(token(buyer))
                .when()
                .get(url(Service.PAYMENT, "/api/v1/payments/" + paymentId))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    JsonPath balance(String seller) {
        return given().auth()
                .oauth2(token(seller))
                .when()
                .get(url(Service.PAYMENT, "/api/v1/seller/balance"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    void assertBalanced() {
        boolean balanced = given().auth()
                .oauth2(token("admin"))
                .when()
                .get(url(Service.PAYMENT, "/api/v1/admin/ledger/trial-balance"))
                .then()
                .statusCode(200)
                .extract()
                .path("balanced");
        assertThat(balanced).as("the ledger's trial balance is zero").isTrue();
        say(
                "ledger trial balance: every account sums to zero (%s)",
                url(Service.PAYMENT, "/api/v1/admin/ledger/trial-balance"));
    }

    /**
     * What the seller is owed for their group of the order, computed here from the order's frozen lines: Σ line
     * totals + shipping − Σ commission, each line's commission checked against its rate (HALF_EVEN, minor units).
     */
    long share(String shopId) {
        Map<String, Object> group = order().getList("groups", Map.class).stream()
                .filter(g -> shopId.equals(g.get("shopId")))
                .findFirst()
                .orElseThrow();
        long goods = 0;
        long commission = 0;
        for (Object o : (List<?>) group.get("lines")) {
            Map<?, ?> line = (Map<?, ?>) o;
            long unit = amount(line.get("unitPrice"));
            long qty = ((Number) line.get("quantity")).longValue();
            long lineTotal = amount(line.get("lineTotal"));
            assertThat(lineTotal).isEqualTo(unit * qty);
            long rate = ((Number) line.get("commissionRateBps")).longValue();
            long expectedCommission = BigDecimal.valueOf(lineTotal * rate)
                    .divide(BigDecimal.valueOf(10_000), 0, RoundingMode.HALF_EVEN)
                    .longValueExact();
            assertThat(amount(line.get("commission")))
                    .as("commission of a line at %d bps", rate)
                    .isEqualTo(expectedCommission);
            goods += lineTotal;
            commission += expectedCommission;
        }
        long shipping = amount(group.get("shipping"));
        Map<?, ?> quoted = quote.getList("quote.groups", Map.class).stream()
                .filter(g -> shopId.equals(g.get("shopId")))
                .findFirst()
                .orElseThrow();
        assertThat(amount(quoted.get("subtotal")))
                .as("the order's goods are the quote's")
                .isEqualTo(goods);
        assertThat(amount(quoted.get("shipping")))
                .as("the order's shipping is the quote's")
                .isEqualTo(shipping);
        return goods + shipping - commission;
    }

    /** The seller's share the return took back: goods + shipping − commission of the approved refund. */
    long refundedShare(String shopId) {
        JsonPath refund = returnRefundOrNull(shopId);
        return refund == null
                ? 0
                : refund.getLong("goods.amount")
                        + refund.getLong("shipping.amount")
                        - refund.getLong("commission.amount");
    }

    JsonPath returnRefund() {
        JsonPath r = returnRefundOrNull(bob.shopId());
        assertThat(r)
                .as("the approved return's refund is in the order's history")
                .isNotNull();
        return r;
    }

    private JsonPath returnRefundOrNull(String shopId) {
        List<Map<String, Object>> events = given().auth()
                .oauth2(token(buyer))
                .when()
                .get(url(Service.ORDER, "/api/v1/orders/" + orderId + "/history"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("events");
        for (Map<String, Object> e : events) {
            if ("ReturnApproved".equals(e.get("type"))) {
                for (Object r : (List<?>) ((Map<?, ?>) e.get("payload")).get("refunds")) {
                    if (shopId.equals(((Map<?, ?>) r).get("shopId"))) {
                        return JsonPath.from(JSON.valueToTree(r).toString());
                    }
                }
            }
        }
        return null;
    }

    static long amount(Object money) {
        return ((Number) ((Map<?, ?>) money).get("amount")).longValue();
    }

    static String dollars(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }
}
