package dev.bazaar.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.bazaar.devstack.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DemoCatalogTest {

    @Inject
    Pool pool;

    @BeforeEach
    void givenAnEmptyCatalog() {
        pool.query("TRUNCATE shop CASCADE").execute().await().indefinitely();
    }

    @Test
    void theDemoCatalogIsMadeThroughTheServiceDeterministicallyAndOnlyOnce() {
        seed(120, 42)
                .body("created", equalTo(true))
                .body("products", equalTo(120))
                .body("shops", equalTo(2));
        List<String> first = titles();
        assertThat(first).hasSize(120);
        assertThat(count("SELECT count(*) FROM product WHERE status = 'ACTIVE'"))
                .isEqualTo(120);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().when()
                                        .get("/api/v1/products?shop=demo-shop-0&size=1")
                                        .then()
                                        .extract()
                                        .jsonPath()
                                        .getInt("total")
                                + given().when()
                                        .get("/api/v1/products?shop=demo-shop-1&size=1")
                                        .then()
                                        .extract()
                                        .jsonPath()
                                        .getInt("total")
                        == 120);

        seed(120, 42).body("created", equalTo(false));
        assertThat(count("SELECT count(*) FROM product")).isEqualTo(120);

        pool.query("TRUNCATE shop CASCADE").execute().await().indefinitely();
        seed(120, 42).body("created", equalTo(true));
        assertThat(titles()).as("same seed, same catalogue").isEqualTo(first);
    }

    @Test
    void onlyAdminsSeed() {
        given().auth()
                .oauth2(KeycloakTokens.user("bob"))
                .contentType("application/json")
                .body(Map.of("products", 1, "seed", 1))
                .when()
                .post("/api/v1/admin/demo/seed")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .contentType("application/json")
                .body(Map.of("products", 0, "seed", 1))
                .when()
                .post("/api/v1/admin/demo/seed")
                .then()
                .statusCode(400);
    }

    private io.restassured.response.ValidatableResponse seed(int products, long seed) {
        return given().auth()
                .oauth2(KeycloakTokens.user("admin"))
                .contentType("application/json")
                .body(Map.of("products", products, "seed", seed))
                .when()
                .post("/api/v1/admin/demo/seed")
                .then()
                .statusCode(200);
    }

    private List<String> titles() {
        return pool.query("SELECT title FROM product ORDER BY title")
                .execute()
                .map(rows -> {
                    List<String> t = new ArrayList<>();
                    rows.forEach(r -> t.add(r.getString(0)));
                    return t;
                })
                .await()
                .indefinitely();
    }

    private long count(String sql) {
        return pool.query(sql)
                .execute()
                .map(r -> r.iterator().next().getLong(0))
                .await()
                .indefinitely();
    }
}
