package dev.bazaar.checkout.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

/** Quotes: the shipping address and the QUOTED checkout session that points at it, written in one transaction. */
@ApplicationScoped
public class QuoteStore {

    /** The buyer's shipping address as entered (kept here, never in events: ADR 0005). */
    public record ShippingAddress(
            String name, String line1, String line2, String city, String region, String postalCode, String country) {}

    private final Pool pool;

    public QuoteStore(Pool pool) {
        this.pool = pool;
    }

    /** Stores a new quote {@code id}: the address, then the session with the quote's JSON and total. */
    public Uni<Void> insert(
            UUID id, String buyer, ShippingAddress a, String quoteJson, long totalMinor, String displayCurrency) {
        UUID addressId = UUID.randomUUID();
        return pool.withTransaction(tx -> tx.preparedQuery("""
                INSERT INTO shipping_address (id, name, line1, line2, city, region, postal_code, country)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""")
                .execute(Tuple.from(Arrays.asList(
                        addressId,
                        a.name(),
                        a.line1(),
                        a.line2(),
                        a.city(),
                        a.region(),
                        a.postalCode(),
                        a.country().toUpperCase(Locale.ROOT))))
                .flatMap(x -> tx.preparedQuery("""
                        INSERT INTO checkout_session (id, buyer_subject, status, shipping_address_id, quote,
                                                      total_minor, display_currency)
                        VALUES ($1, $2, 'QUOTED', $3, $4::text::jsonb, $5, $6)""")
                        .execute(Tuple.from(
                                Arrays.asList(id, buyer, addressId, quoteJson, totalMinor, displayCurrency))))
                .replaceWithVoid());
    }
}
