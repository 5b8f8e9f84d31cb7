package dev.bazaar.cart.persistence;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The cart's Lua scripts, sent by SHA ({@code EVALSHA}) so a write costs one small round trip; a Redis that does not
 * know a script yet (restarted, failed over) gets its text once ({@code EVAL}) and caches it again.
 */
@ApplicationScoped
public class RedisScripts {

    /** A script: its text and SHA-1. Writes carry the rate-limit prelude (two keys and three arguments first). */
    public record Script(String name, String text, String sha) {
        static Script load(String name, boolean rateLimited) {
            String body = resource("/lua/" + name + ".lua");
            String text = rateLimited ? resource("/lua/rate-limit.lua") + "\n" + body : body;
            return new Script(name, text, sha1(text));
        }
    }

    public static final Script ADD_ITEM = Script.load("add-item", true);
    public static final Script SET_QUANTITY = Script.load("set-quantity", true);
    public static final Script REMOVE_ITEM = Script.load("remove-item", true);
    public static final Script CLEAR_CART = Script.load("clear-cart", true);
    public static final Script MERGE_CART = Script.load("merge-cart", true);
    public static final Script CHECKOUT_COMPLETED = Script.load("checkout-completed", false);
    public static final Script CACHE_PUT = Script.load("cache-put", false);
    public static final Script SHOP_STATUS = Script.load("shop-status", false);

    private final ReactiveRedisDataSource redis;

    public RedisScripts(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /** {@code keysAndArgs}: the number of keys, the keys, then the arguments (as EVAL takes them). */
    public Uni<Response> run(Script script, String... keysAndArgs) {
        String[] args = new String[keysAndArgs.length + 1];
        args[0] = script.sha();
        System.arraycopy(keysAndArgs, 0, args, 1, keysAndArgs.length);
        return redis.execute("EVALSHA", args)
                .onFailure(RedisScripts::isNoScript)
                .recoverWithUni(() -> {
                    String[] eval = args.clone();
                    eval[0] = script.text();
                    return redis.execute("EVAL", eval);
                });
    }

    private static boolean isNoScript(Throwable e) {
        return e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT");
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String path) {
        try (InputStream in = RedisScripts.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
