package dev.bazaar.kit.admission;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bazaar.kit.problem.Problem;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The in-flight limit on a real Vert.x HTTP server, in front of routes that answer only when the test says so. The
 * server pauses every request before routing it, as Quarkus does.
 */
class InFlightLimitTest {

    static final int LIMIT = 4;
    static final Duration WAIT = Duration.ofSeconds(10);

    static Vertx vertx;

    HttpServer server;
    HttpClient client;
    InFlightLimit limit;
    final AtomicInteger refusals = new AtomicInteger();
    /** Requests the route holds: each answers 200 when released. */
    final Queue<RoutingContext> held = new ConcurrentLinkedQueue<>();
    /** Streamed responses (head and a first event written), ended when released. */
    final Queue<RoutingContext> streams = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void closeVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), SECONDS);
    }

    @BeforeEach
    void startServer() throws Exception {
        byte[] problem = new ObjectMapper().writeValueAsBytes(Problem.busy());
        limit = new InFlightLimit(
                LIMIT, Duration.ofSeconds(1), "/q/", Buffer.buffer(problem), ctx -> refusals.incrementAndGet());
        Router router = Router.router(vertx);
        router.route().order(AdmissionControl.ORDER).handler(limit);
        router.route("/held").handler(held::add);
        router.get("/q/health").handler(ctx -> ctx.response().end("UP"));
        router.get("/stream").handler(ctx -> {
            ctx.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
            ctx.response().write("event: unread\ndata: 1\n\n");
            streams.add(ctx);
        });
        router.get("/boom").handler(ctx -> {
            throw new IllegalStateException("a handler that fails");
        });
        server = vertx.createHttpServer()
                .requestHandler(request -> {
                    request.pause();
                    router.handle(request);
                })
                .listen(0, "localhost")
                .toCompletionStage()
                .toCompletableFuture()
                .get(WAIT.toSeconds(), SECONDS);
        client = client(32);
    }

    @AfterEach
    void stopServer() throws Exception {
        release(held);
        release(streams);
        client.close();
        server.close().toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), SECONDS);
    }

    @Test
    void pastTheLimitARequestIsRefusedAtOnceWithRetryAfterAndAProblem() throws Exception {
        List<CompletableFuture<Answer>> first = hold(LIMIT);
        assertThat(limit.inFlight()).isEqualTo(LIMIT);

        Answer refused = send(client, HttpMethod.GET, "/held", null).get(WAIT.toSeconds(), SECONDS);

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.headers().get("Retry-After")).isEqualTo("1");
        assertThat(refused.headers().get("Content-Type")).isEqualTo("application/problem+json");
        JsonObject body = new JsonObject(refused.body());
        assertThat(body.getString("type")).isEqualTo("https://bazaar.dev/problems/busy");
        assertThat(body.getString("title")).isEqualTo("Service unavailable");
        assertThat(body.getInteger("status")).isEqualTo(503);
        assertThat(body.getString("detail")).isEqualTo("The service is busy; try again in a moment.");
        assertThat(refusals.get()).isEqualTo(1);
        assertThat(held).as("the refused request never reached the route").hasSize(LIMIT);
        assertThat(limit.inFlight()).isEqualTo(LIMIT);

        // Quarkus' own endpoints (liveness, readiness, metrics) answer whatever the load
        assertThat(send(client, HttpMethod.GET, "/q/health", null)
                        .get(WAIT.toSeconds(), SECONDS)
                        .status())
                .isEqualTo(200);
        assertThat(refusals.get()).isEqualTo(1);

        release(held);
        for (CompletableFuture<Answer> answer : first) {
            Answer a = answer.get(WAIT.toSeconds(), SECONDS);
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.body()).isEqualTo("released");
        }
        await().atMost(WAIT).until(() -> limit.inFlight() == 0);

        // there is room again, for as many as before
        List<CompletableFuture<Answer>> again = hold(LIMIT);
        release(held);
        for (CompletableFuture<Answer> answer : again) {
            assertThat(answer.get(WAIT.toSeconds(), SECONDS).status()).isEqualTo(200);
        }
        assertThat(refusals.get()).isEqualTo(1);
        await().atMost(WAIT).until(() -> limit.inFlight() == 0);
    }

    @Test
    void aClientThatLeavesMidRequestGivesItsPlaceBack() throws Exception {
        // more clients leave than there are places: a leak would fill the limit
        for (int i = 0; i < 3 * LIMIT; i++) {
            try (Socket socket = new Socket("localhost", server.actualPort())) {
                OutputStream out = socket.getOutputStream();
                out.write("GET /held HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                await().atMost(WAIT).until(() -> limit.inFlight() == 1);
            }
            await().atMost(WAIT).until(() -> limit.inFlight() == 0);
        }
        // all at once too
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < LIMIT; i++) {
            Socket socket = new Socket("localhost", server.actualPort());
            socket.getOutputStream()
                    .write("GET /held HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            sockets.add(socket);
        }
        await().atMost(WAIT).until(() -> limit.inFlight() == LIMIT);
        for (Socket socket : sockets) {
            socket.close();
        }
        await().atMost(WAIT).until(() -> limit.inFlight() == 0);
        held.clear(); // gone with their connections

        List<CompletableFuture<Answer>> after = hold(LIMIT);
        release(held);
        for (CompletableFuture<Answer> answer : after) {
            assertThat(answer.get(WAIT.toSeconds(), SECONDS).status()).isEqualTo(200);
        }
        assertThat(refusals.get()).isZero();
    }

    @Test
    void aFailingHandlerGivesItsPlaceBack() throws Exception {
        for (int i = 0; i < 2 * LIMIT; i++) {
            assertThat(send(client, HttpMethod.GET, "/boom", null)
                            .get(WAIT.toSeconds(), SECONDS)
                            .status())
                    .isEqualTo(500);
        }
        await().atMost(WAIT).until(() -> limit.inFlight() == 0);
        assertThat(refusals.get()).isZero();
    }

    @Test
    void aStreamedResponseStopsCountingOnceItHasStarted() throws Exception {
        // server-sent events stay open for minutes: more streams than the limit, all open at once
        List<CompletableFuture<Buffer>> open = new ArrayList<>();
        for (int i = 0; i < 2 * LIMIT; i++) {
            CompletableFuture<Buffer> body = new CompletableFuture<>();
            int status = client.request(HttpMethod.GET, "/stream")
                    .compose(request -> request.send())
                    .map(response -> {
                        response.body().onSuccess(body::complete).onFailure(body::completeExceptionally);
                        return response.statusCode();
                    })
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(WAIT.toSeconds(), SECONDS);
            assertThat(status).isEqualTo(200);
            open.add(body);
        }
        assertThat(streams).hasSize(2 * LIMIT);
        assertThat(limit.inFlight()).isZero();
        assertThat(refusals.get()).isZero();

        // and they take no place from the requests that do work
        List<CompletableFuture<Answer>> working = hold(LIMIT);
        release(held);
        for (CompletableFuture<Answer> answer : working) {
            assertThat(answer.get(WAIT.toSeconds(), SECONDS).status()).isEqualTo(200);
        }
        release(streams);
        for (CompletableFuture<Buffer> body : open) {
            assertThat(body.get(WAIT.toSeconds(), SECONDS).toString()).startsWith("event: unread");
        }
        await().atMost(WAIT).until(() -> limit.inFlight() == 0);
    }

    @Test
    void aRefusedRequestsBodyIsLetPastUnreadSoItsConnectionCarriesTheNextRequest() throws Exception {
        List<CompletableFuture<Answer>> first = hold(LIMIT);
        HttpClient oneConnection = client(1);
        try {
            // larger than what the server and the sockets buffer: unless the server lets it pass, the upload stalls
            // and the connection never carries another request
            Buffer upload = Buffer.buffer(new byte[16 * 1024 * 1024]);
            Answer refused =
                    send(oneConnection, HttpMethod.POST, "/held", upload).get(WAIT.toSeconds(), SECONDS);
            assertThat(refused.status()).isEqualTo(503);

            Answer next = send(oneConnection, HttpMethod.GET, "/q/health", null).get(WAIT.toSeconds(), SECONDS);
            assertThat(next.status()).isEqualTo(200);
        } finally {
            oneConnection.close();
        }
        release(held);
        for (CompletableFuture<Answer> answer : first) {
            assertThat(answer.get(WAIT.toSeconds(), SECONDS).status()).isEqualTo(200);
        }
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> new InFlightLimit(0, Duration.ofSeconds(1), "/q/", Buffer.buffer(), ctx -> {}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(InFlightLimit.retryAfterSeconds(Duration.ZERO)).isEqualTo(1);
        assertThat(InFlightLimit.retryAfterSeconds(Duration.ofMillis(1500))).isEqualTo(2);
        assertThat(InFlightLimit.retryAfterSeconds(Duration.ofSeconds(30))).isEqualTo(30);
    }

    @Test
    void quarkusEndpointsAreWhereItsSettingsPutThem() {
        assertThat(AdmissionControl.exemptPrefix("/", "q")).isEqualTo("/q/");
        assertThat(AdmissionControl.exemptPrefix("/", "/q/")).isEqualTo("/q/");
        assertThat(AdmissionControl.exemptPrefix("/api", "q")).isEqualTo("/api/q/");
        assertThat(AdmissionControl.exemptPrefix("/api/", "/management")).isEqualTo("/management/");
        assertThat(AdmissionControl.exemptPrefix("/", "/")).isNull();
    }

    /** Sends {@code n} requests the route holds and waits until it holds them all. */
    private List<CompletableFuture<Answer>> hold(int n) {
        int before = held.size();
        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            answers.add(send(client, HttpMethod.GET, "/held", null));
        }
        await().atMost(WAIT).until(() -> held.size() == before + n);
        return answers;
    }

    private static void release(Queue<RoutingContext> requests) {
        RoutingContext ctx;
        while ((ctx = requests.poll()) != null) {
            if (!ctx.response().ended() && !ctx.response().closed()) {
                ctx.response().end("released");
            }
        }
    }

    private HttpClient client(int connections) {
        return vertx.createHttpClient(
                new HttpClientOptions().setDefaultHost("localhost").setDefaultPort(server.actualPort()),
                new PoolOptions().setHttp1MaxSize(connections));
    }

    private static CompletableFuture<Answer> send(HttpClient client, HttpMethod method, String path, Buffer body) {
        return client.request(method, path)
                .compose(request -> body == null ? request.send() : request.send(body))
                .compose(response ->
                        response.body().map(b -> new Answer(response.statusCode(), response.headers(), b.toString())))
                .toCompletionStage()
                .toCompletableFuture();
    }

    record Answer(int status, MultiMap headers, String body) {}
}
