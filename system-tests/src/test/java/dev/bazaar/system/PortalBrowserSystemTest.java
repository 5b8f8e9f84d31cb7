package dev.bazaar.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.devstack.testing.KeycloakTokens;
import dev.bazaar.system.Platform.Service;
import io.restassured.path.json.JsonPath;
import java.awt.image.BufferedImage;
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
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The seller portal in headless Chromium (Debian's chromium and chromium-driver) against the packaged platform and
 * the real Keycloak login page: a seller opens a shop, the admin approves it, the seller lists a product with two
 * variants and uploads a photo of it (a page named .jpg is refused), the admin approves it, the seller ships an order
 * placed through the API; another seller sees none of it; a buyer gets the polite 403; signing out ends the Keycloak
 * session. Every page is saved as a screenshot under {@code system-tests/target/screenshots/}.
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
        assertThat(rc)
                .as("apt-get install chromium chromium-driver (run it by hand if this user may not)")
                .isZero();
    }

    @AfterAll
    static void closeBrowsers() {
        browsers.forEach(WebDriver::quit);
    }

    /** A fresh browser (its own cookies), phone-sized: the portal must work on a phone screen. */
    static WebDriver browser() {
        File chromium = new File("/usr/bin/chromium");
        File driver = new File("/usr/bin/chromedriver");
        assertThat(chromium)
                .as("Debian's chromium (apt-get install chromium chromium-driver; .ci/run installs it)")
                .exists();
        ChromeOptions options = new ChromeOptions()
                .setBinary(chromium)
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
                new ChromeDriverService.Builder().usingDriverExecutable(driver).build(), options);
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
                .ignoring(org.openqa.selenium.WebDriverException.class)
                .until(condition);
    }

    static void snap(WebDriver d, String name) {
        try {
            File png = ((org.openqa.selenium.TakesScreenshot) d).getScreenshotAs(OutputType.FILE);
            Files.copy(
                    png.toPath(),
                    SHOTS.resolve(String.format("%02d-%s.png", ++shot, name)),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JPEG of {@code width} × {@code height} pixels (a gradient), written by the JDK's own encoder. */
    static Path jpeg(String name, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x * 255 / width) << 16 | (y * 255 / height) << 8 | 0x80);
            }
        }
        try {
            Path f = Files.createTempDirectory("portal-upload").resolve(name);
            if (!ImageIO.write(image, "jpg", f.toFile())) {
                throw new IllegalStateException("no JPEG writer");
            }
            return f.toAbsolutePath();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A file named {@code name} holding {@code text}. */
    static Path file(String name, String text) {
        try {
            Path f = Files.createTempDirectory("portal-upload").resolve(name);
            Files.writeString(f, text);
            return f.toAbsolutePath();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
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
        WebElement pending = admin.findElement(
                By.xpath("//div[contains(@class,'review')][.//strong[text()=\"Bob's " + "Portal Shop\"]]"));
        assertThat(pending.getText()).contains("(bobs-portal-shop, US)");
        snap(admin, "admin-shop-queue");
        pending.findElement(By.xpath(".//form[contains(@action,'/approve')]//button"))
                .click();
        until(
                admin,
                d -> d.findElements(By.xpath("//strong[text()=\"Bob's Portal Shop\"]"))
                        .isEmpty());

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

        // bob adds a photo (#26): a real JPEG chosen in the browser (previewed before it is sent), uploaded through
        // the portal to the catalog, whose thumbnail the page then loads from the object store
        bob.findElement(By.id("image-file"))
                .sendKeys(jpeg("vase.jpg", 1200, 900).toString());
        until(bob, d -> d.findElement(By.id("image-preview")).isDisplayed());
        bob.findElement(By.id("image-alt")).sendKeys("Celadon vase on a shelf");
        snap(bob, "image-chosen");
        bob.findElement(By.id("image-upload-button")).click();
        until(bob, d -> !d.findElements(By.id("image-1")).isEmpty());
        WebElement thumbnail = bob.findElement(By.cssSelector("#image-1 img"));
        assertThat(thumbnail.getDomAttribute("src")).endsWith("/thumbnail.jpg");
        assertThat(thumbnail.getDomAttribute("alt")).isEqualTo("Celadon vase on a shelf");
        until(
                bob,
                d -> ((Number)
                                        ((JavascriptExecutor) d)
                                                .executeScript(
                                                        "var i = document.querySelector('#image-1 img'); return i.complete ? i.naturalWidth : 0;"))
                                .intValue()
                        > 0);
        snap(bob, "image-uploaded");
        // a page saved as .jpg is not an image: refused next to the form, and the product keeps its one image
        bob.findElement(By.id("image-file"))
                .sendKeys(file("page.jpg", "<html><body>hi</body></html>").toString());
        bob.findElement(By.id("image-alt")).sendKeys("Not a photo");
        bob.findElement(By.id("image-upload-button")).click();
        until(bob, d -> !d.findElements(By.id("image-error")).isEmpty());
        assertThat(text(bob, "image-error")).startsWith("The image was not taken:");
        assertThat(bob.findElements(By.id("image-2"))).isEmpty();
        snap(bob, "image-refused");
        JsonPath media = given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .when()
                .get(market.url(Service.CATALOG, "/api/v1/seller/products/" + productId))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(media.getList("media.url", String.class))
                .singleElement()
                .asString()
                .endsWith("/full.jpg");
        assertThat(media.getString("media[0].alt")).isEqualTo("Celadon vase on a shelf");

        bob.findElement(By.id("submit-product")).click();
        until(bob, d -> "PENDING_REVIEW".equals(text(d, "product-status")));
        snap(bob, "product-submitted");

        // the admin approves it
        admin.get(portal("/admin"));
        admin.findElement(By.cssSelector("#product-" + productId + " form[action$='/approve'] button"))
                .click();
        until(admin, d -> d.findElements(By.id("product-" + productId)).isEmpty());
        bob.get(portal("/products/" + productId));
        assertThat(text(bob, "product-status")).isEqualTo("ACTIVE");
        bob.get(portal("/products"));
        snap(bob, "products");

        // a buyer orders two large vases and a small one (three items on two lines) through the API
        JsonPath variants = given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .when()
                .get(market.url(Service.CATALOG, "/api/v1/seller/products/" + productId))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        String large = variants.getString("variants.find { it.sku == 'VASE-L' }.id");
        String small = variants.getString("variants.find { it.sku == 'VASE-S' }.id");
        market.cart("load071", Map.of(large, 2, small, 1));
        String checkout =
                market.quote("load071").then().statusCode(201).extract().path("id");
        String orderId = market.confirmToEnd("load071", checkout, "k-" + UUID.randomUUID(), "pm_card_visa")
                .then()
                .statusCode(200)
                .extract()
                .path("orderId");
        new WebDriverWait(bob, Duration.ofSeconds(30))
                .pollingEvery(Duration.ofMillis(500))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.WebDriverException.class)
                .until(d -> {
                    d.get(portal("/orders"));
                    return d.findElements(By.cssSelector("#order-" + orderId + " .group-status")).stream()
                            .anyMatch(e -> e.getText().equals("PAID"));
                });
        snap(bob, "orders-to-ship");
        // the order's page: what to pack and where to send it (the address read from checkout), and a packing slip
        bob.get(portal("/orders/" + orderId));
        until(bob, d -> !d.findElements(By.id("ship-to")).isEmpty());
        assertThat(bob.findElement(By.id("ship-to")).getText()).contains("Test Buyer", "1 Main St", "10001");
        assertThat(bob.findElement(By.id("lines")).getText()).contains("VASE-L", "VASE-S");
        snap(bob, "order-page");
        bob.get(portal("/orders/" + orderId + "/packing-slip"));
        until(bob, d -> !d.findElements(By.id("slip-lines")).isEmpty());
        assertThat(bob.findElement(By.id("ship-to")).getText()).contains("Test Buyer", "1 Main St");
        assertThat(bob.findElement(By.id("slip-lines")).getText())
                .contains("VASE-L", "VASE-S")
                .doesNotContain("$");
        snap(bob, "packing-slip");

        // the first parcel: the two large vases only; the order is partly shipped
        bob.get(portal("/orders/" + orderId));
        until(bob, d -> !d.findElements(By.id("carrier-" + orderId)).isEmpty());
        WebElement smallQty = bob.findElement(By.id("qty-" + small));
        smallQty.clear();
        smallQty.sendKeys("0");
        bob.findElement(By.id("carrier-" + orderId)).sendKeys("UPS");
        bob.findElement(By.id("tracking-" + orderId)).sendKeys("1ZPORTAL01");
        bob.findElement(By.cssSelector("#order-" + orderId + " form.ship button"))
                .click();
        until(
                bob,
                d -> !d.findElements(By.id("shipped-" + large)).isEmpty()
                        && text(d, "shipped-" + large).equals("2 of 2 shipped"));
        assertThat(text(bob, "shipped-" + small)).isEqualTo("0 of 1 shipped");
        assertThat(text(bob, "order-status")).isEqualTo("Partly shipped");
        snap(bob, "order-partly-shipped");
        // the second parcel: what is left (the form offers exactly that)
        bob.findElement(By.id("carrier-" + orderId)).sendKeys("UPS");
        bob.findElement(By.id("tracking-" + orderId)).sendKeys("1ZPORTAL02");
        bob.findElement(By.cssSelector("#order-" + orderId + " form.ship button"))
                .click();
        until(
                bob,
                d -> !d.findElements(By.id("order-status")).isEmpty()
                        && text(d, "order-status").equals("SHIPPED"));
        assertThat(bob.findElement(By.id("shipments")).getText()).contains("1ZPORTAL01", "1ZPORTAL02");
        snap(bob, "order-shipped");

        // the buyer confirms delivery and returns one large vase, saying why (the buyer's app, through the API)
        String bobShop = given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .when()
                .get(market.url(Service.CATALOG, "/api/v1/seller/shop"))
                .then()
                .statusCode(200)
                .extract()
                .path("id");
        given().auth()
                .oauth2(KeycloakTokens.user("load071"))
                .when()
                .post(market.url(Service.ORDER, "/api/v1/orders/" + orderId + "/groups/" + bobShop + "/delivered"))
                .then()
                .statusCode(200);
        String returnId = given().auth()
                .oauth2(KeycloakTokens.user("load071"))
                .contentType("application/json")
                .body(Map.of(
                        "lines",
                        List.of(Map.of("variantId", large, "quantity", 1)),
                        "reason",
                        "DAMAGED",
                        "comment",
                        "cracked glaze"))
                .when()
                .post(market.url(Service.ORDER, "/api/v1/orders/" + orderId + "/returns"))
                .then()
                .statusCode(201)
                .extract()
                .path("returnId");
        bob.get(portal("/"));
        until(bob, d -> !d.findElements(By.id("pending")).isEmpty());
        String pendingBefore = text(bob, "pending");
        snap(bob, "dashboard");

        // bob reads why on the order's page and approves: the refund reaches his balance
        bob.get(portal("/orders/" + orderId));
        until(bob, d -> !d.findElements(By.id("return-" + returnId)).isEmpty());
        assertThat(text(bob, "return-reason-" + returnId)).contains("Damaged").contains("cracked glaze");
        snap(bob, "order-return");
        bob.findElement(By.cssSelector("#approve-" + returnId + " button[type=submit]"))
                .click();
        until(
                bob,
                d -> !d.findElements(By.id("return-status-" + returnId)).isEmpty()
                        && !text(d, "return-status-" + returnId).startsWith("Waiting"));
        new WebDriverWait(bob, Duration.ofSeconds(30))
                .pollingEvery(Duration.ofMillis(500))
                .ignoring(org.openqa.selenium.WebDriverException.class)
                .until(d -> {
                    d.get(portal("/orders/" + orderId));
                    return !text(d, "refunded").equals("$0.00");
                });
        snap(bob, "order-refunded");
        new WebDriverWait(bob, Duration.ofSeconds(30))
                .pollingEvery(Duration.ofMillis(500))
                .ignoring(org.openqa.selenium.WebDriverException.class)
                .until(d -> {
                    d.get(portal("/"));
                    return !text(d, "pending").equals(pendingBefore);
                });
        snap(bob, "dashboard-after-refund");
        bob.get(portal("/payouts"));
        if (bob.findElements(By.id("payout-account")).isEmpty()) {
            bob.findElement(By.cssSelector("form[action='/payouts/account'] button"))
                    .click();
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
        assertThat(sam.findElements(By.id("product-list")))
                .as("sam's own (empty) product list")
                .hasSize(1);
        assertThat(sam.getPageSource()).doesNotContain("Celadon vase");
        snap(sam, "sam-products");
        sam.get(portal("/products/" + productId));
        assertThat(sam.getPageSource()).contains("Not found").doesNotContain("Celadon vase");
        sam.get(portal("/orders"));
        assertThat(sam.findElements(By.id("order-" + orderId))).isEmpty();

        // a buyer is not a seller: sent to "Apply to sell" (#27), and the seller pages are the polite 403, no stack
        // trace
        WebDriver carol = browser();
        signIn(carol, "carol");
        until(carol, x -> !x.findElements(By.id("apply-form")).isEmpty());
        assertThat(carol.getPageSource()).doesNotContain("Exception");
        snap(carol, "buyer-apply");
        carol.get(portal("/products"));
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
