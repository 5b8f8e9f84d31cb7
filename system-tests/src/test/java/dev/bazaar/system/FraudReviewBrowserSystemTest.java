package dev.bazaar.system;

import static dev.bazaar.system.AdminConsoleBrowserSystemTest.browser;
import static dev.bazaar.system.AdminConsoleBrowserSystemTest.portal;
import static dev.bazaar.system.AdminConsoleBrowserSystemTest.signIn;
import static dev.bazaar.system.AdminConsoleBrowserSystemTest.snap;
import static dev.bazaar.system.AdminConsoleBrowserSystemTest.until;
import static dev.bazaar.system.AdminConsoleBrowserSystemTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bazaar.devstack.testing.KeycloakTokens;
import dev.bazaar.system.Marketplace.Listing;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * A payment held for a fraud review, decided from the admin console in headless Chromium against the packaged platform
 * (ADR 0026): a checkout in the review band ($500 to the new-account limit of $1,000 in the test profile) waits in
 * AWAITING_REVIEW; the admin opens {@code /admin/fraud}, finds the payment with its buyer, amount and the rules'
 * reasons, and allows it; the checkout completes with the order placed and the payment captured, and the decision shows
 * below the queue as reviewed. Screenshots as {@link AdminConsoleBrowserSystemTest}'s.
 */
class FraudReviewBrowserSystemTest {

    static Platform platform;
    static Marketplace market;
    static WebDriver admin;

    @BeforeAll
    static void platform() throws IOException, InterruptedException {
        PortalBrowserSystemTest.installBrowser();
        platform = Platform.shared();
        market = new Marketplace(platform);
        // sam opens a shop below: a seller has one, and an earlier class may have left sam's (FraudReviewSystemTest)
        market.freshCatalog();
        AdminConsoleBrowserSystemTest.platform = platform;
        AdminConsoleBrowserSystemTest.market = market;
        Files.createDirectories(PortalBrowserSystemTest.SHOTS);
    }

    @AfterAll
    static void closeBrowser() {
        if (admin != null) {
            admin.quit();
        }
    }

    @Test
    void anAdminAllowsAHeldPaymentFromTheConsoleAndTheCheckoutCompletes() {
        String buyer = "load045";
        Listing lamp = market.listing(
                "sam", market.approvedShop("sam", "Sam Review Lamps"), "Brass floor lamp", 16_500, 20, 3_000);
        market.cart(buyer, Map.of(lamp.variantId(), 4));
        io.restassured.response.Response quote = market.quote(buyer);
        quote.then().log().ifValidationFails().statusCode(201);
        int total = quote.path("quote.total.amount");
        assertThat(total).as("in the review band").isBetween(50_001, 100_000);
        String checkout = quote.path("id");
        market.confirm(buyer, checkout, "k-" + UUID.randomUUID(), "pm_card_visa")
                .then()
                .statusCode(202);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "AWAITING_REVIEW"
                        .equals(market.checkout(buyer, checkout).path("status")));
        String paymentId = market.checkout(buyer, checkout).path("paymentId");
        String subject = KeycloakTokens.subject(KeycloakTokens.user(buyer));

        admin = browser();
        signIn(admin, "admin");
        waitFor(admin, 30, d -> {
            d.get(portal("/admin/fraud"));
            return !d.findElements(By.id("review-" + paymentId)).isEmpty();
        });
        String row = admin.findElement(By.id("review-" + paymentId)).getText();
        assertThat(row).contains(subject, String.format(java.util.Locale.ROOT, "$%,d.%02d", total / 100, total % 100));
        assertThat(admin.findElement(By.cssSelector("#review-" + paymentId + " .reasons"))
                        .getText())
                .as("the rules' reasons")
                .isNotBlank();
        snap(admin, "fraud-queue");

        admin.findElement(By.id("allow-" + paymentId)).click();
        until(admin, d -> !d.findElements(By.id("fraud-notice")).isEmpty());
        assertThat(admin.getCurrentUrl()).contains("decided=ALLOW");
        assertThat(admin.findElements(By.id("review-" + paymentId)))
                .as("gone from the queue")
                .isEmpty();
        snap(admin, "fraud-allowed");

        market.completedAndCaptured(buyer, checkout, paymentId);

        admin.get(portal("/admin/fraud?outcome=REVIEW#decisions"));
        assertThat(admin.findElement(By.id("fraud-decisions")).getText()).contains("ALLOW by");
    }
}
