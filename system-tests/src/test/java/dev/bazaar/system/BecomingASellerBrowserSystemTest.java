package dev.bazaar.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.devstack.testing.KeycloakTokens;
import dev.bazaar.system.Platform.Service;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Becoming a seller in headless Chromium against the packaged platform: a buyer made for the test (a fresh Keycloak
 * user) signs in, is sent to "Apply to sell", applies; an admin approves the application in the portal's queue (the
 * catalog grants the seller role through Keycloak's admin API); the buyer signs in again, now a seller, and opens a
 * shop on the onboarding page. Screenshots prefixed {@code become-seller-}.
 */
class BecomingASellerBrowserSystemTest {

    static Platform platform;
    static final List<WebDriver> browsers = new ArrayList<>();

    @BeforeAll
    static void platform() throws IOException, InterruptedException {
        PortalBrowserSystemTest.installBrowser();
        platform = Platform.shared();
        ensureOnboardingClient();
        Files.createDirectories(PortalBrowserSystemTest.SHOTS);
    }

    @AfterAll
    static void closeBrowsers() {
        browsers.forEach(WebDriver::quit);
    }

    @Test
    void aBuyerAppliesIsApprovedAndOpensAShopWithTheNewRole() {
        String user = freshBuyer();
        String shopName = "Ona Pots " + UUID.randomUUID().toString().substring(0, 6);

        WebDriver buyer = browser();
        SellerAnalyticsBrowserSystemTest.signIn(buyer, user);
        PortalBrowserSystemTest.until(buyer, d -> d.getCurrentUrl().endsWith("/apply"));
        buyer.findElement(By.id("shopName")).sendKeys(shopName);
        buyer.findElement(By.id("country")).clear(); // the form offers US
        buyer.findElement(By.id("country")).sendKeys("DE");
        buyer.findElement(By.id("contactEmail")).sendKeys(user + "@bazaar.test");
        buyer.findElement(By.id("message")).sendKeys("Hand-made pottery");
        buyer.findElement(By.cssSelector("#apply-form button[type=submit]")).click();
        PortalBrowserSystemTest.until(
                buyer, d -> !d.findElements(By.id("application-status")).isEmpty());
        assertThat(buyer.findElement(By.id("application-status")).getText()).isEqualTo("PENDING");
        snap(buyer, "applied");
        // not a seller yet: the onboarding page is not theirs
        buyer.get(SellerAnalyticsBrowserSystemTest.portal("/"));
        PortalBrowserSystemTest.until(buyer, d -> d.getCurrentUrl().endsWith("/apply"));

        WebDriver admin = browser();
        SellerAnalyticsBrowserSystemTest.signIn(admin, "admin");
        admin.get(SellerAnalyticsBrowserSystemTest.portal("/admin/applications"));
        By mine = By.xpath("//section[contains(@class,'review')][.//strong[text()='" + user + "']]");
        PortalBrowserSystemTest.until(admin, d -> !d.findElements(mine).isEmpty());
        WebElement application = admin.findElement(mine);
        assertThat(application.getText()).contains(shopName, "DE", user + "@bazaar.test");
        snap(admin, "queue");
        application
                .findElement(By.cssSelector("form[id^=application-approve-] button[type=submit]"))
                .click();
        PortalBrowserSystemTest.until(admin, d -> d.findElements(mine).isEmpty());
        assertThat(roles(user)).contains("seller");

        // signed in again (a fresh browser, so a fresh login and token): now a seller without a shop → onboarding
        WebDriver seller = browser();
        SellerAnalyticsBrowserSystemTest.signIn(seller, user);
        seller.get(SellerAnalyticsBrowserSystemTest.portal("/"));
        PortalBrowserSystemTest.until(seller, d -> d.getCurrentUrl().endsWith("/onboarding"));
        seller.findElement(By.id("name")).sendKeys(shopName);
        seller.findElement(By.id("country")).clear();
        seller.findElement(By.id("country")).sendKeys("DE");
        seller.findElement(By.cssSelector("#open-shop button[type=submit]")).click();
        PortalBrowserSystemTest.until(
                seller, d -> !d.findElements(By.id("shop-status")).isEmpty());
        assertThat(seller.findElement(By.id("shop-status")).getText()).isEqualTo("PENDING_APPROVAL");
        snap(seller, "shop-opened");
        // the catalog has the shop, owned by the new seller
        String token = given().formParam("grant_type", "password")
                .formParam("client_id", "bazaar-web")
                .formParam("username", user)
                .formParam("password", user)
                .formParam("scope", "openid")
                .when()
                .post(KeycloakTokens.tokenEndpoint())
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        given().auth()
                .oauth2(token)
                .when()
                .get(platform.url(Service.CATALOG) + "/api/v1/seller/shop")
                .then()
                .statusCode(200)
                .body("name", org.hamcrest.Matchers.equalTo(shopName))
                .body("ownerSubject", org.hamcrest.Matchers.equalTo(KeycloakTokens.subject(token)));
    }

    static WebDriver browser() {
        WebDriver d = AdminConsoleBrowserSystemTest.browser();
        browsers.add(d);
        return d;
    }

    static void snap(WebDriver d, String name) {
        SellerAnalyticsBrowserSystemTest.snap(d, "become-seller-" + name);
    }

    // --- Keycloak, through its admin API (the test realm is the devstack's)

    /** A new user with the buyer role only; password = user name, like every test user. */
    static String freshBuyer() {
        String username = "sys-buyer-" + UUID.randomUUID().toString().substring(0, 12);
        String admin = keycloakAdmin();
        Response created = given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(Map.of(
                        "username",
                        username,
                        "enabled",
                        true,
                        "email",
                        username + "@bazaar.test",
                        "emailVerified",
                        true,
                        "firstName",
                        "Ona",
                        "lastName",
                        "Applicant",
                        "credentials",
                        List.of(Map.of("type", "password", "value", username, "temporary", false))))
                .when()
                .post(realm() + "/users");
        created.then().statusCode(201);
        String location = created.header("Location");
        String subject = location.substring(location.lastIndexOf('/') + 1);
        Map<?, ?> buyer = given().auth()
                .oauth2(admin)
                .when()
                .get(realm() + "/roles/buyer")
                .then()
                .statusCode(200)
                .extract()
                .as(Map.class);
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(List.of(buyer))
                .when()
                .post(realm() + "/users/" + subject + "/role-mappings/realm")
                .then()
                .statusCode(204);
        return username;
    }

    static List<String> roles(String username) {
        String admin = keycloakAdmin();
        String id = given().auth()
                .oauth2(admin)
                .queryParam("username", username)
                .queryParam("exact", true)
                .when()
                .get(realm() + "/users")
                .then()
                .statusCode(200)
                .extract()
                .path("[0].id");
        return given().auth()
                .oauth2(admin)
                .when()
                .get(realm() + "/users/" + id + "/role-mappings/realm")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("name");
    }

    /**
     * The catalog's {@code bazaar-onboarding} client (its service account may manage users, nothing more), as the
     * catalog's own tests make it: the test realm file does not carry it.
     */
    static synchronized void ensureOnboardingClient() {
        String admin = keycloakAdmin();
        List<Map<String, Object>> found = given().auth()
                .oauth2(admin)
                .queryParam("clientId", "bazaar-onboarding")
                .when()
                .get(realm() + "/clients")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        if (found.isEmpty()) {
            given().auth()
                    .oauth2(admin)
                    .contentType("application/json")
                    .body(Map.of(
                            "clientId",
                            "bazaar-onboarding",
                            "enabled",
                            true,
                            "publicClient",
                            false,
                            "clientAuthenticatorType",
                            "client-secret",
                            "secret",
                            "bazaar-onboarding-secret",
                            "standardFlowEnabled",
                            false,
                            "directAccessGrantsEnabled",
                            false,
                            "serviceAccountsEnabled",
                            true))
                    .when()
                    .post(realm() + "/clients")
                    .then()
                    .statusCode(201);
            found = given().auth()
                    .oauth2(admin)
                    .queryParam("clientId", "bazaar-onboarding")
                    .when()
                    .get(realm() + "/clients")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("$");
        }
        String client = (String) found.getFirst().get("id");
        List<String> mappers = given().auth()
                .oauth2(admin)
                .when()
                .get(realm() + "/clients/" + client + "/protocol-mappers/models")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("name");
        if (!mappers.contains("bazaar-api-audience")) {
            given().auth()
                    .oauth2(admin)
                    .contentType("application/json")
                    .body(Map.of(
                            "name",
                            "bazaar-api-audience",
                            "protocol",
                            "openid-connect",
                            "protocolMapper",
                            "oidc-audience-mapper",
                            "config",
                            Map.of(
                                    "included.custom.audience",
                                    "bazaar-api",
                                    "access.token.claim",
                                    "true",
                                    "id.token.claim",
                                    "false",
                                    "introspection.token.claim",
                                    "true")))
                    .when()
                    .post(realm() + "/clients/" + client + "/protocol-mappers/models")
                    .then()
                    .statusCode(201);
        }
        String account = given().auth()
                .oauth2(admin)
                .when()
                .get(realm() + "/clients/" + client + "/service-account-user")
                .then()
                .statusCode(200)
                .extract()
                .path("id");
        String mgmt = given().auth()
                .oauth2(admin)
                .queryParam("clientId", "realm-management")
                .when()
                .get(realm() + "/clients")
                .then()
                .statusCode(200)
                .extract()
                .path("[0].id");
        Map<?, ?> manageUsers = given().auth()
                .oauth2(admin)
                .when()
                .get(realm() + "/clients/" + mgmt + "/roles/manage-users")
                .then()
                .statusCode(200)
                .extract()
                .as(Map.class);
        given().auth()
                .oauth2(admin)
                .contentType("application/json")
                .body(List.of(manageUsers))
                .when()
                .post(realm() + "/users/" + account + "/role-mappings/clients/" + mgmt)
                .then()
                .statusCode(204);
    }

    private static String realm() {
        return KeycloakTokens.url() + "/admin/realms/bazaar";
    }

    private static String keycloakAdmin() {
        return given().formParam("grant_type", "password")
                .formParam("client_id", "admin-cli")
                .formParam("username", "admin")
                .formParam("password", "admin")
                .when()
                .post(KeycloakTokens.url() + "/realms/master/protocol/openid-connect/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }
}
