package dev.bazaar.cart;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for catalog-service's internal lookup in cart tests (the catalog is its own module; system-tests run the
 * real one). It answers in the catalog's response shape, refuses calls without a bearer token, and can be taken down
 * to show that a catalog outage does not break carts.
 */
public final class CatalogStub {

    public static final int PORT = 18581;
    private static final Map<UUID, JsonObject> VARIANTS = new ConcurrentHashMap<>();
    private static final AtomicBoolean DOWN = new AtomicBoolean();
    private static final AtomicInteger CALLS = new AtomicInteger();
    private static volatile HttpServer server;

    private CatalogStub() {}

    public static synchronized void start() throws Exception {
        if (server != null) {
            return;
        }
        server = Vertx.vertx()
                .createHttpServer()
                .requestHandler(req -> req.body().onSuccess(body -> {
                    CALLS.incrementAndGet();
                    String auth = req.getHeader("Authorization");
                    if (DOWN.get()) {
                        req.response().setStatusCode(503).end();
                    } else if (auth == null || !auth.startsWith("Bearer ")) {
                        req.response().setStatusCode(401).end();
                    } else if (!req.path().equals("/api/v1/internal/variants/lookup")) {
                        req.response().setStatusCode(404).end();
                    } else {
                        JsonArray items = new JsonArray();
                        body.toJsonObject().getJsonArray("variantIds").forEach(id -> {
                            JsonObject v = VARIANTS.get(UUID.fromString((String) id));
                            if (v != null) {
                                items.add(v);
                            }
                        });
                        req.response()
                                .putHeader("Content-Type", "application/json")
                                .end(new JsonObject().put("items", items).encode());
                    }
                }))
                .listen(PORT)
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    /** A variant the catalog knows, as its lookup answers it. */
    public static void knows(
            UUID variantId,
            UUID productId,
            UUID shopId,
            String title,
            long priceCents,
            int available,
            boolean sellable,
            long version) {
        VARIANTS.put(
                variantId,
                new JsonObject()
                        .put("variantId", variantId.toString())
                        .put("productId", productId.toString())
                        .put("shopId", shopId.toString())
                        .put("title", title)
                        .put("sku", "SKU-" + variantId.toString().substring(0, 8))
                        .put("price", new JsonObject().put("amount", priceCents).put("currency", "USD"))
                        .put("available", available)
                        .put("weightGrams", 500)
                        .put("categoryId", UUID.randomUUID().toString())
                        .put("commissionRateBps", 1000)
                        .put("sellable", sellable)
                        .put("productVersion", version));
    }

    public static void down(boolean down) {
        DOWN.set(down);
    }

    public static int calls() {
        return CALLS.get();
    }
}
