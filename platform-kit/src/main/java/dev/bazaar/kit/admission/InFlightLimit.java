package dev.bazaar.kit.admission;

import dev.bazaar.kit.problem.Problem;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * At most {@code max} HTTP requests in flight; one more is answered at once with 503, {@code Retry-After} and a
 * problem+json body, and goes no further: no authentication, no body read or parsed, no store call. A Vert.x Web
 * handler, installed in front of every other route that does work (AdmissionControl does it in the services).
 *
 * <p>A request counts from the moment it passes here until its response starts (its head is written), its response
 * ends, or its connection closes, whichever comes first; it is released exactly once. A streamed response (server-sent
 * events, which checkout and notification keep open for minutes) so stops counting once it has started: it holds a
 * connection, not work. A request whose handler fails is ended by Vert.x Web's failure handling, which releases it.
 * Paths under {@code exempt} (Quarkus' {@code /q/}: liveness, readiness, metrics) are never counted nor refused. A
 * request that Vert.x Web reroutes passes here again and is counted again until it ends (each admission is released
 * once).
 *
 * <p>Per request admitted: one compare-and-set on an {@link AtomicInteger} and a small release guard. A refusal
 * allocates nothing of its own: the body and headers are built once.
 */
public final class InFlightLimit implements Handler<RoutingContext> {

    private static final CharSequence PROBLEM_JSON = HttpHeaders.createOptimized(Problem.MEDIA_TYPE);
    private static final CharSequence RETRY_AFTER = HttpHeaders.createOptimized("Retry-After");

    private final AtomicInteger inFlight = new AtomicInteger();
    private final int max;
    private final String exempt;
    private final CharSequence retryAfter;
    private final Buffer refusal;
    private final Handler<RoutingContext> onRefuse;

    /**
     * @param max requests in flight at most (at least 1)
     * @param retryAfter the refusal's {@code Retry-After}, sent in whole seconds (rounded up, at least 1)
     * @param exempt paths starting with this are never counted nor refused ({@code /q/}); null or empty: none
     * @param refusal the 503's problem+json body, sent as it is
     * @param onRefuse called with each refused request before its answer is sent (a counter, metrics tags)
     */
    public InFlightLimit(
            int max, Duration retryAfter, String exempt, Buffer refusal, Handler<RoutingContext> onRefuse) {
        if (max < 1) {
            throw new IllegalArgumentException("max-in-flight must be at least 1, not " + max);
        }
        this.max = max;
        this.exempt = exempt == null || exempt.isEmpty() ? null : exempt;
        this.retryAfter = HttpHeaders.createOptimized(Long.toString(retryAfterSeconds(retryAfter)));
        this.refusal = refusal;
        this.onRefuse = onRefuse;
    }

    /** {@code Retry-After} in whole seconds: rounded up, at least 1. */
    static long retryAfterSeconds(Duration retryAfter) {
        long millis = retryAfter.toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (exempt != null && ctx.normalizedPath().startsWith(exempt)) {
            ctx.next();
            return;
        }
        if (!acquire()) {
            refuse(ctx);
            return;
        }
        Slot slot = new Slot(inFlight);
        try {
            ctx.addHeadersEndHandler(slot::started);
            ctx.addEndHandler(slot);
        } catch (RuntimeException e) {
            slot.release(); // a response already ended: nothing will signal this one's end
            throw e;
        }
        if (ctx.response().closed()) {
            // the client left before the request got here: no end will be signalled for it
            slot.release();
        }
        ctx.next();
    }

    /** Requests in flight now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** The most requests in flight. */
    public int max() {
        return max;
    }

    private boolean acquire() {
        int n;
        do {
            n = inFlight.get();
            if (n >= max) {
                return false;
            }
        } while (!inFlight.compareAndSet(n, n + 1));
        return true;
    }

    private void refuse(RoutingContext ctx) {
        onRefuse.handle(ctx);
        // Quarkus pauses every request until a handler reads its body; nobody will: let whatever arrives of it pass
        // unread (dropped, never parsed) so that a kept-alive connection can carry the client's next request
        ctx.request().resume();
        ctx.response()
                .setStatusCode(503)
                .putHeader(HttpHeaders.CONTENT_TYPE, PROBLEM_JSON)
                .putHeader(RETRY_AFTER, retryAfter)
                .end(refusal);
    }

    /** One admitted request's place: given back once, by whichever of head written, end or close comes first. */
    private static final class Slot implements Handler<AsyncResult<Void>> {

        private static final AtomicIntegerFieldUpdater<Slot> RELEASED =
                AtomicIntegerFieldUpdater.newUpdater(Slot.class, "released");

        private final AtomicInteger inFlight;

        @SuppressWarnings("unused") // through RELEASED
        private volatile int released;

        Slot(AtomicInteger inFlight) {
            this.inFlight = inFlight;
        }

        /** The response ended, failed, or its connection closed. */
        @Override
        public void handle(AsyncResult<Void> ended) {
            release();
        }

        /** The response's head is being written: the request's work is done, or its stream has started. */
        void started(Void head) {
            release();
        }

        void release() {
            if (RELEASED.compareAndSet(this, 0, 1)) {
                inFlight.decrementAndGet();
            }
        }
    }
}
