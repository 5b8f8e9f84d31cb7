package dev.bazaar.kit.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bazaar.kit.config.KitSettings;
import dev.bazaar.kit.problem.Problem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Every service that has the kit refuses what it cannot hold (#28): an {@link InFlightLimit} of
 * {@code bazaar.kit.admission.max-in-flight} requests on the application's router, after the CORS filter (a browser
 * can read the refusal and its {@code Retry-After}, which the kit's CORS settings expose) and before authentication
 * and everything else. Without it an open-model overload (1,000 adds/s on a cold cart at {@code -Xmx256m}) piled
 * requests up until the heap was full and every request timed out; with it the excess is answered 503 {@code busy}
 * at once and the rest is served.
 *
 * <p>Metrics: {@code bazaar_http_shed_total} (requests refused), {@code bazaar_http_in_flight} and
 * {@code bazaar_http_in_flight_max}. A refused request is recorded in {@code http_server_requests} under the uri
 * {@code /shed}, as Quarkus records an unmatched CORS preflight under {@code /cors-preflight}: it never reaches the
 * REST layer that would name its route template, and its raw path (ids in it) would take one uri value each, up to
 * Quarkus' limit of uri values ({@code quarkus.micrometer.binder.http-server.max-uri-tags}) past which the routes
 * not seen yet would not be recorded at all.
 */
@ApplicationScoped
public class AdmissionControl {

    private static final Logger LOG = Logger.getLogger(AdmissionControl.class);

    /** The route's order: after CORS (priority 300 → order -300), before authentication (200 → -200). */
    static final int ORDER = -(SecurityHandlerPriorities.AUTHENTICATION + 50);

    /** The uri tag of refused requests in {@code http_server_requests}. */
    static final String SHED_URI = "/shed";

    /**
     * The request-context local in which Quarkus' REST layer leaves the route template that its Micrometer HTTP
     * metrics use as the uri tag (quarkus-rest's ObservabilityUtil, quarkus-micrometer's HttpRequestMetric).
     * AdmissionControlTest fails if a Quarkus upgrade renames it.
     */
    private static final String URL_PATH_TEMPLATE = "UrlPathTemplate";

    private volatile InFlightLimit limit;

    void install(
            @Observes Router router,
            KitSettings.Kit kit,
            ObjectMapper json,
            Instance<MeterRegistry> registry,
            @ConfigProperty(name = "quarkus.http.root-path", defaultValue = "/") String rootPath,
            @ConfigProperty(name = "quarkus.http.non-application-root-path", defaultValue = "q")
                    String nonApplicationRootPath) {
        KitSettings.Kit.Admission settings = kit.admission();
        if (!settings.enabled()) {
            LOG.info("HTTP admission off (bazaar.kit.admission.enabled=false): requests in flight are not bounded");
            return;
        }
        String exempt = exemptPrefix(rootPath, nonApplicationRootPath);
        if (exempt == null) {
            LOG.warnf(
                    "HTTP admission: Quarkus' endpoints are at the root (%s): health and metrics are counted and may "
                            + "be refused like any request",
                    nonApplicationRootPath);
        }
        MeterRegistry metrics = registry.isResolvable() ? registry.get() : null;
        Counter shed = metrics == null
                ? null
                : Counter.builder("bazaar.http.shed")
                        .description("HTTP requests refused at once (503 busy): too many in flight")
                        .register(metrics);
        InFlightLimit l =
                new InFlightLimit(settings.maxInFlight(), settings.retryAfter(), exempt, refusal(json), ctx -> {
                    if (shed != null) {
                        shed.increment();
                    }
                    // where Quarkus' REST layer puts a request's route template, which its HTTP metrics read
                    ((HttpServerRequestInternal) ctx.request()).context().putLocal(URL_PATH_TEMPLATE, SHED_URI);
                });
        if (metrics != null) {
            Gauge.builder("bazaar.http.in.flight", l, InFlightLimit::inFlight)
                    .description("HTTP requests in flight: arrived, response not started yet (not /q/)")
                    .strongReference(true)
                    .register(metrics);
            Gauge.builder("bazaar.http.in.flight.max", l, InFlightLimit::max)
                    .description("HTTP requests in flight at most (bazaar.kit.admission.max-in-flight)")
                    .strongReference(true)
                    .register(metrics);
        }
        router.route().order(ORDER).handler(l);
        this.limit = l;
        LOG.infof(
                "HTTP admission: at most %d requests in flight, more are refused with 503 (Retry-After %d s)%s",
                l.max(),
                InFlightLimit.retryAfterSeconds(settings.retryAfter()),
                exempt == null ? "" : "; " + exempt + " is never refused");
    }

    /** Requests in flight now; -1 when admission is off (or the router is not built yet). */
    public int inFlight() {
        InFlightLimit l = limit;
        return l == null ? -1 : l.inFlight();
    }

    /**
     * Where Quarkus serves its own endpoints ({@code /q/} by default): the non-application root path, absolute or
     * under the root path; null when that is the root itself (nothing can be exempted then).
     */
    static String exemptPrefix(String rootPath, String nonApplicationRootPath) {
        String root = rootPath.endsWith("/") ? rootPath : rootPath + "/";
        String path = nonApplicationRootPath.startsWith("/") ? nonApplicationRootPath : root + nonApplicationRootPath;
        String prefix = path.endsWith("/") ? path : path + "/";
        return prefix.equals("/") ? null : prefix;
    }

    /** The refusal's body, once: the kit's 503 {@code busy}, as ProblemMappers writes it (without an instance). */
    private static Buffer refusal(ObjectMapper json) {
        try {
            return Buffer.buffer(json.writeValueAsBytes(Problem.busy()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the busy problem", e);
        }
    }
}
