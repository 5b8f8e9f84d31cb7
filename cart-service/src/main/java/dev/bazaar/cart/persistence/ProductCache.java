package dev.bazaar.cart.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bazaar.cart.domain.CartKeys;
import dev.bazaar.cart.domain.ProductSummary;
import dev.bazaar.contracts.money.Money;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.set.ReactiveSetCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The cart's copy of product data, one Redis key per variant ({@code cart:variant:<id>}), written only through the
 * version-guarded {@code cache-put} script. Entries live a week after their last write; events keep them fresh and a
 * miss asks the catalog.
 */
@ApplicationScoped
public class ProductCache {

    static final Duration TTL = Duration.ofDays(7);

    private final RedisScripts scripts;
    private final ReactiveValueCommands<String, String> values;
    private final ReactiveSetCommands<String, String> sets;
    private final ReactiveKeyCommands<String> keys;
    private final ObjectMapper json;

    public ProductCache(ReactiveRedisDataSource redis, RedisScripts scripts, ObjectMapper json) {
        this.scripts = scripts;
        this.values = redis.value(String.class, String.class);
        this.sets = redis.set(String.class, String.class);
        this.keys = redis.key(String.class);
        this.json = json;
    }

    /** The cached summaries of these variants (absent ones are missing from the map). */
    public Uni<Map<UUID, ProductSummary>> find(Collection<UUID> variantIds) {
        if (variantIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        String[] keys = variantIds.stream().map(CartKeys::variant).toArray(String[]::new);
        return values.mget(keys).map(found -> {
            Map<UUID, ProductSummary> out = new HashMap<>();
            for (UUID id : variantIds) {
                String raw = found.get(CartKeys.variant(id));
                if (raw != null) {
                    out.put(id, read(id, raw));
                }
            }
            return out;
        });
    }

    /** Which of these shops are suspended. */
    public Uni<Set<UUID>> suspended(Collection<UUID> shopIds) {
        List<UUID> shops = shopIds.stream().distinct().toList();
        if (shops.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return sets.smismember(
                        CartKeys.SUSPENDED_SHOPS,
                        shops.stream().map(UUID::toString).toArray(String[]::new))
                .map(flags -> {
                    Set<UUID> out = new HashSet<>();
                    for (int i = 0; i < shops.size(); i++) {
                        if (Boolean.TRUE.equals(flags.get(i))) {
                            out.add(shops.get(i));
                        }
                    }
                    return out;
                });
    }

    /** Writes a whole summary unless a newer one is cached. */
    public Uni<Boolean> put(ProductSummary s, long version, long atMillis) {
        ObjectNode n = json.createObjectNode()
                .put("productId", s.productId().toString())
                .put("shopId", s.shopId().toString())
                .put("title", s.title())
                .put("price", s.price().amount())
                .put("currency", s.price().currency().getCurrencyCode())
                .put("available", s.available())
                .put("sellable", s.sellable());
        return guarded(s.variantId(), n, version, atMillis, true);
    }

    /** Updates some fields of a cached summary unless it is newer; a summary not cached stays absent. */
    public Uni<Boolean> patch(UUID variantId, ObjectNode fields, long version, long atMillis) {
        return guarded(variantId, fields, version, atMillis, false);
    }

    public ObjectNode fields() {
        return json.createObjectNode();
    }

    public static void price(ObjectNode fields, Money price) {
        fields.put("price", price.amount()).put("currency", price.currency().getCurrencyCode());
    }

    public Uni<Void> rememberVariants(UUID productId, List<UUID> variantIds) {
        String key = CartKeys.productVariants(productId);
        return sets.sadd(key, variantIds.stream().map(UUID::toString).toArray(String[]::new))
                .chain(() -> keys.expire(key, TTL))
                .replaceWithVoid();
    }

    public Uni<List<UUID>> variantsOf(UUID productId) {
        return sets.smembers(CartKeys.productVariants(productId))
                .map(ids -> ids.stream().map(UUID::fromString).toList());
    }

    /** Marks a shop suspended or not, unless a newer shop event was applied already; answers whether it was applied. */
    public Uni<Boolean> shopSuspended(UUID shopId, boolean suspended, long version) {
        return scripts.run(
                        RedisScripts.SHOP_STATUS,
                        "2",
                        CartKeys.SUSPENDED_SHOPS,
                        CartKeys.SHOP_VERSIONS,
                        shopId.toString(),
                        Long.toString(version),
                        suspended ? "1" : "0")
                .map(r -> r.toInteger() == 1);
    }

    private Uni<Boolean> guarded(UUID variantId, ObjectNode fields, long version, long atMillis, boolean full) {
        return scripts.run(
                        RedisScripts.CACHE_PUT,
                        "1",
                        CartKeys.variant(variantId),
                        Long.toString(version),
                        Long.toString(atMillis),
                        fields.toString(),
                        full ? "full" : "patch",
                        Long.toString(TTL.toSeconds()))
                .map(r -> r.toInteger() == 1);
    }

    private ProductSummary read(UUID variantId, String raw) {
        try {
            JsonNode n = json.readTree(raw);
            return new ProductSummary(
                    variantId,
                    UUID.fromString(n.get("productId").asText()),
                    UUID.fromString(n.get("shopId").asText()),
                    n.path("title").asText(),
                    Money.of(n.get("price").asLong(), n.get("currency").asText()),
                    n.path("available").asInt(),
                    n.path("sellable").asBoolean());
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalStateException("unreadable product summary for variant " + variantId, e);
        }
    }
}
