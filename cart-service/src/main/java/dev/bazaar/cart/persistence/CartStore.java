package dev.bazaar.cart.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bazaar.cart.domain.Cart;
import dev.bazaar.cart.domain.CartKeys;
import dev.bazaar.cart.domain.CartLimits;
import dev.bazaar.cart.domain.CartLine;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Carts in Redis: one hash per cart, one field per variant, the value a small JSON line. */
@ApplicationScoped
public class CartStore {

    private static final String MERGE_SCRIPT = resource("/lua/merge-cart.lua");

    private final ReactiveRedisDataSource redis;
    private final ReactiveHashCommands<String, String, String> hashes;
    private final ObjectMapper json;

    public CartStore(ReactiveRedisDataSource redis, ObjectMapper json) {
        this.redis = redis;
        this.hashes = redis.hash(String.class, String.class, String.class);
        this.json = json;
    }

    public record MergeResult(int merged, int skipped) {
    }

    /** Moves the guest cart's lines into the buyer's in one atomic script; the guest cart is gone afterwards. */
    public Uni<MergeResult> mergeGuestIntoBuyer(String guestToken, String buyerSubject) {
        return redis.execute("EVAL", MERGE_SCRIPT, "2", CartKeys.buyer(buyerSubject), CartKeys.guest(guestToken),
                Integer.toString(CartLimits.MAX_QUANTITY), Integer.toString(CartLimits.MAX_LINES),
                Long.toString(CartLimits.BUYER_TTL.toSeconds()))
                .map(CartStore::toMergeResult);
    }

    public Uni<Cart> buyerCart(String subject) {
        return hashes.hgetall(CartKeys.buyer(subject)).map(fields -> Cart.of(subject, lines(fields)));
    }

    private List<CartLine> lines(Map<String, String> fields) {
        List<CartLine> lines = new ArrayList<>(fields.size());
        fields.forEach((variant, value) -> lines.add(line(variant, value)));
        lines.sort(Comparator.comparing(CartLine::addedAt).thenComparing(CartLine::variantId));
        return lines;
    }

    private CartLine line(String variant, String value) {
        try {
            JsonNode n = json.readTree(value);
            return new CartLine(UUID.fromString(variant), n.path("quantity").asInt(),
                    Instant.parse(n.path("addedAt").asText()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable cart line for variant " + variant, e);
        }
    }

    private static MergeResult toMergeResult(Response r) {
        return new MergeResult(r.get(0).toInteger(), r.get(1).toInteger());
    }

    private static String resource(String path) {
        try (InputStream in = CartStore.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
