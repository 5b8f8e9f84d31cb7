package dev.bazaar.portal.rest;

import static dev.bazaar.portal.ServiceStubs.Service.CATALOG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;

import dev.bazaar.portal.ServiceStubs;
import dev.bazaar.portal.SignedIn;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Opening a shop: the form (with its CSRF token), for sellers only. */
@QuarkusTest
class OnboardingPageTest {

    @BeforeEach
    void stubs() {
        ServiceStubs.started();
    }

    @Test
    void aSellerGetsTheFormToOpenTheirShop() {
        SignedIn.as("bob")
                .get("/onboarding")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<h1>Open your shop</h1>"),
                        containsString("<form method=\"post\" action=\"/onboarding\" id=\"open-shop\">"),
                        containsString("name=\"csrf-token\""),
                        containsString("value=\"US\"")));
    }

    @Test
    void openingAShopSendsTheFormToTheCatalogAndGoesHome() {
        ServiceStubs.answer(CATALOG, "POST", "/api/v1/seller/shop", 201, Fixtures.shop("PENDING_APPROVAL"));
        SignedIn.form("bob", "/onboarding")
                .formParam("name", "Bob's Mugs")
                .formParam("slug", " ")
                .formParam("description", "Hand-thrown mugs")
                .formParam("country", " us ")
                .post("/onboarding")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/"));
        assertThat(ServiceStubs.seen(CATALOG, "POST", "/api/v1/seller/shop").body())
                .isEqualTo(
                        "{\"name\":\"Bob's Mugs\",\"slug\":null,\"description\":\"Hand-thrown mugs\",\"country\":\"US\"}");
    }

    @Test
    void theCatalogsFieldErrorsComeBackNextToTheFieldsWithTheFormRefilled() {
        ServiceStubs.answer(
                CATALOG,
                "POST",
                "/api/v1/seller/shop",
                400,
                "{\"status\":400,\"detail\":\"Invalid\","
                        + "\"violations\":[{\"field\":\"slug\",\"message\":\"is taken\"}]}");
        SignedIn.form("bob", "/onboarding")
                .formParam("name", "Mugs")
                .formParam("slug", "mugs")
                .formParam("country", "US")
                .post("/onboarding")
                .then()
                .statusCode(400)
                .body(allOf(
                        containsString("<p class=\"error\" id=\"slug-error\">is taken</p>"),
                        containsString("value=\"Mugs\""),
                        containsString("value=\"mugs\"")));
    }

    @Test
    void anAdministratorIsNotASeller() {
        SignedIn.as("admin")
                .get("/onboarding")
                .then()
                .statusCode(403)
                .body(containsString("This part of the portal is for sellers."));
    }
}
