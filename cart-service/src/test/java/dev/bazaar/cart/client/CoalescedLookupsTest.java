package dev.bazaar.cart.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.bazaar.cart.domain.ProductSummary;
import dev.bazaar.contracts.money.Money;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Single-flight of the add path's catalog lookups, against a catalog whose answers the test releases by hand. */
class CoalescedLookupsTest {

    /** The catalog lookup with its calls held open: each call is recorded with the ids asked and its emitter. */
    static final class HeldCatalog extends CatalogLookup {
        final List<List<UUID>> asked = new ArrayList<>();
        final List<UniEmitter<? super Map<UUID, ProductSummary>>> pending = new ArrayList<>();

        HeldCatalog() {
            super(null, null);
        }

        @Override
        public Uni<Map<UUID, ProductSummary>> fetch(List<UUID> variantIds) {
            asked.add(variantIds);
            return Uni.createFrom().emitter(pending::add);
        }
    }

    private final HeldCatalog catalog = new HeldCatalog();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final CoalescedLookups lookups = new CoalescedLookups(catalog, metrics);

    private static ProductSummary summary(UUID variant) {
        return new ProductSummary(variant, UUID.randomUUID(), UUID.randomUUID(), "Mug", Money.usd(1299), 5, true);
    }

    private List<UniAssertSubscriber<Map<UUID, ProductSummary>>> waiters(UUID variant, int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> lookups.fetchOne(variant).subscribe().withSubscriber(UniAssertSubscriber.create()))
                .toList();
    }

    private double joined() {
        return metrics.counter("bazaar_cart_catalog_lookups_joined_total").count();
    }

    @Test
    void concurrentMissesOfOneVariantShareOneCallAndAllGetItsAnswer() {
        UUID variant = UUID.randomUUID();
        var waiting = waiters(variant, 10);
        assertEquals(List.of(List.of(variant)), catalog.asked, "one catalog call for ten concurrent misses");
        assertEquals(1, lookups.inFlight());
        assertEquals(9.0, joined());

        ProductSummary mug = summary(variant);
        catalog.pending.get(0).complete(Map.of(variant, mug));
        for (var w : waiting) {
            assertSame(mug, w.assertCompleted().getItem().get(variant));
        }
        assertEquals(0, lookups.inFlight(), "nothing is remembered once the call has ended");

        // the next miss (the cache would normally answer it) asks again rather than reusing an old answer
        lookups.fetchOne(variant).subscribe().withSubscriber(UniAssertSubscriber.create());
        assertEquals(2, catalog.asked.size());
    }

    @Test
    void differentVariantsAreNotJoined() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        waiters(a, 2);
        waiters(b, 2);
        assertEquals(List.of(List.of(a), List.of(b)), catalog.asked);
        assertEquals(2, lookups.inFlight());
        assertEquals(2.0, joined());
    }

    @Test
    void aFailureReachesEveryWaiterAndIsNotKept() {
        UUID variant = UUID.randomUUID();
        var waiting = waiters(variant, 3);
        IllegalStateException down = new IllegalStateException("catalog timed out");
        catalog.pending.get(0).fail(down);
        for (var w : waiting) {
            w.assertFailedWith(IllegalStateException.class, "catalog timed out");
        }
        assertEquals(0, lookups.inFlight());

        var retry = waiters(variant, 1).get(0);
        assertEquals(2, catalog.asked.size(), "a failed lookup is asked again by the next miss");
        catalog.pending.get(1).complete(Map.of());
        assertEquals(Map.of(), retry.assertCompleted().getItem(), "an unknown variant: an empty answer");
    }

    @Test
    void aWaiterThatLeavesDoesNotCancelTheCallForTheOthers() {
        UUID variant = UUID.randomUUID();
        var waiting = waiters(variant, 2);
        waiting.get(0).cancel();
        ProductSummary mug = summary(variant);
        catalog.pending.get(0).complete(Map.of(variant, mug));
        assertSame(mug, waiting.get(1).assertCompleted().getItem().get(variant));
        waiting.get(0).assertNotTerminated();
        assertEquals(0, lookups.inFlight());
    }
}
