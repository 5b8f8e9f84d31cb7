package dev.bazaar.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bazaar.devstack.testing.KeycloakTokens;
import dev.bazaar.system.Marketplace.Listing;
import dev.bazaar.system.Platform.Service;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * A seller's analytics page in headless Chromium against the packaged platform: two orders placed in the test reach
 * the analytics read model, the page's charts are drawn from them (each chart marks itself {@code data-rendered}), its
 * totals are the order service's answer for the same range, and the CSV behind the page's own link, fetched with the
 * browser's session, is that answer line by line. Screenshots prefixed {@code analytics-}.
 */
class SellerAnalyticsBrowserSystemTest {

    static Platform platform;
    static Marketplace market;
    static WebDriver seller;

    @BeforeAll
    static void platform() throws IOException, InterruptedException {
        PortalBrowserSystemTest.installBrowser();
        platform = Platform.shared();
        market = new Marketplace(platform);
        market.freshCatalog();
        Files.createDirectories(PortalBrowserSystemTest.SHOTS);
    }

    @AfterAll
    static void closeBrowser() {
        if (seller != null) {
            seller.quit();
        }
    }

    @Test
    void theChartsTotalsAndCsvAreTheOrderServicesNumbersForRealOrders() {
        Listing vase = market.listing(
                "bob", market.approvedShop("bob", "Bob Analytics Vases"), "Analytics vase", 3_150, 20, 500);
        List<String> days = new ArrayList<>();
        for (int quantity : new int[] {1, 2}) {
            market.cart("load073", Map.of(vase.variantId(), quantity));
            String checkout =
                    market.quote("load073").then().statusCode(201).extract().path("id");
            String orderId = market.confirmToEnd("load073", checkout, "k-" + UUID.randomUUID(), "pm_card_visa")
                    .then()
                    .statusCode(200)
                    .body("status", org.hamcrest.Matchers.equalTo("COMPLETED"))
                    .extract()
                    .path("orderId");
            // the day the order counts on is its own placedAt (order-service's clock, which other system tests move
            // on): read back from the buyer's order, so the range is right whatever the clock did meanwhile
            String placedAt = await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(300))
                    .until(
                            () -> given().auth()
                                    .oauth2(KeycloakTokens.user("load073"))
                                    .when()
                                    .get(market.url(Service.ORDER, "/api/v1/orders/" + orderId))
                                    .then()
                                    .extract(),
                            r -> r.statusCode() == 200)
                    .path("placedAt");
            days.add(
                    LocalDate.ofInstant(Instant.parse(placedAt), ZoneOffset.UTC).toString());
        }
        String today = days.get(0);
        assertThat(days)
                .as("both orders placed on one day (a run across midnight would split them)")
                .containsOnly(today);
        String query = "from=" + today + "&to=" + today + "&interval=day";

        // the read model follows order.events within seconds: both orders and their three vases. Each miss names the
        // answer, so a failure says what the read model held
        java.util.concurrent.atomic.AtomicReference<JsonPath> last =
                new java.util.concurrent.atomic.AtomicReference<>();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    JsonPath a = api(query);
                    last.set(a);
                    assertThat(a.getLong("series[0].totals.orders") >= 2 && a.getLong("series[0].totals.items") >= 3)
                            .as("analytics of %s hold both orders; last answer %s", today, a.prettify())
                            .isTrue();
                });
        JsonPath answer = last.get();
        assertThat(answer.getLong("series[0].totals.orders")).isEqualTo(2);
        assertThat(answer.getLong("series[0].totals.items")).isEqualTo(3);
        assertThat(answer.getLong("series[0].totals.gmv")).isEqualTo(3 * 3_150);

        seller = AdminConsoleBrowserSystemTest.browser();
        signIn(seller, "bob");
        seller.get(portal("/analytics?" + query));
        for (String chart : List.of("chart-sales", "chart-returns", "chart-payouts")) {
            AdminConsoleBrowserSystemTest.waitFor(
                    seller, 20, d -> "true".equals(d.findElement(By.id(chart)).getDomAttribute("data-rendered")));
            assertThat(seller.findElements(By.cssSelector("#" + chart + " svg")))
                    .as(chart)
                    .isNotEmpty();
        }
        assertThat(seller.findElement(By.id("total-gmv")).getText())
                .isEqualTo(dollars(answer.getLong("series[0].totals.gmv")));
        assertThat(seller.findElement(By.id("total-orders")).getText())
                .isEqualTo(answer.getString("series[0].totals.orders"));
        snap(seller, "page");

        // the CSV behind the page's own link, fetched with the signed-in browser's session
        String href = seller.findElement(By.id("analytics-csv")).getDomAttribute("href");
        assertThat(href).isEqualTo("/analytics/csv?" + query);
        Object csv = ((JavascriptExecutor) seller)
                .executeAsyncScript(
                        "var done = arguments[arguments.length - 1];"
                                + "fetch(arguments[0], {credentials: 'same-origin'}).then(function (r) { return r.text(); })"
                                + ".then(done, function (e) { done('failed: ' + e); });",
                        href);
        // the browser hands text back with its line ends as "\n"; the download itself is RFC 4180 (CRLF)
        assertThat(String.valueOf(csv).split("\\R")).containsExactlyElementsOf(csvOf(answer));
    }

    /** The CSV the API's answer makes: one line per point, the columns in the portal's documented order. */
    static List<String> csvOf(JsonPath answer) {
        List<String> lines = new ArrayList<>();
        lines.add("series,period,currency,gmv_minor,orders,items,average_order_value_minor,commission_minor,"
                + "take_rate_bps,refunds_minor,refund_count,returned_items,return_rate_bps,payouts_minor");
        String key = answer.getString("series[0].key");
        List<Map<String, Object>> points = answer.getList("series[0].points");
        for (Map<String, Object> p : points) {
            lines.add(String.join(
                    ",",
                    key,
                    String.valueOf(p.get("period")),
                    answer.getString("currency"),
                    String.valueOf(p.get("gmv")),
                    String.valueOf(p.get("orders")),
                    String.valueOf(p.get("items")),
                    String.valueOf(p.get("averageOrderValue")),
                    String.valueOf(p.get("commission")),
                    String.valueOf(p.get("takeRateBps")),
                    String.valueOf(p.get("refunds")),
                    String.valueOf(p.get("refundCount")),
                    String.valueOf(p.get("returnedItems")),
                    String.valueOf(p.get("returnRateBps")),
                    String.valueOf(p.get("payouts"))));
        }
        return lines;
    }

    static String portal(String path) {
        return platform.url(Service.PORTAL) + path;
    }

    /** Through the real Keycloak login page (the test realm's users have their name as password). */
    static void signIn(WebDriver d, String user) {
        d.get(portal("/"));
        PortalBrowserSystemTest.until(d, x -> !x.findElements(By.id("username")).isEmpty());
        d.findElement(By.id("username")).sendKeys(user);
        d.findElement(By.id("password")).sendKeys(user);
        d.findElement(By.id("kc-login")).click();
        PortalBrowserSystemTest.until(d, x -> x.getCurrentUrl().startsWith(platform.url(Service.PORTAL)));
    }

    static void snap(WebDriver d, String name) {
        try {
            java.io.File png =
                    ((org.openqa.selenium.TakesScreenshot) d).getScreenshotAs(org.openqa.selenium.OutputType.FILE);
            Files.copy(
                    png.toPath(),
                    PortalBrowserSystemTest.SHOTS.resolve("analytics-" + name + ".png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonPath api(String query) {
        return given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .when()
                .get(market.url(Service.ORDER, "/api/v1/seller/analytics?" + query))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static String dollars(long cents) {
        return String.format(java.util.Locale.ROOT, "$%,d.%02d", cents / 100, cents % 100);
    }
}
