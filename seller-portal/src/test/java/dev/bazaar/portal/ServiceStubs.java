package dev.bazaar.portal;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The catalog, order, payment, notification, review, checkout and cart services as the portal's tests see them: small servers answering what a test told
 * them (a status and a JSON body per method and path), in the services' real response shapes; the packaged services
 * meet the portal in system-tests. This resource only picks their free ports (the portal's URLs point there);
 * {@link #started()} binds them, in the tests' class loader, so a test and its stubs share their answers.
 */
@QuarkusTestResource(value = ServiceStubs.class, restrictToAnnotatedClass = false)
public class ServiceStubs implements QuarkusTestResourceLifecycleManager {

    public enum Service {
        CATALOG,
        ORDER,
        PAYMENT,
        NOTIFICATION,
        REVIEW,
        CHECKOUT,
        CART
    }

    /** What a stub answers: {@code contentType} null for JSON (problem+json for 4xx/5xx). */
    public record Answer(int status, String json, long delayMillis, String contentType) {}

    /**
     * The last request a stub had at a method and path: its bearer token, query string (raw, or null), body (as UTF-8
     * text) and content type.
     */
    public record Seen(String authorization, String query, String body, String contentType) {}

    private static final Map<String, Answer> ANSWERS = new ConcurrentHashMap<>();
    private static final Map<String, Seen> SEEN = new ConcurrentHashMap<>();
    private static Vertx vertx;

    @Override
    public Map<String, String> start() {
        return Map.of(
                "bazaar.portal.catalog-url",
                "http://localhost:" + freePort(),
                "bazaar.portal.order-url",
                "http://localhost:" + freePort(),
                "bazaar.portal.payment-url",
                "http://localhost:" + freePort(),
                "bazaar.portal.notification-url",
                "http://localhost:" + freePort(),
                "bazaar.portal.review-url",
                "http://localhost:" + freePort(),
                "bazaar.portal.checkout-url",
                "http://localhost:" + freePort(),
                "bazaar.portal.cart-url",
                "http://localhost:" + freePort());
    }

    @Override
    public void stop() {}

    /** Binds the stubs at the portal's service URLs (once); forgets earlier answers. */
    public static synchronized void started() {
        ANSWERS.clear();
        SEEN.clear();
        if (vertx != null) {
            return;
        }
        vertx = Vertx.vertx();
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        for (Service s : Service.values()) {
            int port = config.getValue(
                            "bazaar.portal." + s.name().toLowerCase(Locale.ROOT) + "-url", java.net.URI.class)
                    .getPort();
            HttpServer server = vertx.createHttpServer()
                    .requestHandler(req -> req.body().onSuccess(body -> {
                        String key = s + " " + req.method() + " " + req.path();
                        SEEN.put(
                                key,
                                new Seen(
                                        req.getHeader("Authorization"),
                                        req.query(),
                                        body.toString(),
                                        req.getHeader("Content-Type")));
                        Answer a = ANSWERS.getOrDefault(
                                key,
                                new Answer(
                                        404,
                                        "{\"status\":404,\"detail\":\"Not stubbed: " + req.method() + " " + req.path()
                                                + "\"}",
                                        0,
                                        null));
                        if (a.status() == 0) {
                            req.connection().close();
                            return;
                        }
                        Runnable send = () -> req.response()
                                .setStatusCode(a.status())
                                .putHeader(
                                        "Content-Type",
                                        a.contentType() != null
                                                ? a.contentType()
                                                : a.status() >= 400 ? "application/problem+json" : "application/json")
                                .end(a.json());
                        if (a.delayMillis() > 0) {
                            vertx.setTimer(a.delayMillis(), t -> send.run());
                        } else {
                            send.run();
                        }
                    }));
            try {
                server.listen(port).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("stub " + s + " could not listen on " + port, e);
            }
        }
    }

    public static void answer(Service service, String method, String path, int status, String json) {
        answerLate(service, method, path, status, json, 0);
    }

    /** Answers after {@code delayMillis} (a service too slow for the portal's timeout). */
    public static void answerLate(
            Service service, String method, String path, int status, String json, long delayMillis) {
        ANSWERS.put(service + " " + method + " " + path, new Answer(status, json, delayMillis, null));
    }

    /** The call fails as if the service were down: the connection is closed without an answer. */
    public static void down(Service service, String method, String path) {
        ANSWERS.put(service + " " + method + " " + path, new Answer(0, "", 0, null));
    }

    /** Answers a GET with server-sent events ({@code events}, as on the wire), then ends the stream. */
    public static void answerEvents(Service service, String path, String events) {
        ANSWERS.put(service + " GET " + path, new Answer(200, events, 0, "text/event-stream"));
    }

    public static Seen seen(Service service, String method, String path) {
        return SEEN.get(service + " " + method + " " + path);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
