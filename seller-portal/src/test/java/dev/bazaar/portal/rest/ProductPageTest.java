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

/** One of the seller's products: status, variants with price and stock, the actions its status allows. */
@QuarkusTest
class ProductPageTest {

    static final String PATH = "/api/v1/seller/products/" + Fixtures.PRODUCT_ID;

    @BeforeEach
    void stubs() {
        ServiceStubs.started();
    }

    @Test
    void aDraftShowsItsVariantsAndCanBeSubmitted() {
        ServiceStubs.answer(CATALOG, "GET", PATH, 200, Fixtures.product("DRAFT"));
        SignedIn.as("bob")
                .get("/products/" + Fixtures.PRODUCT_ID)
                .then()
                .statusCode(200)
                .body(
                        allOf(
                                containsString("<h1>Stoneware mug</h1>"),
                                containsString("<strong id=\"product-status\">DRAFT</strong>"),
                                containsString("<td>MUG-BLUE</td><td>$12.50</td><td>5</td>"),
                                containsString("id=\"onHand-" + Fixtures.VARIANT_ID
                                        + "\" name=\"onHand\" inputmode=\"numeric\" " + "value=\"7\""),
                                containsString("id=\"submit-product\""),
                                containsString(
                                        "<textarea id=\"description\" name=\"description\" rows=\"4\">Holds 350 ml</textarea>")));
    }

    @Test
    void aSellerChangesAVariantsPriceAndStopsAndResumesSellingIt() {
        String page = "/products/" + Fixtures.PRODUCT_ID;
        String variant = "/api/v1/seller/variants/" + Fixtures.VARIANT_ID;
        ServiceStubs.answer(CATALOG, "GET", PATH, 200, Fixtures.product("ACTIVE"));
        SignedIn.as("bob")
                .get(page)
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("id=\"price-" + Fixtures.VARIANT_ID + "\" name=\"price\" inputmode=\"decimal\" "
                                + "value=\"$12.50\""),
                        containsString("action=\"/products/" + Fixtures.PRODUCT_ID + "/variants/" + Fixtures.VARIANT_ID
                                + "/deactivate\"")));

        ServiceStubs.answer(CATALOG, "PATCH", variant, 200, Fixtures.product("ACTIVE"));
        SignedIn.form("bob", page)
                .formParam("variantId", Fixtures.VARIANT_ID)
                .formParam("price", "11.99")
                .post(page + "/price")
                .then()
                .statusCode(303)
                .header("Location", endsWith(page));
        assertThat(ServiceStubs.seen(CATALOG, "PATCH", variant).body())
                .isEqualTo("{\"price\":{\"amount\":1199,\"currency\":\"USD\"}}");

        ServiceStubs.answer(CATALOG, "POST", variant + "/deactivate", 409, """
                {"type":"https://bazaar.dev/problems/last-active-variant","title":"Conflict","status":409,
                 "detail":"This is the product's last variant on sale; archive the product to stop selling it."}""");
        SignedIn.form("bob", page)
                .post(page + "/variants/" + Fixtures.VARIANT_ID + "/deactivate")
                .then()
                .statusCode(409)
                .body(containsString("archive the product to stop selling it"));

        ServiceStubs.answer(
                CATALOG,
                "GET",
                PATH,
                200,
                Fixtures.product("ACTIVE").replace("\"available\":5", "\"available\":5,\"active\":false"));
        SignedIn.as("bob")
                .get(page)
                .then()
                .statusCode(200)
                .body(containsString("id=\"activate-" + Fixtures.VARIANT_ID + "\""));
        ServiceStubs.answer(CATALOG, "POST", variant + "/activate", 200, Fixtures.product("ACTIVE"));
        SignedIn.form("bob", page)
                .post(page + "/variants/" + Fixtures.VARIANT_ID + "/activate")
                .then()
                .statusCode(303);
        assertThat(ServiceStubs.seen(CATALOG, "POST", variant + "/activate")).isNotNull();
    }

    @Test
    void aPriceThatIsNotOneComesBackWithoutCallingTheCatalog() {
        String page = "/products/" + Fixtures.PRODUCT_ID;
        ServiceStubs.answer(CATALOG, "GET", PATH, 200, Fixtures.product("ACTIVE"));
        SignedIn.form("bob", page)
                .formParam("variantId", Fixtures.VARIANT_ID)
                .formParam("price", "cheap")
                .post(page + "/price")
                .then()
                .statusCode(400)
                .body(containsString("A price is an amount in dollars, e.g. 12.50."));
        assertThat(ServiceStubs.seen(CATALOG, "PATCH", "/api/v1/seller/variants/" + Fixtures.VARIANT_ID))
                .isNull();
    }

    @Test
    void aProductThatIsNotTheSellersOrNotAnIdIsNotFound() {
        SignedIn.as("bob")
                .get("/products/" + Fixtures.PRODUCT_ID)
                .then()
                .statusCode(404)
                .body(containsString("No such product in your shop."));
        SignedIn.as("bob")
                .get("/products/not-an-id")
                .then()
                .statusCode(404)
                .body(containsString("No such product in your shop."));
    }

    @Test
    void anAdministratorIsNotASeller() {
        SignedIn.as("admin")
                .get("/products/" + Fixtures.PRODUCT_ID)
                .then()
                .statusCode(403)
                .body(containsString("This part of the portal is for sellers."));
    }
}
