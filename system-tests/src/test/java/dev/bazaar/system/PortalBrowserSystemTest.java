package dev.bazaar.system;

import dev.bazaar.devstack.testing.KeycloakTokens;
import dev.bazaar.system.Marketplace.Listing;
import dev.bazaar.system.Platform.Service;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seller portal in headless Chromium (Debian's chromium and chromium-driver) against the packaged platform and
 * the real Keycloak login page: a seller opens a shop, the admin approves it, the seller lists a product with two
 * variants, the admin approves it, the seller ships an order placed through the API; another seller sees none of it;
 * a buyer gets the polite 403; signing out ends the Keycloak session. Every page is saved as a screenshot under
 * {@code system-tests/target/screenshots/}.
 */
class PortalBrowserSystemTest {

    static final Path SHOTS = Path.of("target", "screenshots");
    static Platform platform;
    static Marketplace market;
    static final List<WebDriver> browsers = new ArrayList<>();
    static int shot;

    @BeforeAll
    static void platform() throws IOException, InterruptedException {
        installBrowser();
        platform = Platform.shared();
        market = new Marketplace(platform);
        market.freshCatalog();
        Files.createDirectories(SHOTS);
        try (var old = Files.list(SHOTS)) {
            for (Path f : old.toList()) {
                Files.delete(f);
            }
        }
    }

    /** Debian's chromium and its driver (DEVSTACK.md), installed once with apt when missing. */
    static void installBrowser() throws IOException, InterruptedException {
        if (new File("/usr/bin/chromium").exists() && new File("/usr/bin/chromedriver").exists()) {
            return;
        }
        List<String> cmd = new ArrayList<>(List.of("apt-get", "install", "-y", "-q", "chromium", "chromium-driver"));
        if (!"root".equals(System.getProperty("user.name"))) {
            cmd.addAll(0, List.of("sudo", "-n"));
        }
        System.out.println("[portal] installing Debian's chromium and chromium-driver: " + String.join(" ", cmd));
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        p.getOutputStream().close();
        int rc = p.waitFor();
        assertThat(rc).as("apt-get install chromium chromium-driver (run it by hand if this user may not)").isZero();
    }

    @AfterAll
    static void closeBrowsers() {
        browsers.forEach(WebDriver::quit);
    }

    /** A fresh browser (its own cookies), phone-sized: the portal must work on a phone screen. */
    static WebDriver browser() {
        File chromium = new File("/usr/bin/chromium");
        File driver = new File("/usr/bin/chromedriver");
        assertThat(chromium).as("Debian's chromium (apt-get install chromium chromium-driver; .ci/run installs it)")
                .exists();
        ChromeOptions options = new ChromeOptions().setBinary(chromium).addArguments("--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-dev-shm-usage", "--window-size=412,915");
        WebDriver d = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver).build(),
                options);
        d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        browsers.add(d);
        return d;
    }

    static String portal(String path) {
        return platform.url(Service.PORTAL) + path;
    }

    /** Through the real Keycloak login page. */
    static void signIn(WebDriver d, String user) {
        d.get(portal("/"));
        until(d, x -> !x.findElements(By.id("username")).isEmpty());
        d.findElement(By.id("username")).sendKeys(user);
        d.findElement(By.id("password")).sendKeys(user);
        d.findElement(By.id("kc-login")).click();
        until(d, x -> x.getCurrentUrl().startsWith(platform.url(Service.PORTAL)));
    }

    static void until(WebDriver d, java.util.function.Function<WebDriver, Boolean> condition) {
        // while a page is being replaced, Chromium may answer for an element of the old document (stale element, or
        // "node does not belong to the document"): those are retried until the condition holds or time runs out
        new WebDriverWait(d, Duration.ofSeconds(20))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .ignoring(org.openqa.selenium.WebDriverException.class).until(condition::apply);
    }

    static void snap(WebDriver d, String name) {
        try {
            File png = ((org.openqa.selenium.TakesScreenshot) d).getScreenshotAs(OutputType.FILE);
            Files.copy(png.toPath(), SHOTS.resolve(String.format("%02d-%s.png", ++shot, name)),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(WebDriver d, String id) {
        return d.findElement(By.id(id)).getText();
    }

    @Test
    void sellersAndAdminsWorkThroughThePortal() {
        // bob signs in: no shop yet, so onboarding
        WebDriver bob = browser();
        signIn(bob, "bob");
        until(bob, d -> d.getCurrentUrl().endsWith("/onboarding"));
        snap(bob, "onboarding");
        // the web address is left empty: the catalog makes it from the name
        bob.findElement(By.id("name")).sendKeys("Bob's Portal Shop");
        bob.findElement(By.id("description")).sendKeys("Hand-thrown ceramics");
        bob.findElement(By.cssSelector("#open-shop button[type=submit]")).click();
        until(bob, d -> !d.findElements(By.id("shop-status")).isEmpty());
        assertThat(text(bob, "shop-status")).isEqualTo("PENDING_APPROVAL");
        snap(bob, "shop-pending");

        // the admin approves the shop
        WebDriver admin = browser();
        signIn(admin, "admin");
        until(admin, d -> d.getCurrentUrl().endsWith("/admin"));
        WebElement pending = admin.findElement(By.xpath("//div[contains(@class,'review')][.//strong[text()=\"Bob's "
                + "Portal Shop\"]]"));
        assertThat(pending.getText()).contains("(bobs-portal-shop, US)");
        snap(admin, "admin-shop-queue");
        pending.findElement(By.xpath(".//form[contains(@action,'/approve')]//button")).click();
        until(admin, d -> d.findElements(By.xpath("//strong[text()=\"Bob's Portal Shop\"]")).isEmpty());

        // bob lists a product with two variants; the catalog's field errors come back next to the fields
        bob.get(portal("/products/new"));
        bob.findElement(By.id("sku0")).sendKeys("VASE-S");
        bob.findElement(By.id("price0")).sendKeys("24.00");
        bob.findElement(By.id("stock0")).sendKeys("5");
        bob.findElement(By.id("weight0")).sendKeys("600");
        bob.findElement(By.cssSelector("#product-form button[type=submit]")).click();
        until(bob, d -> !d.findElements(By.id("title-error")).isEmpty());
        snap(bob, "product-form-errors");
        bob.findElement(By.id("title")).sendKeys("Celadon vase");
        new Select(bob.findElement(By.id("categoryId"))).selectByValue(Marketplace.KITCHEN);
        bob.findElement(By.id("option0")).sendKeys("size=S");
        bob.findElement(By.id("sku1")).sendKeys("VASE-L");
        bob.findElement(By.id("option1")).sendKeys("size=L");
        bob.findElement(By.id("price1")).sendKeys("39.50");
        bob.findElement(By.id("stock1")).sendKeys("3");
        bob.findElement(By.id("weight1")).sendKeys("1100");
        bob.findElement(By.cssSelector("#product-form button[type=submit]")).click();
        until(bob, d -> !d.findElements(By.id("product-status")).isEmpty());
        assertThat(text(bob, "product-status")).isEqualTo("DRAFT");
        String productId = bob.getCurrentUrl().substring(bob.getCurrentUrl().lastIndexOf('/') + 1);
        bob.findElement(By.id("submit-product")).click();
        until(bob, d -> "PENDING_REVIEW".equals(text(d, "product-status")));
        snap(bob, "product-submitted");

        // the admin approves it
        admin.get(portal("/admin"));
        admin.findElement(By.cssSelector("#product-" + productId + " form[action$='/approve'] button")).click();
        until(admin, d -> d.findElements(By.id("product-" + productId)).isEmpty());
        bob.get(portal("/products/" + productId));
        assertThat(text(bob, "product-status")).isEqualTo("ACTIVE");
        bob.get(portal("/products"));
        snap(bob, "products");

        // a buyer orders through the API; bob ships it from the portal
        String variant = given().auth().oauth2(KeycloakTokens.user("bob"))
                .when().get(market.url(Service.CATALOG, "/api/v1/seller/products/" + productId))
                .then().statusCode(200).extract().path("variants.find { it.sku == 'VASE-L' }.id");
        market.cart("load071", Map.of(variant, 1));
        String checkout = market.quote("load071").then().statusCode(201).extract().path("id");
        String orderId = market.confirmToEnd("load071", checkout, "k-" + UUID.randomUUID(), "pm_card_visa")
                .then().statusCode(200).extract().path("orderId");
        new WebDriverWait(bob, Duration.ofSeconds(30)).pollingEvery(Duration.ofMillis(500))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.WebDriverException.class).until(d -> {
            d.get(portal("/orders"));
            return d.findElements(By.cssSelector("#order-" + orderId + " .group-status")).stream()
                    .anyMatch(e -> e.getText().equals("PAID"));
        });
        snap(bob, "orders-to-ship");
        // the order's page: what to pack and where to send it (the address read from checkout), and a packing slip
        bob.get(portal("/orders/" + orderId));
        until(bob, d -> !d.findElements(By.id("ship-to")).isEmpty());
        assertThat(bob.findElement(By.id("ship-to")).getText()).contains("Test Buyer", "1 Main St", "10001");
        assertThat(bob.findElement(By.id("lines")).getText()).contains("VASE-L");
        snap(bob, "order-page");
        bob.get(portal("/orders/" + orderId + "/packing-slip"));
        until(bob, d -> !d.findElements(By.id("slip-lines")).isEmpty());
        assertThat(bob.findElement(By.id("ship-to")).getText()).contains("Test Buyer", "1 Main St");
        assertThat(bob.findElement(By.id("slip-lines")).getText()).contains("VASE-L").doesNotContain("$");
        snap(bob, "packing-slip");
        bob.get(portal("/orders/" + orderId));
        until(bob, d -> !d.findElements(By.id("carrier-" + orderId)).isEmpty());
        bob.findElement(By.id("carrier-" + orderId)).sendKeys("UPS");
        bob.findElement(By.id("tracking-" + orderId)).sendKeys("1ZPORTAL01");
        bob.findElement(By.cssSelector("#order-" + orderId + " form.ship button")).click();
        new WebDriverWait(bob, Duration.ofSeconds(30)).pollingEvery(Duration.ofMillis(500))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.WebDriverException.class).until(d -> {
            d.get(portal("/orders"));
            return d.findElement(By.cssSelector("#order-" + orderId + " .group-status")).getText().equals("SHIPPED");
        });
        snap(bob, "order-shipped");
        bob.get(portal("/"));
        until(bob, d -> !d.findElements(By.id("pending")).isEmpty());
        snap(bob, "dashboard");
        bob.get(portal("/payouts"));
        if (bob.findElements(By.id("payout-account")).isEmpty()) {
            bob.findElement(By.cssSelector("form[action='/payouts/account'] button")).click();
            until(bob, d -> !d.findElements(By.id("payout-account")).isEmpty());
            bob.get(portal("/payouts"));
        }
        // the page reads the account back: the sandbox verifies at once, nothing is due, payouts are not paused
        assertThat(text(bob, "payout-account")).contains("verified").doesNotContain("paused");
        assertThat(bob.findElements(By.id("requirements"))).isEmpty();
        snap(bob, "payouts");

        // sam, another seller, sees none of bob's products or orders
        market.approvedShop("sam", "Sam Portal Rugs");
        WebDriver sam = browser();
        signIn(sam, "sam");
        sam.get(portal("/products"));
        assertThat(sam.findElements(By.id("product-list"))).as("sam's own (empty) product list").hasSize(1);
        assertThat(sam.getPageSource()).doesNotContain("Celadon vase");
        snap(sam, "sam-products");
        sam.get(portal("/products/" + productId));
        assertThat(sam.getPageSource()).contains("Not found").doesNotContain("Celadon vase");
        sam.get(portal("/orders"));
        assertThat(sam.findElements(By.id("order-" + orderId))).isEmpty();

        // a buyer is not a seller: the polite 403 page, no stack trace
        WebDriver carol = browser();
        signIn(carol, "carol");
        assertThat(carol.getPageSource()).contains("Not for you").doesNotContain("Exception");
        snap(carol, "buyer-403");

        // sign-out ends the Keycloak session: the next visit asks for credentials again
        bob.findElement(By.id("sign-out")).click();
        try {
            until(bob, d -> d.getCurrentUrl().contains("/signed-out"));
        } catch (RuntimeException e) {
            snap(bob, "sign-out-failed");
            throw new AssertionError("sign-out ended at " + bob.getCurrentUrl() + ": " + bob.getTitle(), e);
        }
        snap(bob, "signed-out");
        bob.get(portal("/products"));
        until(bob, d -> !d.findElements(By.id("username")).isEmpty());
        snap(bob, "asks-to-sign-in-again");
    }
}
