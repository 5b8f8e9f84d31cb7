package dev.bazaar.checkout;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import dev.bazaar.devstack.testing.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * order-service reads a buyer's shipping address by id (#23, ADR 0017): services only, each read recorded in
 * {@code address_access} with the order, shop and reader it names, and logged without the address; an unknown id or
 * bad parameters record nothing.
 */
@QuarkusTest
class ShippingAddressReadTest {

    static final String PATH = "/api/v1/internal/shipping-addresses/";
    static final String READER = "order-service (seller label)";

    @Inject
    Pool pool;

    UUID address;
    UUID order;
    UUID shop;

    @BeforeEach
    void givenAnAddressAQuoteStored() {
        address = UUID.randomUUID();
        order = UUID.randomUUID();
        shop = UUID.randomUUID();
        pool.preparedQuery("""
                INSERT INTO shipping_address (id, name, line1, line2, city, region, postal_code, country)
                VALUES ($1, 'Ada Lovelace', '12 Analytical Row', 'Flat 3', 'London', 'Greater London', 'NW1 6XE',
                        'GB')""").execute(Tuple.of(address)).await().indefinitely();
    }

    @Test
    void aServiceReadsTheAddressAndTheReadIsRecordedOnceAndLoggedWithoutTheAddress() {
        try (LogCapture logs = new LogCapture()) {
            read(KeycloakTokens.service(), address, Map.of("orderId", order, "shopId", shop, "reader", READER))
                    .statusCode(200)
                    .body("size()", equalTo(8))
                    .body("id", equalTo(address.toString()))
                    .body("name", equalTo("Ada Lovelace"))
                    .body("line1", equalTo("12 Analytical Row"))
                    .body("line2", equalTo("Flat 3"))
                    .body("city", equalTo("London"))
                    .body("region", equalTo("Greater London"))
                    .body("postalCode", equalTo("NW1 6XE"))
                    .body("country", equalTo("GB"));

            List<Row> rows = accessRows(address);
            assertThat(rows).hasSize(1);
            Row row = rows.get(0);
            assertThat(row.getUUID("order_id")).isEqualTo(order);
            assertThat(row.getUUID("shop_id")).isEqualTo(shop);
            assertThat(row.getString("reader")).isEqualTo(READER);
            assertThat(row.getOffsetDateTime("read_at")).isNotNull();

            assertThat(logs.lines)
                    .filteredOn(l -> l.contains("InternalShippingAddressResource"))
                    .singleElement()
                    .satisfies(l -> assertThat(l)
                            .startsWith("INFO ")
                            .contains(address.toString(), order.toString(), shop.toString(), READER)
                            .doesNotContain("Ada", "Analytical", "NW1"));
        }
    }

    @Test
    void everyReadIsRecorded() {
        UUID otherShop = UUID.randomUUID();
        read(KeycloakTokens.service(), address, Map.of("orderId", order, "shopId", shop, "reader", READER))
                .statusCode(200);
        read(KeycloakTokens.service(), address, Map.of("orderId", order, "shopId", otherShop, "reader", READER))
                .statusCode(200);
        assertThat(accessRows(address))
                .extracting(r -> r.getUUID("shop_id"))
                .containsExactlyInAnyOrder(shop, otherShop);
    }

    @Test
    void onlyServicesMayReadAddresses() {
        Map<String, Object> params = Map.of("orderId", order, "shopId", shop, "reader", READER);
        read(null, address, params).statusCode(401);
        read(KeycloakTokens.user("alice"), address, params).statusCode(403);
        read(KeycloakTokens.user("bob"), address, params).statusCode(403);
        read(KeycloakTokens.user("admin"), address, params).statusCode(403);
        assertThat(accessRows(address)).isEmpty();
    }

    @Test
    void anUnknownAddressIsNotFoundAndRecordsNothing() {
        UUID unknown = UUID.randomUUID();
        read(KeycloakTokens.service(), unknown, Map.of("orderId", order, "shopId", shop, "reader", READER))
                .statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://bazaar.dev/problems/not-found"));
        assertThat(accessRows(unknown)).isEmpty();
        assertThat(count("SELECT count(*) FROM address_access WHERE order_id = $1", order))
                .isZero();
    }

    @Test
    void aReadWithoutAnOrderIsABadRequestAndRecordsNothing() {
        read(KeycloakTokens.service(), address, Map.of("shopId", shop, "reader", READER))
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://bazaar.dev/problems/validation"))
                .body("violations.field", hasItem("orderId"))
                .body("violations.find { it.field == 'orderId' }.message", equalTo("is required"));
        assertThat(accessRows(address)).isEmpty();
    }

    @Test
    void badShopReaderOrIdAreBadRequestsNamingEachAndRecordNothing() {
        read(KeycloakTokens.service(), address, Map.of("orderId", order, "shopId", "shop-1", "reader", ""))
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("violations.field", containsInAnyOrder("shopId", "reader"));
        read(KeycloakTokens.service(), address, Map.of("orderId", order, "shopId", shop, "reader", "r".repeat(201)))
                .statusCode(400)
                .body("violations.field", containsInAnyOrder("reader"));
        read(KeycloakTokens.service(), address, Map.of("orderId", order, "shopId", shop, "reader", "a\nforged"))
                .statusCode(400)
                .body("violations.field", containsInAnyOrder("reader"));
        given().auth()
                .oauth2(KeycloakTokens.service())
                .queryParams(Map.of("orderId", order, "shopId", shop, "reader", READER))
                .when()
                .get(PATH + "not-a-uuid")
                .then()
                .statusCode(400)
                .body("violations.field", containsInAnyOrder("id"));
        assertThat(accessRows(address)).isEmpty();
    }

    private static ValidatableResponse read(String token, UUID id, Map<String, ?> params) {
        RequestSpecification request = given().queryParams(params);
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        return request.when().get(PATH + id).then();
    }

    private List<Row> accessRows(UUID addressId) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery("SELECT * FROM address_access WHERE address_id = $1 ORDER BY read_at, id")
                .execute(Tuple.of(addressId))
                .await()
                .indefinitely()
                .forEach(rows::add);
        return rows;
    }

    private long count(String sql, UUID id) {
        return pool.preparedQuery(sql)
                .execute(Tuple.of(id))
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getLong(0);
    }

    /** The application's log records while installed: level, logger, message and parameters. */
    static final class LogCapture extends Handler implements AutoCloseable {
        final List<String> lines = new CopyOnWriteArrayList<>();
        private final java.util.logging.Logger root = java.util.logging.Logger.getLogger("");

        LogCapture() {
            root.addHandler(this);
        }

        @Override
        public void publish(LogRecord r) {
            String level = r.getLevel().intValue() == Level.INFO.intValue()
                    ? "INFO"
                    : r.getLevel().getName();
            lines.add(
                    level + " " + r.getLoggerName() + " " + r.getMessage() + " " + Arrays.toString(r.getParameters()));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {
            root.removeHandler(this);
        }
    }
}
