package dev.bazaar.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.devstack.testing.KeycloakTokens;
import dev.bazaar.system.Marketplace.Listing;
import dev.bazaar.system.Platform.Service;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin console in headless Chromium against the packaged platform: an order placed through the API is found by
 * its id, opened (lines, payment, history), and part of one seller's share refunded from the page; the refund shows on
 * the payment and, once the order service has heard of it, on the order and its history; the same form sent a second
 * time (its idempotency key and CSRF token unchanged) refunds nothing more. Screenshots as
 * {@link PortalBrowserSystemTest}'s, prefixed {@code admin-}.
 */
class AdminConsoleBrowserSystemTest {

    static Platform platform;
    static Marketplace market;
    static WebDriver admin;
    static int shot;

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
        if (admin != null) {
            admin.quit();
        }
    }

    @Test
    void anAdminFindsAnOrderAndRefundsPartOfItOnce() {
        Listing bowl =
                market.listing("bob", market.approvedShop("bob", "Bob Console Bowls"), "Console bowl", 2_400, 20, 500);
        market.cart("load072", Map.of(bowl.variantId(), 2));
        String checkout =
                market.quote("load072").then().statusCode(201).extract().path("id");
        String orderId = market.confirmToEnd("load072", checkout, "k-" + UUID.randomUUID(), "pm_card_visa")
                .then()
                .statusCode(200)
                .extract()
                .path("orderId");

        admin = browser();
        signIn(admin, "admin");
        // the order search: by the order's id, typed in the form (the read model follows the events within seconds)
        waitFor(admin, 30, d -> {
            d.get(portal("/admin/orders"));
            d.findElement(By.id("q-order")).sendKeys(orderId);
            d.findElement(By.cssSelector("#order-search button[type=submit]")).click();
            return !d.findElements(By.id("found-" + orderId)).isEmpty();
        });
        snap(admin, "search");
        admin.findElement(By.cssSelector("#found-" + orderId + " a")).click();
        // the payment is captured shortly after the order is placed: the refund needs a captured payment
        String shop = bowl.shopId();
        waitFor(admin, 30, d -> {
            d.get(portal("/admin/orders/" + orderId));
            return !d.findElements(By.id("refund-" + shop)).isEmpty()
                    && d.findElement(By.id("payment")).getText().contains("CAPTURED");
        });
        assertThat(admin.findElement(By.id("group-" + shop)).getText()).contains("Console bowl", "$24.00", "$48.00");
        assertThat(admin.findElement(By.id("history")).getText()).contains("OrderPlaced");
        snap(admin, "order");

        // the refund: $5.00 of bob's part, with a reason; the form is kept to be sent again below
        admin.findElement(By.id("refund-amount-" + shop)).sendKeys("5.00");
        admin.findElement(By.id("refund-reason-" + shop)).sendKeys("Arrived late");
        js(admin, "sessionStorage.setItem('again', document.getElementById('refund-" + shop + "').outerHTML);");
        admin.findElement(By.cssSelector("#refund-" + shop + " button[type=submit]"))
                .click();
        until(admin, d -> !d.findElements(By.id("refund-notice")).isEmpty());
        assertThat(admin.getCurrentUrl()).contains("refund=");
        waitFor(admin, 30, d -> {
            d.get(portal("/admin/orders/" + orderId));
            return d.findElement(By.id("payment-refunded")).getText().equals("$5.00")
                    && d.findElement(By.id("order-refunded")).getText().equals("$5.00");
        });
        assertThat(admin.findElement(By.id("refunds")).getText()).contains("$5.00", "SUCCEEDED", "Arrived late");
        assertThat(admin.findElement(By.id("history")).getText()).contains("RefundIssued");
        snap(admin, "refunded");

        // the same form again (a double submit, or the form sent again from an old tab): the payment service answers
        // the first result for its key, and nothing more is refunded
        js(
                admin,
                "document.body.insertAdjacentHTML('beforeend', '<div id=\"again\">' + sessionStorage.getItem('again')"
                        + " + '</div>'); var f = document.querySelector('#again form');"
                        + " f.querySelector('[name=amount]').value = '5.00'; f.querySelector('[name=reason]').value = "
                        + "'Arrived late'; f.submit();");
        until(admin, d -> !d.findElements(By.id("refund-notice")).isEmpty());
        snap(admin, "submitted-again");
        List<Map<String, Object>> refunds = refundsOf(orderId);
        assertThat(refunds).as("the payment's refunds").hasSize(1);
        admin.get(portal("/admin/orders/" + orderId));
        assertThat(admin.findElement(By.id("payment-refunded")).getText()).isEqualTo("$5.00");
        assertThat(admin.findElement(By.id("order-refunded")).getText()).isEqualTo("$5.00");
        assertThat(admin.findElements(By.cssSelector("#refunds tr.refund"))).hasSize(1);

        // time travel: the order as it stood after its first event, before the refund
        admin.findElement(By.cssSelector("#event-1 a")).click();
        until(admin, d -> !d.findElements(By.id("as-of")).isEmpty());
        assertThat(admin.findElement(By.id("as-of")).getText()).contains("refunded $0.00");
        snap(admin, "time-travel");
    }

    /** The payment's refunds, read from the payment service (the order knows its payment). */
    private static List<Map<String, Object>> refundsOf(String orderId) {
        String paymentId = given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .get(market.url(Service.ORDER, "/api/v1/orders/" + orderId))
                .then()
                .statusCode(200)
                .extract()
                .path("paymentId");
        return given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .when()
                .get(market.url(Service.PAYMENT, "/api/v1/payments/" + paymentId))
                .then()
                .statusCode(200)
                .extract()
                .path("refunds");
    }

    static WebDriver browser() {
        ChromeOptions options = new ChromeOptions()
                .setBinary(new File("/usr/bin/chromium"))
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-first-run",
                        "--disable-dev-shm-usage",
                        "--window-size=412,915");
        WebDriver d = new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                        .build(),
                options);
        d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return d;
    }

    static String portal(String path) {
        return platform.url(Service.PORTAL) + path;
    }

    static void signIn(WebDriver d, String user) {
        d.get(portal("/"));
        until(d, x -> !x.findElements(By.id("username")).isEmpty());
        d.findElement(By.id("username")).sendKeys(user);
        d.findElement(By.id("password")).sendKeys(user);
        d.findElement(By.id("kc-login")).click();
        until(d, x -> x.getCurrentUrl().startsWith(platform.url(Service.PORTAL)));
    }

    static void until(WebDriver d, java.util.function.Function<WebDriver, Boolean> condition) {
        PortalBrowserSystemTest.until(d, condition);
    }

    /** Polls {@code condition} (which may reload the page) every half second for up to {@code seconds}. */
    static void waitFor(WebDriver d, int seconds, java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(d, Duration.ofSeconds(seconds))
                .pollingEvery(Duration.ofMillis(500))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.WebDriverException.class)
                .until(condition);
    }

    static void js(WebDriver d, String script) {
        ((JavascriptExecutor) d).executeScript(script);
    }

    static void snap(WebDriver d, String name) {
        try {
            File png = ((org.openqa.selenium.TakesScreenshot) d).getScreenshotAs(OutputType.FILE);
            Files.copy(
                    png.toPath(),
                    PortalBrowserSystemTest.SHOTS.resolve(String.format("admin-%02d-%s.png", ++shot, name)),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
