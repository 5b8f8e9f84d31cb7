package dev.bazaar.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CategoriesTest {

    @Test
    void anyoneReadsTheCategoryTreeWithoutCommissionRates() {
        given().when()
                .get("/api/v1/categories")
                .then()
                .statusCode(200)
                .body("slug", hasItems("fashion", "electronics", "home-garden", "books"))
                .body("find { it.slug == 'fashion' }.children.slug", hasItems("shoes", "accessories"))
                .body(
                        "find { it.slug == 'fashion' }.children.find { it.slug == 'shoes' }.children.path",
                        hasItems("fashion/shoes/sneakers", "fashion/shoes/boots"))
                .body("[0]", not(hasKey("commissionRateBps")));
    }
}
