package dev.bazaar.cart.service;

import dev.bazaar.cart.client.CatalogLookup;
import dev.bazaar.cart.client.CoalescedLookups;
import dev.bazaar.cart.domain.CartLimits;
import dev.bazaar.cart.domain.CartLine;
import dev.bazaar.cart.domain.CartPricing;
import dev.bazaar.cart.domain.CartView;
import dev.bazaar.cart.domain.ProductSummary;
import dev.bazaar.cart.persistence.CartRef;
import dev.bazaar.cart.persistence.CartStore;
import dev.bazaar.cart.persistence.ProductCache;
import dev.bazaar.cart.persistence.WriteOutcome;
import dev.bazaar.kit.problem.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

/**
 * The cart's use cases over {@link CartStore} (atomic writes) and {@link ProductCache} (what products are now), with
 * the catalog behind the cache for misses. Reading never fails because the catalog is down: lines it cannot refresh
 * are shown from their snapshot and flagged stale.
 */
@ApplicationScoped
public class CartService {

    private static final Logger LOG = Logger.getLogger(CartService.class);
    static final Duration CATALOG_RETRY_AFTER = Duration.ofSeconds(5);

    private final CartStore store;
    private final ProductCache cache;
    private final CatalogLookup catalog;
    private final CoalescedLookups lookups;
    private final Counter staleReads;
    private final Counter catalogMisses;

    public CartService(
            CartStore store,
            ProductCache cache,
            CatalogLookup catalog,
            CoalescedLookups lookups,
            MeterRegistry metrics) {
        this.store = store;
        this.cache = cache;
        this.catalog = catalog;
        this.lookups = lookups;
        this.staleReads = Counter.builder("bazaar_cart_stale_reads_total")
                .description("cart reads that showed some lines from their snapshot (catalog unreachable)")
                .register(metrics);
        this.catalogMisses = Counter.builder("bazaar_cart_catalog_lookups_total")
                .description("product summaries fetched from the catalog on a cache miss")
                .register(metrics);
    }

    /** The outcome of a write to a guest cart whose token we did not issue (or that expired): start a new cart. */
    public static final class NoSuchCart extends RuntimeException {
        public NoSuchCart() {
            super(null, null, false, false);
        }
    }

    public Uni<CartView> view(CartRef cart) {
        return store.lines(cart.key()).flatMap(lines -> {
            if (lines.isEmpty()) {
                return Uni.createFrom().item(CartPricing.price(cart.id(), List.of(), Map.of(), Set.of(), Set.of()));
            }
            List<UUID> ids = lines.stream().map(CartLine::variantId).toList();
            List<UUID> shops = lines.stream()
                    .map(CartLine::shopId)
                    .filter(Objects::nonNull)
                    .distinct()
                    .toList();
            return Uni.combine()
                    .all()
                    .unis(cache.find(ids), cache.suspended(shops))
                    .asTuple()
                    .flatMap(t -> withMisses(ids, t.getItem1())
                            .map(known -> CartPricing.price(
                                    cart.id(), lines, known.current(), t.getItem2(), known.unverified())))
                    .invoke(v -> {
                        if (v.stale()) {
                            staleReads.increment();
                        }
                    });
        });
    }

    /** What is known now, and which variants could not be checked (the catalog could not be asked). */
    record Known(Map<UUID, ProductSummary> current, Set<UUID> unverified) {}

    /** Cached summaries plus, for the misses, whatever the catalog answers; nothing more if it cannot be asked. */
    private Uni<Known> withMisses(List<UUID> ids, Map<UUID, ProductSummary> cached) {
        List<UUID> missing = ids.stream().filter(id -> !cached.containsKey(id)).toList();
        if (missing.isEmpty()) {
            return Uni.createFrom().item(new Known(cached, Set.of()));
        }
        catalogMisses.increment(missing.size());
        return catalog.fetch(missing)
                .map(fetched -> {
                    Map<UUID, ProductSummary> all = new HashMap<>(cached);
                    all.putAll(fetched);
                    return new Known(all, Set.of());
                })
                .onFailure()
                .recoverWithItem(e -> {
                    if (e instanceof CircuitBreakerOpenException) {
                        // deliberately short: while the breaker is open every cart read with a miss lands here at once
                        // (the
                        // point of the breaker) and its stack trace says nothing; the failures that opened it are
                        // logged whole
                        LOG.warnf(
                                "catalog lookup failed (%s): showing %d line(s) from their snapshot",
                                e.toString(), missing.size());
                    } else {
                        LOG.warnf(e, "catalog lookup failed: showing %d line(s) from their snapshot", missing.size());
                    }
                    return new Known(cached, Set.copyOf(missing));
                });
    }

    /**
     * Adds units of a variant. {@code mustExist}: the cart is a guest cart named by a token the client sent — refuse
     * with {@link NoSuchCart} rather than create a cart under a name we did not choose.
     */
    public Uni<CartChange> add(CartRef cart, boolean mustExist, String ip, UUID variant, int quantity) {
        return store.add(cart, ip, variant, quantity, mustExist, true)
                .flatMap(outcome -> {
                    if (!outcome.is("MISS")) {
                        return Uni.createFrom().item(outcome);
                    }
                    // not cached: ask the catalog (which fills the cache; concurrent adds of this variant share
                    // one call), then run the same write again, uncounted
                    catalogMisses.increment();
                    return lookups.fetchOne(variant)
                            .onFailure()
                            .transform(e -> new ProblemException.Unavailable(
                                    "catalog-unavailable",
                                    CATALOG_RETRY_AFTER,
                                    "Products cannot be looked up right now; nothing was added."))
                            .flatMap(found -> {
                                if (!found.containsKey(variant)) {
                                    return Uni.createFrom()
                                            .failure(new ProblemException.Invalid(
                                                    "variantId", "no such product variant"));
                                }
                                return store.add(cart, ip, variant, quantity, mustExist, false);
                            });
                })
                .map(outcome -> change(cart, variant, outcome));
    }

    public Uni<CartChange> setQuantity(CartRef cart, String ip, UUID variant, int quantity) {
        return store.setQuantity(cart, ip, variant, quantity).map(outcome -> {
            if (outcome.is("NOLINE")) {
                throw new ProblemException.NotFound("This cart has no line for variant " + variant + ".");
            }
            return change(cart, variant, outcome);
        });
    }

    public Uni<Void> remove(CartRef cart, String ip, UUID variant) {
        return store.remove(cart, ip, variant).map(outcome -> refuse(outcome)).replaceWithVoid();
    }

    public Uni<Void> clear(CartRef cart, String ip) {
        return store.clear(cart, ip).map(outcome -> refuse(outcome)).replaceWithVoid();
    }

    public Uni<CartView> merge(CartRef buyer, String ip, String guestToken) {
        return store.mergeGuestIntoBuyer(buyer, ip, guestToken)
                .map(this::refuse)
                .flatMap(x -> view(buyer));
    }

    private CartChange change(CartRef cart, UUID variant, WriteOutcome outcome) {
        refuse(outcome);
        CartChange.Line line = null;
        if (outcome.line() != null && !outcome.line().isEmpty()) {
            CartLine l = store.line(variant, outcome.line());
            line = new CartChange.Line(
                    variant,
                    l.productId(),
                    l.shopId(),
                    l.title(),
                    l.quantity(),
                    l.unitPrice(),
                    l.unitPrice() == null ? null : l.unitPrice().times(l.quantity()));
        }
        return new CartChange(cart.id(), line, (int) outcome.second());
    }

    /** Turns a script's refusal into the client's problem; passes OK through. */
    private WriteOutcome refuse(WriteOutcome outcome) {
        switch (outcome.code()) {
            case "OK" -> {
                return outcome;
            }
            case "RATE" ->
                throw new ProblemException.TooManyRequests(
                        outcome.retryAfter(),
                        "Too many cart changes; try again after the Retry-After seconds. Nothing was changed.");
            case "NOCART" -> throw new NoSuchCart();
            case "UNAVAILABLE" ->
                throw new ProblemException.Conflict("variant-unavailable", "This product is not sold right now.");
            case "QTY" ->
                throw new ProblemException.Conflict(
                        "quantity-limit",
                        "A line holds at most " + CartLimits.MAX_QUANTITY + " units; this one already has "
                                + outcome.first() + ".");
            case "LINES" ->
                throw new ProblemException.Conflict(
                        "cart-full", "A cart holds at most " + CartLimits.MAX_LINES + " different items.");
            default -> throw new IllegalStateException("unexpected cart script answer " + outcome.code());
        }
    }
}
