package dev.bazaar.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bazaar.catalog.domain.Shop;
import dev.bazaar.catalog.domain.ShopStatus;
import dev.bazaar.catalog.persistence.EventOutbox;
import dev.bazaar.catalog.persistence.ShopRepository;
import dev.bazaar.contracts.messaging.Envelope;
import dev.bazaar.contracts.messaging.ShopEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An entity change through Hibernate Reactive and its outbox row (kit SessionOutbox) commit or roll back together. */
@QuarkusTest
class OutboxTransactionTest {

    @Inject
    Pool pool;

    @Inject
    ShopRepository shops;

    @Inject
    EventOutbox outbox;

    UUID shopId;

    @BeforeEach
    void givenAPendingShop() {
        pool.query("TRUNCATE shop CASCADE").execute().await().indefinitely();
        shopId = UUID.randomUUID();
        pool.preparedQuery("""
                INSERT INTO shop (id, name, slug, country, owner_subject, status)
                VALUES ($1, 'Outbox Shop', $2, 'US', $3, 'PENDING_APPROVAL')""")
                .execute(Tuple.of(shopId, "outbox-" + shopId.toString().substring(0, 8), "owner-" + shopId))
                .await()
                .indefinitely();
    }

    @Test
    void theChangeAndItsEventCommitTogether() throws Throwable {
        Shop approved = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(this::approveAndAppend));

        assertThat(approved.version()).isEqualTo(1);
        Row shop = shopRow();
        assertThat(shop.getString("status")).isEqualTo("APPROVED");
        assertThat(shop.getLong("version")).isEqualTo(1);
        Row row = pool.preparedQuery("SELECT type, topic, jsonb_typeof(headers) AS headers FROM kit_outbox "
                        + "WHERE message_key = $1")
                .execute(Tuple.of(shopId.toString()))
                .await()
                .indefinitely()
                .iterator()
                .next();
        assertThat(row.getString("type")).isEqualTo("ShopApproved");
        assertThat(row.getString("topic")).isEqualTo("catalog.shop-events");
        assertThat(row.getString("headers"))
                .as("headers are a JSON object, not a JSON string")
                .isEqualTo("object");
    }

    @Test
    void aFailureAfterTheAppendRollsBackTheChangeAndTheEvent() {
        assertThatThrownBy(() ->
                        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> approveAndAppend()
                                .flatMap(x -> Uni.createFrom()
                                        .<Shop>failure(new IllegalStateException("after the append"))))))
                .hasMessageContaining("after the append");

        Row shop = shopRow();
        assertThat(shop.getString("status")).isEqualTo("PENDING_APPROVAL");
        assertThat(shop.getLong("version")).isZero();
        assertThat(pool.preparedQuery("SELECT count(*) FROM kit_outbox WHERE message_key = $1")
                        .execute(Tuple.of(shopId.toString()))
                        .await()
                        .indefinitely()
                        .iterator()
                        .next()
                        .getLong(0))
                .isZero();
    }

    private Uni<Shop> approveAndAppend() {
        return shops.lock(shopId)
                .map(Optional::orElseThrow)
                .flatMap(s -> shops.update(new Shop(
                        s.id(),
                        s.name(),
                        s.slug(),
                        s.description(),
                        s.country(),
                        s.ownerSubject(),
                        ShopStatus.APPROVED,
                        null,
                        s.createdAt(),
                        s.updatedAt(),
                        s.version(),
                        s.returnWindowDays())))
                .call(s -> outbox.append(Envelope.of(
                        new ShopEvent.ShopApproved(s.id(), s.ownerSubject(), s.slug(), s.name(), s.country()),
                        s.version(),
                        Instant.now(),
                        null,
                        null)));
    }

    private Row shopRow() {
        return pool.preparedQuery("SELECT status, version FROM shop WHERE id = $1")
                .execute(Tuple.of(shopId))
                .await()
                .indefinitely()
                .iterator()
                .next();
    }
}
