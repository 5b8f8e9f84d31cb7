package dev.bazaar.checkout.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads of the buyers' shipping addresses by id for other services (order-service, when a seller ships), each one
 * recorded in {@code address_access} by the statement that reads it (ADR 0017).
 */
@ApplicationScoped
public class AddressBook {

    /** A stored shipping address, as the buyer entered it (country upper-cased). */
    public record Address(
            UUID id,
            String name,
            String line1,
            String line2,
            String city,
            String region,
            String postalCode,
            String country) {}

    /** Who reads an address, for which order and shop: what {@code address_access} keeps of a read. */
    public record Access(UUID orderId, UUID shopId, String reader) {}

    /*
     * One statement: the read and its access row are one unit, so no address leaves without its row, and a read of an
     * unknown id inserts nothing (the INSERT selects from the read). A data-modifying CTE runs once whether or not the
     * outer SELECT reads it.
     */
    private static final String READ_AND_RECORD = """
            WITH a AS (
                SELECT id, name, line1, line2, city, region, postal_code, country
                FROM shipping_address WHERE id = $1
            ), log AS (
                INSERT INTO address_access (id, address_id, order_id, shop_id, reader)
                SELECT $2, a.id, $3, $4, $5 FROM a
            )
            SELECT * FROM a""";

    private final Pool pool;

    public AddressBook(Pool pool) {
        this.pool = pool;
    }

    /** The address {@code id}, its read recorded with {@code access}; empty (and nothing recorded) if unknown. */
    public Uni<Optional<Address>> readFor(UUID id, Access access) {
        return pool.preparedQuery(READ_AND_RECORD)
                .execute(Tuple.of(id, UUID.randomUUID(), access.orderId(), access.shopId(), access.reader()))
                .map(rows -> rows.size() == 0
                        ? Optional.empty()
                        : Optional.of(map(rows.iterator().next())));
    }

    private static Address map(Row r) {
        return new Address(
                r.getUUID("id"),
                r.getString("name"),
                r.getString("line1"),
                r.getString("line2"),
                r.getString("city"),
                r.getString("region"),
                r.getString("postal_code"),
                r.getString("country"));
    }
}
