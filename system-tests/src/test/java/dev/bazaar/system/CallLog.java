package dev.bazaar.system;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Remembers the last HTTP call the journey made (method, URL, status, problem+json fields), so that a failed step can
 * say which call went wrong and what the service said. Installed once as a RestAssured filter; the journey runs its
 * calls one after the other, so "last" is the one that failed (or, for a wait that ran out, the last poll).
 */
final class CallLog implements Filter {

    /** One call; {@code status} is 0 when no answer came (refused, timed out). */
    record Call(String method, String uri, int status, String contentType, String body, String retryAfter) {

        boolean answered() {
            return status > 0;
        }

        boolean problem() {
            return contentType != null && contentType.startsWith("application/problem+json") && body != null;
        }

        String problemField(String name) {
            if (!problem()) {
                return null;
            }
            try {
                Object v = JsonPath.from(body).get(name);
                return v == null ? null : v.toString();
            } catch (RuntimeException e) {
                return null;
            }
        }

        /** The port of the URL (which service was called). */
        int port() {
            try {
                return java.net.URI.create(uri).getPort();
            } catch (RuntimeException e) {
                return -1;
            }
        }
    }

    private static final CallLog INSTANCE = new CallLog();
    private static final AtomicReference<Call> LAST = new AtomicReference<>();

    private CallLog() {}

    /** Installs the filter (once per JVM). */
    static synchronized void install() {
        if (!RestAssured.filters().contains(INSTANCE)) {
            RestAssured.filters(INSTANCE);
        }
    }

    static Call last() {
        return LAST.get();
    }

    static void clear() {
        LAST.set(null);
    }

    @Override
    public Response filter(
            FilterableRequestSpecification request, FilterableResponseSpecification response, FilterContext ctx) {
        LAST.set(new Call(request.getMethod(), request.getURI(), 0, null, null, null));
        Response r = ctx.next(request, response);
        String type = r.getContentType();
        String body = null;
        if (type != null && (type.contains("json") || type.startsWith("text/"))) {
            body = r.asString();
            if (body != null && body.length() > 4_000) {
                body = body.substring(0, 4_000) + "…";
            }
        }
        LAST.set(new Call(
                request.getMethod(), request.getURI(), r.statusCode(), type, body, r.getHeader("Retry-After")));
        return r;
    }
}
