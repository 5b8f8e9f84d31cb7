package dev.bazaar.portal.rest;

import dev.bazaar.portal.ServiceStubs;
import dev.bazaar.portal.SignedIn;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.bazaar.portal.ServiceStubs.Service.CATALOG;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

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
        SignedIn.as("bob").get("/products/" + Fixtures.PRODUCT_ID).then().statusCode(200).body(allOf(
                containsString("<h1>Stoneware mug</h1>"), containsString("<strong id=\"product-status\">DRAFT</strong>"),
                containsString("<td>MUG-BLUE</td><td>$12.50</td><td>5</td>"),
                containsString("id=\"onHand-" + Fixtures.VARIANT_ID + "\" name=\"onHand\" inputmode=\"numeric\" "
                        + "value=\"7\""), containsString("id=\"submit-product\""),
                containsString("<textarea id=\"description\" name=\"description\" rows=\"4\">Holds 350 ml</textarea>")));
    }

    @Test
    void aProductThatIsNotTheSellersOrNotAnIdIsNotFound() {
        SignedIn.as("bob").get("/products/" + Fixtures.PRODUCT_ID).then().statusCode(404)
                .body(containsString("No such product in your shop."));
        SignedIn.as("bob").get("/products/not-an-id").then().statusCode(404)
                .body(containsString("No such product in your shop."));
    }

    @Test
    void anAdministratorIsNotASeller() {
        SignedIn.as("admin").get("/products/" + Fixtures.PRODUCT_ID).then().statusCode(403)
                .body(containsString("This part of the portal is for sellers."));
    }
}
