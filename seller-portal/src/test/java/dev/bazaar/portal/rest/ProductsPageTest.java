package dev.bazaar.portal.rest;

import static dev.bazaar.portal.ServiceStubs.Service.CATALOG;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import dev.bazaar.portal.ServiceStubs;
import dev.bazaar.portal.SignedIn;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The seller's product list: status filter (passed to the catalog), title search (in the portal). */
@QuarkusTest
class ProductsPageTest {

    @BeforeEach
    void stubs() {
        ServiceStubs.started();
    }

    @Test
    void theSellersProductsAreListedAndSearchedByTitle() {
        ServiceStubs.answer(
                CATALOG,
                "GET",
                "/api/v1/seller/products",
                200,
                Fixtures.page(
                        Fixtures.product("DRAFT"), Fixtures.product("ACTIVE").replace("Stoneware mug", "Linen towel")));
        SignedIn.as("bob")
                .get("/products")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<a href=\"/products/" + Fixtures.PRODUCT_ID
                                + "\">Stoneware mug</a></td><td>DRAFT</td>" + "<td>1</td>"),
                        containsString("Linen towel"),
                        containsString("id=\"new-product\"")));
        SignedIn.as("bob")
                .queryParam("q", "TOWEL")
                .queryParam("status", "ACTIVE")
                .get("/products")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("Linen towel"),
                        not(containsString("Stoneware mug")),
                        containsString("<option value=\"ACTIVE\" selected>")));
    }

    @Test
    void aCatalogThatRefusesTheListIsSaidSo() {
        ServiceStubs.answer(
                CATALOG,
                "GET",
                "/api/v1/seller/products",
                403,
                Fixtures.problem(403, "Your shop is not approved yet."));
        SignedIn.as("bob")
                .get("/products")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<p class=\"error\" role=\"alert\">Your shop is not approved yet.</p>"),
                        containsString("No products yet.")));
    }

    @Test
    void anAdministratorIsNotASeller() {
        SignedIn.as("admin")
                .get("/products")
                .then()
                .statusCode(403)
                .body(containsString("This part of the portal is for sellers."));
    }
}
