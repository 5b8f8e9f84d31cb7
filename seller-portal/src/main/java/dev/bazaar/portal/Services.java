package dev.bazaar.portal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The portal's calls to the services' public APIs, always with the signed-in user's own access token: the services
 * decide what the user may see and do (tenancy is theirs, not the portal's). Non-blocking (Vert.x web client).
 */
@ApplicationScoped
public class Services {

    public enum Target { CATALOG, ORDER, PAYMENT }

    /** A service's answer: its status and its JSON body (maps and lists), or null when it had none. */
    public record Reply(int status, Object json) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        @SuppressWarnings("unchecked")
        public Map<String, Object> map() {
            return json instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        }

        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> list() {
            if (json instanceof List<?> l) {
                return (List<Map<String, Object>>) l;
            }
            Object items = map().get("items");
            return items instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
        }

        /** A problem+json's field errors, by field (shown next to the form's fields). */
        @SuppressWarnings("unchecked")
        public Map<String, String> fieldErrors() {
            Map<String, String> errors = new LinkedHashMap<>();
            if (map().get("violations") instanceof List<?> vs) {
                for (Object v : vs) {
                    Map<String, Object> violation = (Map<String, Object>) v;
                    errors.merge(String.valueOf(violation.get("field")), String.valueOf(violation.get("message")),
                            (a, b) -> a + "; " + b);
                }
            }
            return errors;
        }

        /** Why a change was refused, in one line: the field errors, else the problem's detail. */
        public String explain() {
            Map<String, String> errors = fieldErrors();
            return errors.isEmpty() ? detail() : String.join("; ", errors.entrySet().stream()
                    .map(e -> e.getKey() + ": " + e.getValue()).toList());
        }

        /** What to tell the user when a call was refused. */
        public String detail() {
            Object d = map().get("detail");
            return d != null ? d.toString() : "The service answered " + status + ".";
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebClient client;
    private final Map<Target, URI> bases;
    private final Duration timeout;

    public Services(Vertx vertx, @ConfigProperty(name = "bazaar.portal.catalog-url") URI catalog,
            @ConfigProperty(name = "bazaar.portal.order-url") URI order,
            @ConfigProperty(name = "bazaar.portal.payment-url") URI payment,
            @ConfigProperty(name = "bazaar.portal.call-timeout") Duration timeout) {
        this.client = WebClient.create(vertx);
        this.bases = Map.of(Target.CATALOG, catalog, Target.ORDER, order, Target.PAYMENT, payment);
        this.timeout = timeout;
    }

    public Uni<Reply> get(Target target, String path, String token) {
        return send(HttpMethod.GET, target, path, null, token);
    }

    public Uni<Reply> post(Target target, String path, Object body, String token) {
        return send(HttpMethod.POST, target, path, body, token);
    }

    public Uni<Reply> send(HttpMethod method, Target target, String path, Object body, String token) {
        var request = client.requestAbs(method, bases.get(target).toString() + path)
                .putHeader("Authorization", "Bearer " + token)
                .putHeader("Accept", "application/json")
                .timeout(timeout.toMillis());
        Uni<HttpResponse<Buffer>> sent;
        if (body == null) {
            sent = request.send();
        } else {
            try {
                sent = request.putHeader("Content-Type", "application/json")
                        .sendBuffer(Buffer.buffer(JSON.writeValueAsBytes(body)));
            } catch (IOException e) {
                return Uni.createFrom().failure(e);
            }
        }
        return sent.map(r -> new Reply(r.statusCode(), parse(r.bodyAsString())));
    }

    private static Object parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readValue(body, Object.class);
        } catch (IOException e) {
            return Map.of("detail", body.length() > 200 ? body.substring(0, 200) : body);
        }
    }
}
