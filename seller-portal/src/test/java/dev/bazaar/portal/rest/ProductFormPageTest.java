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

/** The new-product form: the category tree flattened for its select, three variant rows. */
@QuarkusTest
class ProductFormPageTest {

    @BeforeEach
    void stubs() {
        ServiceStubs.started();
    }

    @Test
    void theFormOffersTheCategoriesByPathAndThreeVariantRows() {
        ServiceStubs.answer(CATALOG, "GET", "/api/v1/categories", 200, Fixtures.CATEGORIES);
        SignedIn.as("bob")
                .get("/products/new")
                .then()
                .statusCode(200)
                .body(allOf(
                        containsString("<form method=\"post\" action=\"/products\" id=\"product-form\">"),
                        containsString("<option value=\"11111111-1111-4111-8111-111111111111\" >home</option>"),
                        containsString("<option value=\"22222222-2222-4222-8222-222222222222\" >home › mugs</option>"),
                        containsString("id=\"sku2\""),
                        containsString("name=\"csrf-token\"")));
    }

    @Test
    void aDraftIsCreatedFromTheFormAndShown() {
        ServiceStubs.answer(CATALOG, "GET", "/api/v1/categories", 200, Fixtures.CATEGORIES);
        ServiceStubs.answer(CATALOG, "POST", "/api/v1/seller/products", 201, Fixtures.product("DRAFT"));
        SignedIn.form("bob", "/products/new")
                .formParam("title", "Stoneware mug")
                .formParam("categoryId", "22222222-2222-4222-8222-222222222222")
                .formParam("sku0", "MUG-BLUE")
                .formParam("option0", "colour=blue")
                .formParam("price0", "12.50")
                .formParam("stock0", "7")
                .formParam("weight0", "400")
                .post("/products")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/products/" + Fixtures.PRODUCT_ID));
        assertThat(ServiceStubs.seen(CATALOG, "POST", "/api/v1/seller/products").body())
                .isEqualTo("{\"title\":"
                        + "\"Stoneware mug\",\"description\":\"\",\"categoryId\":\"22222222-2222-4222-8222-222222222222\","
                        + "\"variants\":[{\"sku\":\"MUG-BLUE\",\"options\":{\"colour\":\"blue\"},\"price\":{\"amount\":1250,"
                        + "\"currency\":\"USD\"},\"stock\":7,\"weightGrams\":400}]}");
    }

    @Test
    void aPriceThatIsNotOneComesBackWithoutCallingTheCatalog() {
        ServiceStubs.answer(CATALOG, "GET", "/api/v1/categories", 200, Fixtures.CATEGORIES);
        SignedIn.form("bob", "/products/new")
                .formParam("title", "Mug")
                .formParam("sku0", "MUG-1")
                .formParam("price0", "twelve")
                .formParam("stock0", "1")
                .formParam("weight0", "300")
                .post("/products")
                .then()
                .statusCode(400)
                .body(allOf(
                        containsString("<p class=\"error\">variants[0].price: a price in dollars, e.g. 12.50</p>"),
                        containsString("name=\"sku0\" value=\"MUG-1\""),
                        containsString("value=\"twelve\"")));
        assertThat(ServiceStubs.seen(CATALOG, "POST", "/api/v1/seller/products"))
                .isNull();
    }

    @Test
    void anAdministratorIsNotASeller() {
        SignedIn.as("admin")
                .get("/products/new")
                .then()
                .statusCode(403)
                .body(containsString("This part of the portal is for sellers."));
    }
}
