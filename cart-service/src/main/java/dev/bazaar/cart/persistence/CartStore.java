package dev.bazaar.cart.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bazaar.cart.config.RateLimits;
import dev.bazaar.cart.domain.CartKeys;
import dev.bazaar.cart.domain.CartLimits;
import dev.bazaar.cart.domain.CartLine;
import dev.bazaar.contracts.messaging.Lines.StockLine;
import dev.bazaar.contracts.money.Money;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Carts in Redis: one hash per cart, one field per variant, the value a small JSON line (quantity, addedAt and the
 * product snapshot). Every write is one Lua script, so it is atomic, counts against the rate limits in the same step,
 * and never reads-modifies-writes from the JVM.
 */
@ApplicationScoped
public class CartStore {

    /** A completed checkout is remembered this long, so a redelivered event is recognised. */
    static final Duration CHECKOUT_MARKER_TTL = Duration.ofDays(8);

    private final RedisScripts scripts;
    private final ReactiveHashCommands<String, String, String> hashes;
    private final ObjectMapper json;
    private final RateLimits limits;

    public CartStore(ReactiveRedisDataSource redis, RedisScripts scripts, ObjectMapper json, RateLimits limits) {
        this.scripts = scripts;
        this.hashes = redis.hash(String.class, String.class, String.class);
        this.json = json;
        this.limits = limits;
    }

    /**
     * Adds {@code quantity} to a line. {@code mustExist}: refuse (NOCART) rather than create the cart. {@code count}:
     * count this write against the limits (false when retrying the same request after filling the product cache).
     */
    public Uni<WriteOutcome> add(
            CartRef cart, String ip, UUID variant, int quantity, boolean mustExist, boolean count) {
        return write(
                RedisScripts.ADD_ITEM,
                cart,
                ip,
                count,
                List.of(cart.key(), CartKeys.variant(variant), CartKeys.SUSPENDED_SHOPS),
                Integer.toString(quantity),
                Integer.toString(CartLimits.MAX_QUANTITY),
                Integer.toString(CartLimits.MAX_LINES),
                Long.toString(cart.ttl().toSeconds()),
                Instant.now().toString(),
                mustExist ? "1" : "0",
                variant.toString());
    }

    public Uni<WriteOutcome> setQuantity(CartRef cart, String ip, UUID variant, int quantity) {
        return write(
                RedisScripts.SET_QUANTITY,
                cart,
                ip,
                true,
                List.of(cart.key(), CartKeys.variant(variant)),
                Integer.toString(quantity),
                Long.toString(cart.ttl().toSeconds()),
                variant.toString());
    }

    public Uni<WriteOutcome> remove(CartRef cart, String ip, UUID variant) {
        return write(
                RedisScripts.REMOVE_ITEM,
                cart,
                ip,
                true,
                List.of(cart.key()),
                variant.toString(),
                Long.toString(cart.ttl().toSeconds()));
    }

    public Uni<WriteOutcome> clear(CartRef cart, String ip) {
        return write(RedisScripts.CLEAR_CART, cart, ip, true, List.of(cart.key()));
    }

    /** Moves the guest cart's lines into the buyer's in one atomic script; the guest cart is gone afterwards. */
    public Uni<WriteOutcome> mergeGuestIntoBuyer(CartRef buyer, String ip, String guestToken) {
        return write(
                RedisScripts.MERGE_CART,
                buyer,
                ip,
                true,
                List.of(buyer.key(), CartKeys.guest(guestToken)),
                Integer.toString(CartLimits.MAX_QUANTITY),
                Integer.toString(CartLimits.MAX_LINES),
                Long.toString(buyer.ttl().toSeconds()));
    }

    /** Removes the quoted lines of a completed checkout, once: -1 for a replay, else the lines touched. */
    public Uni<Long> checkoutCompleted(String buyerSubject, UUID checkoutId, List<StockLine> lines) {
        List<String> args = new ArrayList<>();
        args.add("2");
        args.add(CartKeys.buyer(buyerSubject));
        args.add(CartKeys.checkoutDone(checkoutId));
        args.add(Long.toString(CHECKOUT_MARKER_TTL.toSeconds()));
        for (StockLine l : lines) {
            args.add(l.variantId().toString());
            args.add(Integer.toString(l.quantity()));
        }
        return scripts.run(RedisScripts.CHECKOUT_COMPLETED, args.toArray(String[]::new))
                .map(r -> r.toLong());
    }

    /** The stored lines, oldest first. */
    public Uni<List<CartLine>> lines(String cartKey) {
        return hashes.hgetall(cartKey).map(this::lines);
    }

    private Uni<WriteOutcome> write(
            RedisScripts.Script script, CartRef cart, String ip, boolean count, List<String> keys, String... args) {
        RateLimits.RateLimit rl = limits.rateLimit();
        boolean limited = count && rl.enabled();
        List<String> all = new ArrayList<>(3 + keys.size() + 3 + args.length);
        all.add(Integer.toString(2 + keys.size()));
        all.add(cart.userRateKey() == null ? CartKeys.NO_KEY : cart.userRateKey());
        all.add(ip == null ? CartKeys.NO_KEY : CartKeys.ipRate(ip));
        all.addAll(keys);
        all.add(Integer.toString(rl.perUser()));
        all.add(Integer.toString(rl.perIp()));
        all.add(limited ? Long.toString(rl.window().toMillis()) : "0");
        all.addAll(List.of(args));
        return scripts.run(script, all.toArray(String[]::new)).map(WriteOutcome::of);
    }

    private List<CartLine> lines(Map<String, String> fields) {
        List<CartLine> lines = new ArrayList<>(fields.size());
        fields.forEach((variant, value) -> lines.add(line(variant, value)));
        lines.sort(Comparator.comparing(CartLine::addedAt).thenComparing(CartLine::variantId));
        return lines;
    }

    /** A stored line's JSON (as a write script returns it) as a CartLine. */
    public CartLine line(UUID variant, String value) {
        return line(variant.toString(), value);
    }

    private CartLine line(String variant, String value) {
        try {
            JsonNode n = json.readTree(value);
            Money price = n.hasNonNull("price") && n.hasNonNull("currency")
                    ? Money.of(n.get("price").asLong(), n.get("currency").asText())
                    : null;
            return new CartLine(
                    UUID.fromString(variant),
                    n.path("quantity").asInt(),
                    Instant.parse(n.path("addedAt").asText()),
                    uuid(n, "productId"),
                    uuid(n, "shopId"),
                    n.hasNonNull("title") ? n.get("title").asText() : null,
                    price);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable cart line for variant " + variant, e);
        }
    }

    private static UUID uuid(JsonNode n, String field) {
        return n.hasNonNull(field) ? UUID.fromString(n.get(field).asText()) : null;
    }
}
