package dev.bazaar.portal.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * Turns a service's error answer into a {@link Refusal} carrying its problem+json (a body that is not JSON becomes
 * the problem's detail, cut at 200 characters), so the pages can show why a call was refused. It reads with the
 * application's {@link ObjectMapper} (Quarkus's, with its modules and customizers), not one of its own: Quarkus makes
 * every {@code @RegisterProvider} class a bean and the REST client takes it from CDI, for the typed clients and the
 * console's hand-built ones alike. {@code @Singleton}, not a proxied scope: the client gets the class itself.
 */
@Singleton
public class Refusals implements ResponseExceptionMapper<Refusal> {

    private final ObjectMapper json;

    public Refusals(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Refusal toThrowable(Response response) {
        String body = response.hasEntity() ? response.readEntity(String.class) : null;
        return new Refusal(response.getStatus(), problem(body));
    }

    Problem problem(String body) {
        if (body == null || body.isBlank()) {
            return Problem.NONE;
        }
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (IOException notJson) {
            return new Problem(body.length() > 200 ? body.substring(0, 200) : body, null);
        }
        try {
            return tree.isObject() ? json.treeToValue(tree, Problem.class) : Problem.NONE;
        } catch (IOException notAProblem) {
            return Problem.NONE;
        }
    }
}
